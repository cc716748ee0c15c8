package dev.righttime.local.serve;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Webhook acknowledgements come first, but only when they need to. In AWS, ingest and the queue
 * consumers are separate Lambda functions with their own concurrency, so a backlog on the signals
 * queue never slows a 202; in one process on a laptop they share the same cores. The HTTP gateway
 * reports each webhook's arrival and how long its answer took. While answers are fast the queue
 * pollers run flat out, so a signal goes from webhook to outbox in well under a second. Once an
 * answer takes longer than {@link #SLOW_NANOS}, the consumers are taking the cores the gateway
 * needs: for the next {@link #QUIET_NANOS} each poller pauses after a batch for {@link #yieldFactor}
 * times as long as the batch took (at most {@link #MAX_PAUSE_NANOS}), so consumers use at most
 * 1/(1+yieldFactor) of their thread's time and the queue absorbs the rest, as SQS does in front of
 * a throttled consumer. Nothing is dropped. (Until issue 21 the pollers paused whenever webhooks
 * were arriving, fast or not: at 50 webhooks/s a ticket's reply waited 2.7 s for its outbox entry.)
 */
public final class Foreground {

    /** How long after the last slow answer (or the last request) the gateway counts as congested (busy). */
    static final long QUIET_NANOS = 200_000_000L;
    /** Never pause longer than this after one batch, however long it took. */
    static final long MAX_PAUSE_NANOS = 500_000_000L;
    /** A webhook answer slower than this (arrival to 202) means the gateway is short of CPU. */
    static final long SLOW_NANOS = 50_000_000L;

    private final LongSupplier nanoTime;
    private final double yieldFactor;
    private final AtomicLong lastRequest;
    private final AtomicLong lastSlow;

    public Foreground(double yieldFactor) {
        this(yieldFactor, System::nanoTime);
    }

    Foreground(double yieldFactor, LongSupplier nanoTime) {
        if (yieldFactor < 0) {
            throw new IllegalArgumentException("yieldFactor must be >= 0");
        }
        this.yieldFactor = yieldFactor;
        this.nanoTime = nanoTime;
        this.lastRequest = new AtomicLong(nanoTime.getAsLong() - 2 * QUIET_NANOS);
        this.lastSlow = new AtomicLong(nanoTime.getAsLong() - 2 * QUIET_NANOS);
    }

    /** The gateway took a request. */
    public void request() {
        lastRequest.set(nanoTime.getAsLong());
    }

    /** The gateway answered a webhook {@code serviceNanos} after it arrived. */
    public void answered(long serviceNanos) {
        if (serviceNanos > SLOW_NANOS) {
            lastSlow.set(nanoTime.getAsLong());
        }
    }

    /** Webhooks arrived within the quiet window. */
    public boolean busy() {
        return nanoTime.getAsLong() - lastRequest.get() < QUIET_NANOS;
    }

    /** Webhooks are arriving and one of them was answered slowly within the quiet window. */
    public boolean congested() {
        long now = nanoTime.getAsLong();
        return busy() && now - lastSlow.get() < QUIET_NANOS;
    }

    /** How long a poller should pause after a batch that took {@code workNanos}: 0 unless the gateway is congested. */
    public long pauseAfter(long workNanos) {
        if (workNanos <= 0 || !congested()) {
            return 0;
        }
        return Math.min(MAX_PAUSE_NANOS, (long) (workNanos * yieldFactor));
    }
}
