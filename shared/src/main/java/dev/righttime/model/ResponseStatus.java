package dev.righttime.model;

import java.util.Set;

/**
 * The state of one response record, the single source of truth a sender acts on.
 * SEND_NOW and SCHEDULE start SCHEDULED, HOLD starts PENDING_APPROVAL, SUPPRESS is SUPPRESSED.
 * A sender moves SCHEDULED/APPROVED (or PENDING_APPROVAL past its deadline) to SENDING (its claim),
 * then SENDING to SENT, FAILED (the provider refused it for good) or back (a retryable failure).
 */
public enum ResponseStatus {
    SCHEDULED, PENDING_APPROVAL, APPROVED, SENDING, SENT, FAILED, SUPPRESSED, CANCELLED;

    /** The statuses a cancellation may move from: nothing has gone out and nobody approved it. */
    public static final Set<ResponseStatus> CANCELLABLE = Set.of(SCHEDULED, PENDING_APPROVAL);

    /** The status a freshly decided response starts in. */
    public static ResponseStatus initial(Outcome outcome) {
        return switch (outcome) {
            case SEND_NOW, SCHEDULE -> SCHEDULED;
            case HOLD -> PENDING_APPROVAL;
            case SUPPRESS -> SUPPRESSED;
            default -> throw new IllegalArgumentException(outcome + " has no response record");
        };
    }

    /** Whether a decision with this outcome gets a response record. */
    public static boolean hasRecord(Outcome outcome) {
        return outcome == Outcome.SEND_NOW || outcome == Outcome.SCHEDULE || outcome == Outcome.HOLD
                || outcome == Outcome.SUPPRESS;
    }
}
