package dev.righttime.port;

import dev.righttime.model.Channel;
import dev.righttime.model.Response;
import dev.righttime.model.SignalType;
import java.time.Instant;

/**
 * What became of a response, published next to the decision events (EventBridge detail-type
 * {@code response.<kind>}): sent, failed, delivered, bounced, complained, opened, clicked,
 * unsubscribed, converted, opted_out. Never carries text or addresses. {@code detail} is one safe
 * word (the failure code, the bounce type), or null.
 */
public record OutcomeEvent(String kind, String responseId, String signalId, String customerId, SignalType signalType,
                           Channel channel, Instant at, String detail) {

    public static OutcomeEvent of(String kind, Response r, Instant at, String detail) {
        return new OutcomeEvent(kind, r.responseId(), r.signalId(), r.customerId(), r.signalType(), r.channel(), at, detail);
    }
}
