package dev.righttime.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** Null-safe reads from provider JSON, with 400 {@code unmappable} messages that name the field. */
final class Fields {

    private Fields() {
    }

    /** The node at a dotted path ("data.object.customer"), or a missing node. */
    static JsonNode at(JsonNode node, String path) {
        JsonNode n = node;
        int from = 0;
        while (true) {
            int dot = path.indexOf('.', from);
            n = n.path(dot < 0 ? path.substring(from) : path.substring(from, dot));
            if (dot < 0) {
                return n;
            }
            from = dot + 1;
        }
    }

    /** A scalar as text (numbers included: providers send ids both ways), or null. */
    static String text(JsonNode node, String path) {
        JsonNode n = at(node, path);
        if (n.isValueNode() && !n.isNull()) {
            String s = n.asText();
            return s.isBlank() ? null : s;
        }
        return null;
    }

    /** The first present of several paths. */
    static String firstText(JsonNode node, String... paths) {
        for (String p : paths) {
            String s = text(node, p);
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    static String requireText(JsonNode node, String path) {
        String s = text(node, path);
        if (s == null) {
            throw unmappable(path + " is required");
        }
        return s;
    }

    /** ISO-8601 with offset ("2026-03-01T20:30:00Z", "2026-03-01T21:30:00+01:00"), or 400. */
    static Instant isoInstant(String value, String field) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw unmappable(field + " is not an ISO-8601 timestamp");
        }
    }

    static void putIfPresent(Map<String, Object> attributes, String name, Object value) {
        if (value != null) {
            attributes.put(name, value);
        }
    }

    static WebhookException unmappable(String message) {
        return new WebhookException(Failure.UNMAPPABLE, message);
    }
}
