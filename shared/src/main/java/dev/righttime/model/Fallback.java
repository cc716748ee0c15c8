package dev.righttime.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What happens to a HOLD when nobody approves or rejects it before its deadline. */
public enum Fallback {
    /** Send a neutral holding reply ("we're looking into it") on the held channel. */
    HOLDING_REPLY,
    /** Let it go: nothing is sent. */
    DROP;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Fallback fromWire(String wire) {
        for (Fallback f : values()) {
            if (f.wire().equals(wire)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown fallback '" + wire + "' (expected holding_reply or drop)");
    }
}
