package dev.righttime.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/**
 * The canonical signal every source is mapped to. {@code attributes} are type-specific
 * (sentiment, followers, channel, segment, consent change, profile fields...).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Signal(
        String signalId,
        String source,
        SignalType type,
        Instant occurredAt,
        CustomerRef customerRef,
        Map<String, Object> attributes) {

    public Signal {
        if (signalId == null || signalId.isBlank()) {
            throw new IllegalArgumentException("signalId is required");
        }
        if (type == null) {
            throw new IllegalArgumentException("type is required");
        }
        if (occurredAt == null) {
            throw new IllegalArgumentException("occurredAt is required");
        }
        customerRef = customerRef == null ? CustomerRef.NONE : customerRef;
        attributes = attributes == null ? Map.of() : attributes;
    }

    public Object attribute(String name) {
        return attributes.get(name);
    }

    public String stringAttribute(String name) {
        Object v = attributes.get(name);
        return v == null ? null : v.toString();
    }

    /** A numeric attribute as a double (numbers or numeric strings), else {@code orElse}. */
    public double doubleAttribute(String name, double orElse) {
        Object v = attributes.get(name);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return orElse;
            }
        }
        return orElse;
    }

    /** A numeric attribute, accepting numbers and numeric strings (providers send both). */
    public long longAttribute(String name, long orElse) {
        Object v = attributes.get(name);
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return orElse;
            }
        }
        return orElse;
    }
}
