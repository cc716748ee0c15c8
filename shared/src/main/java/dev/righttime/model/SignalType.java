package dev.righttime.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.HashMap;
import java.util.Map;

/** The canonical signal types of the spec, with their wire names. */
public enum SignalType {
    CART_ABANDONED("commerce.cart_abandoned"),
    PRODUCT_VIEWED("commerce.product_viewed"),
    ORDER_PLACED("commerce.order_placed"),
    TICKET_OPENED("support.ticket_opened"),
    SOCIAL_MENTION("social.mention"),
    CANCEL_REQUESTED("account.cancel_requested"),
    TREND_DETECTED("trend.detected"),
    EMERGENCY_ALERT("emergency.alert"),
    PROFILE_UPDATED("profile.updated"),
    CONSENT_CHANGED("consent.changed");

    private static final Map<String, SignalType> BY_WIRE = new HashMap<>();

    static {
        for (SignalType t : values()) {
            BY_WIRE.put(t.wire, t);
        }
    }

    private final String wire;

    SignalType(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** Behaviour-triggered marketing: delayed, quiet-hour aware, capped. */
    public boolean isMarketing() {
        return this == CART_ABANDONED || this == PRODUCT_VIEWED;
    }

    /** The customer contacted the brand: answered now, whatever the hour or the cap. */
    public boolean isCustomerInitiated() {
        return this == TICKET_OPENED || this == CANCEL_REQUESTED;
    }

    @JsonCreator
    public static SignalType fromWire(String wire) {
        SignalType t = BY_WIRE.get(wire);
        if (t == null) {
            throw new IllegalArgumentException("unknown signal type '" + wire + "'");
        }
        return t;
    }
}
