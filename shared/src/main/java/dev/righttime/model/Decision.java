package dev.righttime.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;

/**
 * One decision record, exactly as the spec prints it: every field present, nulls included,
 * instants as ISO-8601 UTC.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"signalId", "customerId", "outcome", "channel", "sendAt", "deadline", "fallback", "cancels", "reasons"})
public record Decision(
        String signalId,
        String customerId,
        Outcome outcome,
        Channel channel,
        Instant sendAt,
        Instant deadline,
        Fallback fallback,
        List<String> cancels,
        List<Reason> reasons) {

    public Decision {
        cancels = cancels == null ? List.of() : List.copyOf(cancels);
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    /** A message goes out now or later (and so counts as pending until its sendAt). */
    @JsonIgnore
    public boolean isMessage() {
        return outcome == Outcome.SEND_NOW || outcome == Outcome.SCHEDULE || outcome == Outcome.HOLD;
    }

    public Decision withCancels(List<String> signalIds) {
        return new Decision(signalId, customerId, outcome, channel, sendAt, deadline, fallback, signalIds, reasons);
    }

    public Decision withReason(Reason reason) {
        List<Reason> more = new java.util.ArrayList<>(reasons);
        more.add(reason);
        return new Decision(signalId, customerId, outcome, channel, sendAt, deadline, fallback, cancels, more);
    }
}
