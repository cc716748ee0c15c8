package dev.righttime.newsroom;

import dev.righttime.model.Reason;
import dev.righttime.model.Response;
import dev.righttime.model.ResponseStatus;
import dev.righttime.model.SignalType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Time to response (signal occurredAt → message sentAt) over the responses whose signal occurred in
 * a window: p50 and p95 (nearest rank) per signal type over every SENT response (a holding reply
 * counts: it is what the customer saw), and the top 10 "firefighting moments": the customer-initiated
 * signals (support.ticket_opened, account.cancel_requested, and social mentions answered as a
 * complaint, i.e. with reason public_complaint or high_reach) with the longest time to their first
 * sent response. Signals still unanswered are not in it (they have no time to response yet).
 */
public final class ResponseTimeReport {

    public static final int TOP = 10;

    public record Stats(int count, long p50Ms, long p95Ms) {
    }

    public record Moment(String signalId, String customerId, String signalType, String channel, Instant occurredAt,
                         Instant firstResponseAt, long timeToResponseMs) {
    }

    public record Report(Instant from, Instant to, Map<String, Stats> bySignalType, List<Moment> firefighting) {
    }

    private ResponseTimeReport() {
    }

    public static Report of(List<Response> responses, Instant from, Instant to) {
        Map<String, List<Long>> times = new TreeMap<>();
        Map<String, Moment> firstBySignal = new LinkedHashMap<>();
        for (Response r : responses) {
            if (r.status() != ResponseStatus.SENT || r.signalType() == null || r.timeToResponse().isEmpty()) {
                continue;
            }
            long ms = r.timeToResponse().map(Duration::toMillis).orElseThrow();
            times.computeIfAbsent(r.signalType().wire(), k -> new ArrayList<>()).add(ms);
            if (isFirefight(r)) {
                Moment m = new Moment(r.signalId(), r.customerId(), r.signalType().wire(),
                        r.channel() == null ? null : r.channel().wire(), r.occurredAt(), r.sentAt(), ms);
                firstBySignal.merge(r.signalId(), m, (a, b) -> a.timeToResponseMs() <= b.timeToResponseMs() ? a : b);
            }
        }
        Map<String, Stats> stats = new LinkedHashMap<>();
        times.forEach((type, list) -> {
            list.sort(null);
            stats.put(type, new Stats(list.size(), percentile(list, 50), percentile(list, 95)));
        });
        List<Moment> top = firstBySignal.values().stream()
                .sorted(Comparator.comparingLong(Moment::timeToResponseMs).reversed()
                        .thenComparing(Moment::occurredAt).thenComparing(Moment::signalId))
                .limit(TOP)
                .toList();
        return new Report(from, to, stats, top);
    }

    /** Customer-initiated: tickets, cancel requests, and mentions answered as complaints. */
    static boolean isFirefight(Response r) {
        return r.signalType().isCustomerInitiated()
                || (r.signalType() == SignalType.SOCIAL_MENTION
                    && (r.reasons().contains(Reason.PUBLIC_COMPLAINT) || r.reasons().contains(Reason.HIGH_REACH)));
    }

    /** Nearest rank: the smallest value with at least p% of the values at or below it. */
    static long percentile(List<Long> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
