package dev.righttime.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
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

    public boolean contains(Instant instant, ZoneId zone) {
        return contains(instant.atZone(zone).toLocalTime());
    }

    /**
     * The instant itself when it is outside the window, else the end of the window it is in.
     * An end that falls in a DST gap becomes the first instant after the gap; an end that occurs
     * twice (DST overlap) is its later occurrence, so the quiet period stays one piece.
     */
    public Instant nextAllowed(Instant instant, ZoneId zone) {
        Instant t = instant;
        // A second pass is only needed for windows of nearly a whole day whose end lies in a gap.
        for (int i = 0; i < 3 && contains(t, zone); i++) {
            ZonedDateTime local = t.atZone(zone);
            LocalDate endDate = local.toLocalDate();
            if (crossesMidnight() && !local.toLocalTime().isBefore(start)) {
                endDate = endDate.plusDays(1);
            }
            List<Instant> ends = WallClock.occurrences(endDate.atTime(end), zone);
            t = ends.get(ends.size() - 1);
        }
        return t;
    }
}
