package dev.righttime.local.serve;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that starts at a chosen instant and runs {@code speed} times faster than the real one,
 * so the demo's hour-later reminders come due within seconds. It can also jump ahead.
 */
public final class FastClock extends Clock {

    private final long realStartNanos = System.nanoTime();
    private final Instant start;
    private final double speed;
    private volatile Duration jumped = Duration.ZERO;

    public FastClock(Instant start, double speed) {
        this.start = start;
        this.speed = speed;
    }

    /** Moves the clock forward by {@code d} at once. */
    public void advance(Duration d) {
        jumped = jumped.plus(d);
    }

    @Override
    public Instant instant() {
        long elapsed = (long) ((System.nanoTime() - realStartNanos) * speed);
        return start.plusNanos(elapsed).plus(jumped);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        // Instants carry no zone; callers only use instant() and millis().
        return this;
    }
}
