package dev.righttime.time;

import java.time.Instant;

/** Scheduler precision: EventBridge Scheduler fires on whole minutes, so send times are rounded up. */
public final class SendTime {

    private SendTime() {
    }

    public static Instant roundUpToMinute(Instant t) {
        long seconds = t.getEpochSecond();
        long rest = Math.floorMod(seconds, 60L);
        if (rest == 0 && t.getNano() == 0) {
            return t;
        }
        return Instant.ofEpochSecond(seconds - rest + 60L);
    }

    public static boolean isWholeMinute(Instant t) {
        return t.getNano() == 0 && Math.floorMod(t.getEpochSecond(), 60L) == 0;
    }
}
