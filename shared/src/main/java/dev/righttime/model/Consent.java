package dev.righttime.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Per-channel consent; null means "never asked", which only emergencies treat as yes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Consent(Boolean email, Boolean sms, Boolean social) {

    public static final Consent NONE = new Consent(null, null, null);

    /** Explicit consent for a channel; chat is a conversation the customer opened, so it has none. */
    public Boolean of(Channel channel) {
        return switch (channel) {
            case EMAIL -> email;
            case SMS -> sms;
            case SOCIAL -> social;
            case CHAT -> null;
        };
    }

    public boolean granted(Channel channel) {
        return Boolean.TRUE.equals(of(channel));
    }

    public boolean explicitlyRefused(Channel channel) {
        return Boolean.FALSE.equals(of(channel));
    }

    public Consent with(Channel channel, boolean granted) {
        return switch (channel) {
            case EMAIL -> new Consent(granted, sms, social);
            case SMS -> new Consent(email, granted, social);
            case SOCIAL -> new Consent(email, sms, granted);
            case CHAT -> this;
        };
    }
}
