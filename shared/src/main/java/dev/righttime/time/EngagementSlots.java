package dev.righttime.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/** The brand's daily engagement moments (e.g. 09:00, 13:00, 17:00 brand time). */
public record EngagementSlots(List<LocalTime> times, ZoneId zone) {

    public EngagementSlots {
        if (times == null || times.isEmpty()) {
            throw new IllegalArgumentException("engagementSlots needs at least one time");
        }
        times = times.stream().sorted().distinct().toList();
    }

    /** The first slot strictly after the instant, in brand time, DST-correct. */
    public Instant nextAfter(Instant t) {
        LocalDate day = t.atZone(zone).toLocalDate().minusDays(1);
        // Four days always hold a slot after t, whatever the offset changes in between; within a
        // day the earliest wins, since an overlap can make a later wall-clock slot come sooner.
        for (int d = 0; d < 4; d++, day = day.plusDays(1)) {
            Instant best = null;
            for (LocalTime time : times) {
                for (Instant at : WallClock.occurrences(day.atTime(time), zone)) {
                    if (at.isAfter(t) && (best == null || at.isBefore(best))) {
                        best = at;
                    }
                }
            }
            if (best != null) {
                return best;
            }
        }
        throw new IllegalStateException("no engagement slot after " + t);
    }
}
