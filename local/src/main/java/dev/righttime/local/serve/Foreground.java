package dev.righttime.local.serve;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Webhook acknowledgements come first. In AWS, ingest and the queue consumers are separate Lambda
 * functions with their own concurrency, so a backlog on the signals queue never slows a 202; in one
 * process on a laptop they share the same cores. The HTTP gateway marks each request here, and while
 * requests keep arriving each queue poller pauses after a batch for {@link #yieldFactor} times as
 * long as the batch took, so consumers use at most 1/(1+yieldFactor) of their thread's time and the
 * queue absorbs the rest, as SQS does in front of a throttled consumer. With no webhook traffic for
 * {@link #QUIET_NANOS} the pollers run flat out again and drain the backlog; nothing is dropped.
 */
public final class Foreground {

    /** How long after the last request the gateway counts as busy. */
    static final long QUIET_NANOS = 200_000_000L;
    /** Never pause longer than this after one batch, however long it took. */
    static final long MAX_PAUSE_NANOS = 500_000_000L;

    private final LongSupplier nanoTime;
    private final double yieldFactor;
    private final AtomicLong lastRequest;

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
    }

    /** The gateway took a request. */
    public void request() {
        lastRequest.set(nanoTime.getAsLong());
    }

    public boolean busy() {
        return nanoTime.getAsLong() - lastRequest.get() < QUIET_NANOS;
    }

    /** How long a poller should pause after a batch that took {@code workNanos}: 0 when the gateway is quiet. */
    public long pauseAfter(long workNanos) {
        if (workNanos <= 0 || !busy()) {
            return 0;
        }
        return Math.min(MAX_PAUSE_NANOS, (long) (workNanos * yieldFactor));
    }
}
