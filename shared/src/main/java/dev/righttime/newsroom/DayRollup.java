package dev.righttime.newsroom;

import dev.righttime.model.Response;
import dev.righttime.model.ResponseStatus;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One UTC day of the response-time report, kept so a year-long report reads 365 small items instead
 * of every response: time-to-response histograms per signal type, the time-to-approve histogram,
 * the review counts, and the day's top firefighting moments (the top of a range is always among
 * the tops of its days).
 */
public record DayRollup(LocalDate day, Map<String, Histogram> bySignalType, Histogram timeToApprove,
                        ResponseTimeReport.Reviews reviews, List<ResponseTimeReport.Moment> firefighting) {

    public DayRollup {
        bySignalType = Map.copyOf(bySignalType);
        firefighting = List.copyOf(firefighting);
    }

    /** The roll-up of one day's responses (those whose signal occurred that day). */
    public static DayRollup of(LocalDate day, List<Response> responses) {
        Map<String, Histogram> byType = new TreeMap<>();
        Histogram approve = Histogram.EMPTY;
        for (Response r : responses) {
            var a = ResponseTimeReport.approvalTime(r);
            if (a.isPresent()) {
                approve = approve.plus(a.get());
            }
            if (r.status() == ResponseStatus.SENT && r.signalType() != null && r.timeToResponse().isPresent()) {
                byType.merge(r.signalType().wire(), Histogram.EMPTY.plus(r.timeToResponse().orElseThrow().toMillis()), Histogram::merge);
            }
        }
        return new DayRollup(day, byType, approve, ResponseTimeReport.reviews(responses),
                ResponseTimeReport.moments(responses, ResponseTimeReport.COMPLAINT_TARGET));
    }

    /**
     * Counts of values in logarithmic buckets (each 2% wider than the last), so merged days give
     * percentiles within 2% of the exact ones. Keys are bucket indexes.
     */
    public record Histogram(Map<Integer, Long> buckets) {

        static final double RATIO = 1.02;
        public static final Histogram EMPTY = new Histogram(Map.of());

        public Histogram {
            buckets = Map.copyOf(buckets);
        }

        static int bucket(long ms) {
            return ms <= 0 ? 0 : (int) Math.floor(Math.log(ms) / Math.log(RATIO)) + 1;
        }

        /** The value a bucket stands for: its lower bound (exact for 0). */
        static long value(int bucket) {
            return bucket == 0 ? 0 : Math.round(Math.pow(RATIO, bucket - 1));
        }

        Histogram plus(long ms) {
            Map<Integer, Long> b = new TreeMap<>(buckets);
            b.merge(bucket(ms), 1L, Long::sum);
            return new Histogram(b);
        }

        Histogram merge(Histogram other) {
            Map<Integer, Long> b = new TreeMap<>(buckets);
            other.buckets.forEach((k, v) -> b.merge(k, v, Long::sum));
            return new Histogram(b);
        }

        long count() {
            return buckets.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Nearest rank over the buckets. */
        long percentile(int p) {
            long n = count();
            if (n == 0) {
                return 0;
            }
            long rank = Math.max(1, (long) Math.ceil(p / 100.0 * n));
            long seen = 0;
            for (var e : new TreeMap<>(buckets).entrySet()) {
                seen += e.getValue();
                if (seen >= rank) {
                    return value(e.getKey());
                }
            }
            return value(new TreeMap<>(buckets).lastKey());
        }

        ResponseTimeReport.Stats stats() {
            return new ResponseTimeReport.Stats((int) count(), percentile(50), percentile(95));
        }
    }

    static List<ResponseTimeReport.Moment> topOf(List<DayRollup> days) {
        List<ResponseTimeReport.Moment> all = new ArrayList<>();
        days.forEach(d -> all.addAll(d.firefighting()));
        return ResponseTimeReport.top(all);
    }
}
