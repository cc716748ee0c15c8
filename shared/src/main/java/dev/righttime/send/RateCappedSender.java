package dev.righttime.send;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A channel sender behind a token bucket: at most {@code perSecond} messages a second on average,
 * bursts up to {@code burst}. A send waits for its token when the wait is short (up to
 * {@code maxWait}, well inside the Lambda timeout); a longer wait is a retryable
 * {@code rate_capped} with the wait as retryAfter, so the queue holds the message instead of the
 * function. Per sender instance: the template's event source mapping MaximumConcurrency bounds the
 * instances, so the channel's rate is at most perSecond x MaximumConcurrency.
 */
public final class RateCappedSender implements ChannelSender {

    /** Sleeps for a number of nanoseconds (tests pass one that only advances a fake clock). */
    public interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final ChannelSender delegate;
    private final double perNano;
    private final double burst;
    private final long maxWaitNanos;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private double tokens;
    private long last;

    public RateCappedSender(ChannelSender delegate, double perSecond, Duration maxWait) {
        this(delegate, perSecond, Math.max(1, perSecond), maxWait, System::nanoTime, n -> Thread.sleep(n / 1_000_000, (int) (n % 1_000_000)));
    }

    public RateCappedSender(ChannelSender delegate, double perSecond, double burst, Duration maxWait, LongSupplier nanoTime, Sleeper sleeper) {
        if (!(perSecond > 0) || !(burst >= 1)) {
            throw new IllegalArgumentException("a send rate must be > 0 and its burst >= 1");
        }
        this.delegate = delegate;
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.maxWaitNanos = maxWait.toNanos();
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.tokens = burst;
        this.last = nanoTime.getAsLong();
    }

    @Override
    public void send(Message message) {
        long wait = reserve();
        if (wait > 0) {
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw DeliveryException.retry("interrupted", null, e);
            }
        }
        delegate.send(message);
    }

    /** Takes a token (possibly one not yet there: the caller waits the returned nanos for it), or throws rate_capped. */
    private synchronized long reserve() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(burst, tokens + (now - last) * perNano);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        long wait = (long) Math.ceil((1 - tokens) / perNano);
        if (wait > maxWaitNanos) {
            throw DeliveryException.retry("rate_capped", Duration.ofNanos(wait), null);
        }
        tokens -= 1;
        return wait;
    }
}
