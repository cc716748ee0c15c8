package dev.righttime.time;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;

/** Where the DST rules live: turning a wall-clock time into instants, gaps and overlaps included. */
public final class WallClock {

    private WallClock() {
    }

    /**
     * The instants at which a wall-clock time happens, earliest first: one normally, two in a
     * DST overlap, and in a gap (the time does not exist) the first instant after the gap.
     */
    public static List<Instant> occurrences(LocalDateTime local, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        if (offsets.size() == 1) {
            return List.of(local.toInstant(offsets.get(0)));
        }
        if (offsets.isEmpty()) {
            ZoneOffsetTransition gap = rules.getTransition(local);
            return List.of(gap.getInstant());
        }
        Instant a = local.toInstant(offsets.get(0));
        Instant b = local.toInstant(offsets.get(1));
        return a.isBefore(b) ? List.of(a, b) : List.of(b, a);
    }
}
