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

    /** Without the newsroom's fields (card, assignment, reject reason): a record about what came back after a send. */
    public Response(String responseId, String signalId, String customerId, SignalType signalType, Instant occurredAt, Outcome outcome,
                    ResponseStatus status, Channel channel, Instant sendAt, Instant deadline, Fallback fallback, List<Reason> reasons,
                    Instant createdAt, Instant dispatchedAt, Instant claimedAt, Instant sentAt, String sentText, String reviewedBy,
                    Instant reviewedAt, String editedText, String detail, Map<String, Instant> feedback) {
        this(responseId, signalId, customerId, signalType, occurredAt, outcome, status, channel, sendAt, deadline, fallback, reasons,
                createdAt, dispatchedAt, claimedAt, sentAt, sentText, reviewedBy, reviewedAt, editedText, detail, null, null, null,
                feedback);
    }

    /** With the newsroom's fields, nothing reported after a send yet. */
    public Response(String responseId, String signalId, String customerId, SignalType signalType, Instant occurredAt, Outcome outcome,
                    ResponseStatus status, Channel channel, Instant sendAt, Instant deadline, Fallback fallback, List<Reason> reasons,
                    Instant createdAt, Instant dispatchedAt, Instant claimedAt, Instant sentAt, String sentText, String reviewedBy,
                    Instant reviewedAt, String editedText, String detail, Card card, Assignment assignment, String rejectReason) {
        this(responseId, signalId, customerId, signalType, occurredAt, outcome, status, channel, sendAt, deadline, fallback, reasons,
                createdAt, dispatchedAt, claimedAt, sentAt, sentText, reviewedBy, reviewedAt, editedText, detail, card, assignment,
                rejectReason, null);
    }

    /** Without the newsroom's fields (card, assignment, reject reason). */
    public Response(String responseId, String signalId, String customerId, SignalType signalType, Instant occurredAt,
                    Outcome outcome, ResponseStatus status, Channel channel, Instant sendAt, Instant deadline,
                    Fallback fallback, List<Reason> reasons, Instant createdAt, Instant dispatchedAt, Instant claimedAt,
                    Instant sentAt, String sentText, String reviewedBy, Instant reviewedAt, String editedText,
                    String detail) {
        this(responseId, signalId, customerId, signalType, occurredAt, outcome, status, channel, sendAt, deadline,
                fallback, reasons, createdAt, dispatchedAt, claimedAt, sentAt, sentText, reviewedBy, reviewedAt,
                editedText, detail, null, null, null, null);
    }

    /** The record a decision starts as. */
    public static Response of(Decision d, Signal signal, Instant now) {
        return new Response(ResponseIds.of(d), d.signalId(), d.customerId(), signal.type(), signal.occurredAt(),
                d.outcome(), ResponseStatus.initial(d.outcome()), d.channel(), d.sendAt(), d.deadline(), d.fallback(),
                d.reasons(), now, null, null, null, null, null, null, null, null, null);
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
        return new Response(responseId, signalId, customerId, signalType, occurredAt, outcome, s, channel, sendAt,
                deadline, fallback, reasons, createdAt, dispatchedAt, claimedAt, sentAt, sentText, reviewedBy, reviewedAt,
                editedText, detail, card, assignment, rejectReason, feedback);
    }

    /** The same record with the card an editor decides from. */
    public Response withCard(Card c) {
        return new Response(responseId, signalId, customerId, signalType, occurredAt, outcome, status, channel, sendAt,
                deadline, fallback, reasons, createdAt, dispatchedAt, claimedAt, sentAt, sentText, reviewedBy, reviewedAt,
                editedText, detail, c, assignment, rejectReason, feedback);
    }

    /** When a provider or the customer first reported {@code kind} (delivered, opened, converted...), if ever. */
    public Optional<Instant> feedbackAt(Feedback kind) {
        return feedback == null ? Optional.empty() : Optional.ofNullable(feedback.get(kind.wire()));
    }

    /** As recorded by {@link dev.righttime.port.ResponseStore#recordFeedback}: the first report of a kind stays. */
    public Response withFeedback(Feedback kind, Instant at) {
        Map<String, Instant> f = feedback == null ? new TreeMap<>() : new TreeMap<>(feedback);
        f.putIfAbsent(kind.wire(), at);
        return new Response(responseId, signalId, customerId, signalType, occurredAt, outcome, status, channel, sendAt,
                deadline, fallback, reasons, createdAt, dispatchedAt, claimedAt, sentAt, sentText, reviewedBy, reviewedAt,
                editedText, detail, card, assignment, rejectReason, f);
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
}
