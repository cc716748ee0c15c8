package dev.righttime.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One response record: a decision that is (or would have been) a message, and what has become of it.
 * {@code dispatchedAt} is set once the decide step has handed it to its queue or schedule.
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
        Instant dispatchedAt) {

    public Response {
        Objects.requireNonNull(responseId, "responseId");
        Objects.requireNonNull(signalId, "signalId");
        Objects.requireNonNull(status, "status");
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    /** The record a decision starts as. */
    public static Response of(Decision d, Signal signal, Instant now) {
        return new Response(ResponseIds.of(d), d.signalId(), d.customerId(), signal.type(), signal.occurredAt(),
                d.outcome(), ResponseStatus.initial(d.outcome()), d.channel(), d.sendAt(), d.deadline(), d.fallback(),
                d.reasons(), now, null);
    }

    /** When it is due: the send time, or for a held response its deadline. */
    public Instant dueAt() {
        return sendAt != null ? sendAt : deadline;
    }

    public boolean isMessage() {
        return outcome == Outcome.SEND_NOW || outcome == Outcome.SCHEDULE || outcome == Outcome.HOLD;
    }

    public Response withStatus(ResponseStatus s) {
        return new Response(responseId, signalId, customerId, signalType, occurredAt, outcome, s, channel, sendAt,
                deadline, fallback, reasons, createdAt, dispatchedAt);
    }
}
