package dev.righttime.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Machine-readable words explaining a decision; the wire form is the lower-case name. */
public enum Reason {
    DUPLICATE,
    PROFILE_UPDATED,
    CONSENT_GRANTED,
    CONSENT_REVOKED,
    CUSTOMER_INITIATED,
    RETENTION_OFFER,
    PUBLIC_COMPLAINT,
    HIGH_REACH,
    NEEDS_APPROVAL,
    ENGAGEMENT_SLOT,
    MARKETING_DELAY,
    QUIET_HOURS,
    CHANNEL_FALLBACK,
    FREQUENCY_CAP,
    NO_CONSENT,
    NO_CHANNEL,
    UNKNOWN_CUSTOMER,
    ORDER_PLACED,
    TREND,
    EMERGENCY,
    EMPTY_SEGMENT,
    /** The signal's reference tied several identities (a provider id, email, phone, handle) to the customer. */
    IDENTITY_LINKED,
    /** A marketing signal older than the playbook's {@code staleness.marketing} when decided. */
    STALE,
    /** A customer-initiated signal decided later than {@code staleness.marketing}: answered, but late. */
    LATE,
    /** A complaint, ticket or cancel request cancelled the customer's pending marketing. */
    MARKETING_PAUSED,
    /** The subscription ended: the retention thread is closed, its pending offers cancelled. */
    SUBSCRIPTION_ENDED,
    /** Triage of a mention's text (issue 15): what it is. */
    COMPLAINT,
    QUESTION,
    PRAISE,
    OTHER,
    /** The mention's language is not one the triage reads; not guessed at. */
    UNSUPPORTED_LANGUAGE,
    /** Ignored mentions: the brand's own post, a retweet, a quote of the brand's reply. */
    OWN_POST,
    RETWEET,
    QUOTE_OF_REPLY,
    /** The author already got an automatic public reply in this conversation within the window. */
    ALREADY_ANSWERED,
    /** A trend under the playbook's volume/velocity thresholds. */
    BELOW_THRESHOLD;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Reason fromWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
