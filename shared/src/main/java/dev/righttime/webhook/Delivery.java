package dev.righttime.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.righttime.model.SignalType;
import java.util.Map;

/**
 * A verified delivery ready for mapping: the source's name (signal ids start with it), the headers,
 * the body as JSON (always an object), and the source's configured event-to-signal-type table.
 */
public record Delivery(String source, Headers headers, JsonNode body, Map<String, SignalType> events) {

    /** {@code <source>:<provider delivery id>}, the signal's id and its dedupe key. */
    public String signalId(String providerId) {
        return source + ":" + providerId;
    }
}
