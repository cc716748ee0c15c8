package dev.righttime.webhook;

/**
 * Every way a webhook delivery can be refused, each with the one HTTP status it answers. This
 * enum is the single place where failures meet status codes (the spec's HTTP contract table).
 */
public enum Failure {
    UNKNOWN_SOURCE(404, "unknown_source"),
    METHOD_NOT_ALLOWED(405, "method_not_allowed"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported_media_type"),
    PAYLOAD_TOO_LARGE(413, "payload_too_large"),
    MISSING_SIGNATURE(401, "missing_signature"),
    INVALID_SIGNATURE(401, "invalid_signature"),
    STALE_TIMESTAMP(401, "timestamp_out_of_tolerance"),
    INVALID_BODY(400, "invalid_body"),
    UNMAPPABLE(400, "unmappable"),
    /** An event time further ahead than {@link Intake#MAX_AHEAD}: a clock or payload error, never queued. */
    FUTURE_EVENT(400, "event_in_future"),
    MISSING_CRC_TOKEN(400, "missing_crc_token"),
    /** A delivery id too long or with characters no provider uses: permanent, never a retryable 5xx. */
    INVALID_ID(400, "invalid_id"),
    DELIVERY_IN_PROGRESS(503, "delivery_in_progress"),
    SECRETS_UNAVAILABLE(503, "secrets_unavailable"),
    LEDGER_UNAVAILABLE(503, "ledger_unavailable"),
    QUEUE_UNAVAILABLE(503, "queue_unavailable");

    private final int status;
    private final String code;

    Failure(int status, String code) {
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    /** The machine-readable {@code error} of the JSON body. */
    public String code() {
        return code;
    }
}
