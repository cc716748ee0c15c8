package dev.righttime.port;

import java.time.Instant;

/**
 * Remembers which webhook deliveries (by signalId) are already on the signals queue, so a
 * provider's redelivery is answered "duplicate" and queues nothing, while a delivery whose enqueue
 * failed can be retried. States: PENDING (claimed, being enqueued), QUEUED (done), FAILED (enqueue
 * failed; may be claimed again).
 */
public interface DeliveryLedger {

    /** What {@link #claim} found. */
    enum Claim {
        /** Ours to enqueue: new, failed before, or a PENDING claim older than the lease (a crashed attempt). */
        CLAIMED,
        /** Already on the queue: a duplicate. */
        ALREADY_QUEUED,
        /** Another attempt claimed it moments ago and may still be enqueueing. */
        IN_PROGRESS
    }

    /** Claims the delivery for enqueueing (state PENDING), atomically. */
    Claim claim(String signalId, Instant now);

    /** The signal is on the queue (state QUEUED). */
    void markQueued(String signalId, Instant now);

    /** The enqueue failed (state FAILED), so a retry may claim it at once. Best-effort. */
    void markFailed(String signalId, Instant now);

    /** The ledger could not be read or written. */
    final class LedgerUnavailableException extends RuntimeException {
        public LedgerUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
