package dev.righttime.port;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * Remembers which webhook deliveries (by signalId) are already on the signals queue, so a
 * provider's redelivery is answered "duplicate" and queues nothing, while a delivery whose enqueue
 * failed can be retried. States: PENDING (claimed, being enqueued), QUEUED (done), FAILED (enqueue
 * failed; may be claimed again), SETTLED (queued and decided).
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

    /**
     * As {@link #claim(String, Instant)}, keeping the queue message with the claim, so that a
     * start-up sweep can queue it again if the queue lost it ({@link #forEachUnsettled}).
     */
    default Claim claim(String signalId, String message, Instant now) {
        return claim(signalId, now);
    }

    /** A delivery that is PENDING or QUEUED, with the message its claim kept (null if none was kept). */
    record Unsettled(String signalId, String message, boolean queued) {
    }

    /**
     * Every PENDING or QUEUED delivery that kept its message: the ones whose signal may not be
     * decided yet. A full pass over the ledger (the start-up sweep's input); a ledger that keeps no
     * messages has none.
     */
    default void forEachUnsettled(Consumer<Unsettled> each) {
    }

    /**
     * The delivery's signal is decided: drop the kept message so later sweeps skip it (state
     * SETTLED, which a redelivery finds as {@link Claim#ALREADY_QUEUED}).
     */
    default void settle(String signalId, Instant now) {
    }

    /** The signal is on the queue (state QUEUED). */
    void markQueued(String signalId, Instant now);

    /**
     * Whether intake takes the queue-first order with this ledger: {@link #isQueued} (a read), the
     * queue send, then {@link #recordQueued} (one write), instead of claim, send, mark (two writes).
     * A delivery recorded by neither order is sent again by the provider's retry, and decide drops
     * a signalId it has seen, so both keep every acknowledged signal exactly once in effect.
     */
    default boolean queueFirst() {
        return false;
    }

    /** True when the delivery is on the queue already (QUEUED or SETTLED): a duplicate. A read only. */
    default boolean isQueued(String signalId) {
        throw new UnsupportedOperationException("claim-first ledger");
    }

    /**
     * Records a delivery just sent to the queue as QUEUED (with its message when this ledger keeps
     * messages for the sweep), unless a concurrent delivery recorded it first: then false, and the
     * copy just sent is a duplicate decide drops.
     */
    default boolean recordQueued(String signalId, String message, Instant now) {
        throw new UnsupportedOperationException("claim-first ledger");
    }

    /** The enqueue failed (state FAILED), so a retry may claim it at once. Best-effort. */
    void markFailed(String signalId, Instant now);

    /** The ledger could not be read or written. */
    final class LedgerUnavailableException extends RuntimeException {
        public LedgerUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
