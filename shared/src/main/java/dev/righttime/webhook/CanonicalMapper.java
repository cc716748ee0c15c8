package dev.righttime.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.righttime.model.Json;
import dev.righttime.model.JsonErrors;
import dev.righttime.model.Signal;

/**
 * Standard Webhooks sources whose body already is a canonical signal. The signal's id and source
 * are set from the delivery ({@code <source>:<webhook-id>}), so dedupe follows the sender's
 * delivery id; everything else is validated as the canonical signal (type, occurredAt, customerRef).
 */
public final class CanonicalMapper implements SignalMapper {

    @Override
    public Mapped map(Delivery delivery) {
        String id = delivery.headers().require(StandardWebhooksScheme.ID);
        ObjectNode body = ((ObjectNode) delivery.body()).deepCopy();
        body.put("signalId", delivery.signalId(id));
        body.put("source", delivery.source());
        try {
            return Mapped.of(Json.mapper().treeToValue(body, Signal.class));
        } catch (Exception e) {
            throw Fields.unmappable("not a canonical signal: " + JsonErrors.describe(e));
        }
    }
}
