package dev.righttime.send;

import java.time.Duration;

/**
 * What one delivery of a responseId came to. SENT, SKIPPED and FAILED are final (the queue message
 * is done); RETRY means the message must come back, after {@code retryAfter} if known.
 * {@code detail} is one safe word (the skipped status, no_consent, fallback_drop, http_404...).
 */
public record SendResult(Kind kind, String detail, Duration retryAfter) {

    public enum Kind { SENT, SKIPPED, FAILED, RETRY }

    static SendResult sent(String detail) {
        return new SendResult(Kind.SENT, detail, null);
    }

    static SendResult skipped(String detail) {
        return new SendResult(Kind.SKIPPED, detail, null);
    }

    static SendResult failed(String detail) {
        return new SendResult(Kind.FAILED, detail, null);
    }

    static SendResult retry(String detail, Duration retryAfter) {
        return new SendResult(Kind.RETRY, detail, retryAfter);
    }

    /** Whether the queue message must be delivered again. */
    public boolean retry() {
        return kind == Kind.RETRY;
    }
}
