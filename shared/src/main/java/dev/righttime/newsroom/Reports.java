package dev.righttime.newsroom;

import dev.righttime.model.Response;
import dev.righttime.port.ResponseStore;
import dev.righttime.port.RollupStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The response-time report for a range: up to {@link #EXACT} read from the responses themselves
 * (exact percentiles); longer ranges (up to a year) from daily roll-ups over the whole UTC days that
 * cover the range. A day is rolled up once it is settled ({@link #SETTLE} after its end: every
 * deadline, slot and retry of its signals is over); days missing a roll-up are read in one pass and
 * the settled ones stored, so the next report reads roll-ups only.
 */
public final class Reports {

    public static final Duration EXACT = Duration.ofDays(31);
    static final Duration SETTLE = Duration.ofDays(2);

    private final ResponseStore responses;
    private final RollupStore rollups;
    private final Clock clock;

    public Reports(ResponseStore responses, RollupStore rollups, Clock clock) {
        this.responses = responses;
        this.rollups = rollups;
        this.clock = clock;
    }

    public ResponseTimeReport.Report between(Instant from, Instant to) {
        if (rollups == null || Duration.between(from, to).compareTo(EXACT) <= 0) {
            return ResponseTimeReport.of(responses.occurredBetween(from, to), from, to);
        }
        LocalDate first = day(from);
        LocalDate end = day(to.minusMillis(1)).plusDays(1);
        Instant settledBefore = clock.instant().minus(SETTLE);
        Map<LocalDate, DayRollup> byDay = new TreeMap<>();
        for (DayRollup r : rollups.between(first, end)) {
            byDay.put(r.day(), r);
        }
        List<LocalDate> missing = new ArrayList<>();
        for (LocalDate d = first; d.isBefore(end); d = d.plusDays(1)) {
            if (!byDay.containsKey(d)) {
                missing.add(d);
            }
        }
        if (!missing.isEmpty()) {
            LocalDate lo = missing.get(0);
            LocalDate hi = missing.get(missing.size() - 1).plusDays(1);
            Map<LocalDate, List<Response>> read = new HashMap<>();
            for (Response r : responses.occurredBetween(start(lo), start(hi))) {
                read.computeIfAbsent(day(r.occurredAt()), k -> new ArrayList<>()).add(r);
            }
            for (LocalDate d : missing) {
                DayRollup rollup = DayRollup.of(d, read.getOrDefault(d, List.of()));
                byDay.put(d, rollup);
                if (!start(d.plusDays(1)).isAfter(settledBefore)) {
                    rollups.put(rollup);
                }
            }
        }
        return merge(start(first), start(end), new ArrayList<>(byDay.values()));
    }

    static ResponseTimeReport.Report merge(Instant from, Instant to, List<DayRollup> days) {
        Map<String, DayRollup.Histogram> byType = new TreeMap<>();
        DayRollup.Histogram approve = DayRollup.Histogram.EMPTY;
        ResponseTimeReport.Reviews reviews = new ResponseTimeReport.Reviews(0, 0, 0);
        for (DayRollup d : days) {
            d.bySignalType().forEach((k, v) -> byType.merge(k, v, DayRollup.Histogram::merge));
            approve = approve.merge(d.timeToApprove());
            reviews = reviews.plus(d.reviews());
        }
        Map<String, ResponseTimeReport.Stats> stats = new LinkedHashMap<>();
        byType.forEach((k, v) -> stats.put(k, v.stats()));
        return new ResponseTimeReport.Report(from, to, stats, DayRollup.topOf(days), approve.stats(), reviews,
                new ResponseTimeReport.Targets(ResponseTimeReport.COMPLAINT_TARGET.toMillis()), "daily roll-ups");
    }

    static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    static Instant start(LocalDate d) {
        return d.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
