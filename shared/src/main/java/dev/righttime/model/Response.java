package dev.righttime.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One response record: a decision that is (or would have been) a message, and what has become of it.
 * {@code dispatchedAt} is set once the decide step has handed it to its queue or schedule.
 * The sender and the newsroom add: {@code claimedAt} (a sender took it, status SENDING),
 * {@code sentAt} and {@code sentText} (what went out), {@code reviewedBy}/{@code reviewedAt} (who
 * approved or rejected it), {@code editedText} (the approver's version of the reply) and
 * {@code detail} (one machine word on how it ended: holding_reply, fallback_drop, rejected,
 * no_consent, no_address, no_template, provider_rejected_4xx...). The newsroom's fields: {@code card}
 * (what the editor decides from, captured at decide time), {@code assignment} (handed to a person)
 * and {@code rejectReason}.
 * {@code feedback}: what came back after the send, by {@link Feedback} wire name, each at the time
 * it was first reported (delivered, bounced, opened, clicked, complained, unsubscribed, converted,
 * opted_out); null when nothing did.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Response(
        String responseId,
        String signalId,
        String customerId,
        SignalType signalType,
        Instant occurredAt,
        Outcome outcome,
        ResponseStatus status,
        Channel channel,
        Instant sendAt,
        Instant deadline,
        Fallback fallback,
        List<Reason> reasons,
        Instant createdAt,
        Instant dispatchedAt,
        Instant claimedAt,
        Instant sentAt,
        String sentText,
        String reviewedBy,
        Instant reviewedAt,
        String editedText,
        String detail,
        Card card,
        Assignment assignment,
        String rejectReason,
        Map<String, Instant> feedback) {

    public Response {
        Objects.requireNonNull(responseId, "responseId");
        Objects.requireNonNull(signalId, "signalId");
        Objects.requireNonNull(status, "status");
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        feedback = feedback == null || feedback.isEmpty() ? null : java.util.Collections.unmodifiableMap(new TreeMap<>(feedback));
    }

    /** The record a decision starts as. */
    public static Response of(Decision d, Signal signal, Instant now) {
        return builder(ResponseIds.of(d), d.signalId(), ResponseStatus.initial(d.outcome())).customerId(d.customerId())
                .signalType(signal.type()).occurredAt(signal.occurredAt()).outcome(d.outcome()).channel(d.channel())
                .sendAt(d.sendAt()).deadline(d.deadline()).fallback(d.fallback()).reasons(d.reasons()).createdAt(now).build();
    }

    /** A record from its three required fields; the rest are set by name. */
    public static Builder builder(String responseId, String signalId, ResponseStatus status) {
        return new Builder().responseId(responseId).signalId(signalId).status(status);
    }

    /** This record's fields, to change some by name and {@link Builder#build()} a new one. */
    public Builder toBuilder() {
        return new Builder().responseId(responseId).signalId(signalId).customerId(customerId).signalType(signalType)
                .occurredAt(occurredAt).outcome(outcome).status(status).channel(channel).sendAt(sendAt).deadline(deadline)
                .fallback(fallback).reasons(reasons).createdAt(createdAt).dispatchedAt(dispatchedAt).claimedAt(claimedAt)
                .sentAt(sentAt).sentText(sentText).reviewedBy(reviewedBy).reviewedAt(reviewedAt).editedText(editedText)
                .detail(detail).card(card).assignment(assignment).rejectReason(rejectReason).feedback(feedback);
    }

    /** When it is due: the send time, or for a held response its deadline. */
    public Instant dueAt() {
        return sendAt != null ? sendAt : deadline;
    }

    @JsonIgnore
    public boolean isMessage() {
        return outcome == Outcome.SEND_NOW || outcome == Outcome.SCHEDULE || outcome == Outcome.HOLD;
    }

    public Response withStatus(ResponseStatus s) {
        return toBuilder().status(s).build();
    }

    /** The same record with the card an editor decides from. */
    public Response withCard(Card c) {
        return toBuilder().card(c).build();
    }

    /** When a provider or the customer first reported {@code kind} (delivered, opened, converted...), if ever. */
    public Optional<Instant> feedbackAt(Feedback kind) {
        return feedback == null ? Optional.empty() : Optional.ofNullable(feedback.get(kind.wire()));
    }

    /** As recorded by {@link dev.righttime.port.ResponseStore#recordFeedback}: the first report of a kind stays. */
    public Response withFeedback(Feedback kind, Instant at) {
        Map<String, Instant> f = feedback == null ? new TreeMap<>() : new TreeMap<>(feedback);
        f.putIfAbsent(kind.wire(), at);
        return toBuilder().feedback(f).build();
    }

    /** A human approved it (it may have been sent since): reviewed, and not rejected. */
    @JsonIgnore
    public boolean isApproved() {
        return reviewedAt != null && status != ResponseStatus.CANCELLED;
    }

    /** The time to response of a sent response: occurredAt to sentAt, if both are known. */
    public Optional<Duration> timeToResponse() {
        return sentAt == null || occurredAt == null ? Optional.empty()
                : Optional.of(Duration.between(occurredAt, sentAt));
    }

    /**
     * Names each field, so a record of 25 is built or changed without counting positions; Jackson
     * still reads and writes the record through its canonical constructor and accessors.
     */
    public static final class Builder {
        private String responseId;
        private String signalId;
        private String customerId;
        private SignalType signalType;
        private Instant occurredAt;
        private Outcome outcome;
        private ResponseStatus status;
        private Channel channel;
        private Instant sendAt;
        private Instant deadline;
        private Fallback fallback;
        private List<Reason> reasons;
        private Instant createdAt;
        private Instant dispatchedAt;
        private Instant claimedAt;
        private Instant sentAt;
        private String sentText;
        private String reviewedBy;
        private Instant reviewedAt;
        private String editedText;
        private String detail;
        private Card card;
        private Assignment assignment;
        private String rejectReason;
        private Map<String, Instant> feedback;

        private Builder() {
        }

        public Builder responseId(String v) {
            this.responseId = v;
            return this;
        }

        public Builder signalId(String v) {
            this.signalId = v;
            return this;
        }

        public Builder customerId(String v) {
            this.customerId = v;
            return this;
        }

        public Builder signalType(SignalType v) {
            this.signalType = v;
            return this;
        }

        public Builder occurredAt(Instant v) {
            this.occurredAt = v;
            return this;
        }

        public Builder outcome(Outcome v) {
            this.outcome = v;
            return this;
        }

        public Builder status(ResponseStatus v) {
            this.status = v;
            return this;
        }

        public Builder channel(Channel v) {
            this.channel = v;
            return this;
        }

        public Builder sendAt(Instant v) {
            this.sendAt = v;
            return this;
        }

        public Builder deadline(Instant v) {
            this.deadline = v;
            return this;
        }

        public Builder fallback(Fallback v) {
            this.fallback = v;
            return this;
        }

        public Builder reasons(List<Reason> v) {
            this.reasons = v;
            return this;
        }

        public Builder createdAt(Instant v) {
            this.createdAt = v;
            return this;
        }

        public Builder dispatchedAt(Instant v) {
            this.dispatchedAt = v;
            return this;
        }

        public Builder claimedAt(Instant v) {
            this.claimedAt = v;
            return this;
        }

        public Builder sentAt(Instant v) {
            this.sentAt = v;
            return this;
        }

        public Builder sentText(String v) {
            this.sentText = v;
            return this;
        }

        public Builder reviewedBy(String v) {
            this.reviewedBy = v;
            return this;
        }

        public Builder reviewedAt(Instant v) {
            this.reviewedAt = v;
            return this;
        }

        public Builder editedText(String v) {
            this.editedText = v;
            return this;
        }

        public Builder detail(String v) {
            this.detail = v;
            return this;
        }

        public Builder card(Card v) {
            this.card = v;
            return this;
        }

        public Builder assignment(Assignment v) {
            this.assignment = v;
            return this;
        }

        public Builder rejectReason(String v) {
            this.rejectReason = v;
            return this;
        }

        public Builder feedback(Map<String, Instant> v) {
            this.feedback = v;
            return this;
        }

        public Response build() {
            return new Response(responseId, signalId, customerId, signalType, occurredAt, outcome, status, channel, sendAt,
                    deadline, fallback, reasons, createdAt, dispatchedAt, claimedAt, sentAt, sentText, reviewedBy, reviewedAt,
                    editedText, detail, card, assignment, rejectReason, feedback);
        }
    }
}
