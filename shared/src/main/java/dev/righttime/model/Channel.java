package dev.righttime.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** Where a response goes. email and sms are direct; social and chat go out as signed webhooks. */
public enum Channel {
    EMAIL, SMS, SOCIAL, CHAT;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Channel fromWire(String wire) {
        return parse(wire).orElseThrow(() -> new IllegalArgumentException("unknown channel '" + wire + "'"));
    }

    /** Lenient parse for free-form attributes (a provider's "web" or "api" is simply not a channel). */
    public static Optional<Channel> parse(Object wire) {
        if (!(wire instanceof String s)) {
            return Optional.empty();
        }
        for (Channel c : values()) {
            if (c.wire().equalsIgnoreCase(s.trim())) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
