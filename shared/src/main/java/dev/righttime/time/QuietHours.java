package dev.righttime.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * A daily quiet window [start, end) in the customer's wall-clock time. start after end crosses
 * midnight; start equal to end means no quiet hours at all.
 */
public record QuietHours(LocalTime start, LocalTime end) {

    public QuietHours {
        Objects.requireNonNull(start, "quietHours.start is required");
        Objects.requireNonNull(end, "quietHours.end is required");
    }

    public boolean isEmpty() {
        return start.equals(end);
    }

    public boolean crossesMidnight() {
        return start.isAfter(end);
    }

    /** Whether a wall-clock time falls inside the window. */
    public boolean contains(LocalTime t) {
        if (isEmpty()) {
            return false;
        }
        if (crossesMidnight()) {
            return !t.isBefore(start) || t.isBefore(end);
        }
        return !t.isBefore(start) && t.isBefore(end);
    }

    /**
     * Whether an instant falls inside a quiet period, each period taken as one piece of time: from
     * the first occurrence of {@code start} to the later occurrence of {@code end}. On a DST
     * fall-back night a wall-clock time can repeat, so the wall-clock test alone is not enough
     * (23:00-01:30 in New York: 01:45 EDT is inside, after the clocks go back it is 00:45 EST + 1 h).
     */
    public boolean contains(Instant instant, ZoneId zone) {
        return periodAround(instant, zone) != null;
    }

    /**
     * The instant itself when it is outside every quiet period, else the end of the period it is in.
     * An end that falls in a DST gap becomes the first instant after the gap; an end that occurs
     * twice (DST overlap) is its later occurrence, so the quiet period stays one piece.
     */
    public Instant nextAllowed(Instant instant, ZoneId zone) {
        Instant t = instant;
        // A second pass is only needed for windows of nearly a whole day whose end lies in a gap.
        for (int i = 0; i < 3; i++) {
            Instant end = periodAround(t, zone);
            if (end == null) {
                return t;
            }
            t = end;
        }
        return t;
    }

    /** The end of the quiet period containing the instant, or null. Periods start on the local day before, of, or after. */
    private Instant periodAround(Instant instant, ZoneId zone) {
        if (isEmpty()) {
            return null;
        }
        LocalDate day = instant.atZone(zone).toLocalDate();
        for (LocalDate d = day.minusDays(1); !d.isAfter(day.plusDays(1)); d = d.plusDays(1)) {
            Instant from = WallClock.occurrences(d.atTime(start), zone).get(0);
            List<Instant> ends = WallClock.occurrences((crossesMidnight() ? d.plusDays(1) : d).atTime(end), zone);
            Instant to = ends.get(ends.size() - 1);
            if (!instant.isBefore(from) && instant.isBefore(to)) {
                return to;
            }
        }
        return null;
    }
}
