package dev.righttime.deliverability;

import dev.righttime.port.DeliveryLedger;
import dev.righttime.port.MessageQueue;
import dev.righttime.port.SignalSink;
import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A queue that a crash cannot empty of what was acknowledged: each message is first claimed in the
 * delivery ledger together with its body (the same ledger and states webhook-ingest uses), then
 * sent, then marked queued. If the queue loses it (the local runtime's in-memory ElasticMQ after
 * {@code kill -9}), the start-up {@link dev.righttime.flow.RecoverySweep} finds the kept body and
 * queues it again; a message already claimed is not sent twice. The local runtime sends its own
 * consent changes (one-click unsubscribe, the preference page, an opted-out number) and the signed
 * {@code POST /feedback} bodies through it.
 */
public final class LedgeredSignalSink {

    private static final Logger LOG = LoggerFactory.getLogger(LedgeredSignalSink.class);

    private final DeliveryLedger ledger;
    private final MessageQueue queue;
    private final Clock clock;

    public LedgeredSignalSink(DeliveryLedger ledger, MessageQueue queue, Clock clock) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Signals as their canonical JSON, keyed by signalId (as {@link QueueSignalSink} queues them). */
    public SignalSink signals() {
        return signal -> send(signal.signalId(), QueueSignalSink.json(signal));
    }

    /**
     * Queues {@code body} under {@code key} once: true when this call queued it, false when it was
     * queued before. Throws {@link MessageQueue.QueueUnavailableException} when it cannot be taken
     * now (the ledger or the queue does not answer, or another attempt holds a fresh claim): nothing
     * is acknowledged then, and the caller answers an error.
     */
    public boolean send(String key, String body) {
        DeliveryLedger.Claim claim = ledger.claim(key, body, clock.instant());
        if (claim == DeliveryLedger.Claim.ALREADY_QUEUED) {
            return false;
        }
        if (claim == DeliveryLedger.Claim.IN_PROGRESS) {
            throw new MessageQueue.QueueUnavailableException("another attempt is queueing it; retry later", null);
        }
        try {
            queue.send(body, key);
        } catch (RuntimeException e) {
            markFailed(key);
            throw e;
        }
        try {
            ledger.markQueued(key, clock.instant());
        } catch (RuntimeException e) {
            // Queued: still taken. PENDING with its body stays, so the sweep may queue it again (a duplicate decide drops).
            LOG.warn("message queued but not marked; the sweep may queue it again key={}", key);
        }
        return true;
    }

    private void markFailed(String key) {
        try {
            ledger.markFailed(key, clock.instant());
        } catch (RuntimeException ignored) {
            // PENDING stays; its lease lets a retry claim it.
        }
    }
}
