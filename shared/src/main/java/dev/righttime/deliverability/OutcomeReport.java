package dev.righttime.deliverability;

import dev.righttime.model.Feedback;
import dev.righttime.model.Response;
import dev.righttime.model.ResponseStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /reports/outcomes}: what the messages of a period achieved, per rule (the signal type
 * that caused them) and per delay bucket (the planned delay, signal to send time: does the one-hour
 * cart reminder beat a sooner one?). Counts over the responses whose signal occurred in the period:
 * sends (SENT), failed, delivered, bounces, complaints, opens, clicks, conversions (an order within
 * the attribution window after a reminder), unsubscribes; and the rates per send that compare
 * buckets. Opens and clicks come from SES's tracking (open pixel, rewritten links), so they count
 * only where the configuration set tracks them.
 */
public final class OutcomeReport {

    /** Delay buckets, by upper bound; the last one is open. */
    static final List<Map.Entry<Duration, String>> BUCKETS = List.of(
            Map.entry(Duration.ofMinutes(5), "0-5m"),
            Map.entry(Duration.ofMinutes(30), "5-30m"),
            Map.entry(Duration.ofHours(1), "30m-1h"),
            Map.entry(Duration.ofHours(2), "1-2h"),
            Map.entry(Duration.ofHours(4), "2-4h"),
            Map.entry(Duration.ofHours(12), "4-12h"),
            Map.entry(Duration.ofHours(24), "12-24h"));
    static final String LAST = "24h+";

    private OutcomeReport() {
    }

    /** The report body: {"from","to","rows":[{"rule","delay","sends",..,"conversionRate"}]}, rows by rule then delay. */
    public static Map<String, Object> of(List<Response> responses, Instant from, Instant to) {
        Map<String, Map<String, long[]>> counts = new TreeMap<>();
        for (Response r : responses) {
            if (!r.isMessage() || r.signalType() == null) {
                continue;
            }
            boolean sent = r.status() == ResponseStatus.SENT && r.sentAt() != null;
            boolean failed = r.status() == ResponseStatus.FAILED;
            if (!sent && !failed) {
                continue;
            }
            // The delay the rule chose (send time minus signal time, quiet hours included), not when
            // a sender happened to run: that is the setting a business would change.
            Instant at = r.sendAt() != null ? r.sendAt() : sent ? r.sentAt() : r.occurredAt();
            String delay = r.occurredAt() == null || at == null ? LAST : bucket(Duration.between(r.occurredAt(), at));
            long[] c = counts.computeIfAbsent(r.signalType().wire(), k -> new TreeMap<>(Comparator.comparingInt(OutcomeReport::order)))
                    .computeIfAbsent(delay, k -> new long[9]);
            c[0] += sent ? 1 : 0;
            c[1] += failed ? 1 : 0;
            int i = 2;
            for (Feedback f : new Feedback[] {Feedback.DELIVERED, Feedback.BOUNCED, Feedback.COMPLAINED, Feedback.OPENED,
                    Feedback.CLICKED, Feedback.CONVERTED, Feedback.UNSUBSCRIBED}) {
                c[i++] += r.feedbackAt(f).isPresent() ? 1 : 0;
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        counts.forEach((rule, byDelay) -> byDelay.forEach((delay, c) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("rule", rule);
            row.put("delay", delay);
            String[] names = {"sends", "failed", "delivered", "bounces", "complaints", "opens", "clicks", "conversions", "unsubscribes"};
            for (int i = 0; i < names.length; i++) {
                row.put(names[i], c[i]);
            }
            row.put("openRate", rate(c[5], c[0]));
            row.put("clickRate", rate(c[6], c[0]));
            row.put("conversionRate", rate(c[7], c[0]));
            row.put("unsubscribeRate", rate(c[8], c[0]));
            rows.add(row);
        }));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", from);
        out.put("to", to);
        out.put("rows", rows);
        return out;
    }

    static String bucket(Duration delay) {
        for (Map.Entry<Duration, String> b : BUCKETS) {
            if (delay.compareTo(b.getKey()) < 0) {
                return b.getValue();
            }
        }
        return LAST;
    }

    private static int order(String bucket) {
        for (int i = 0; i < BUCKETS.size(); i++) {
            if (BUCKETS.get(i).getValue().equals(bucket)) {
                return i;
            }
        }
        return BUCKETS.size();
    }

    private static double rate(long part, long sends) {
        return sends == 0 ? 0.0 : Math.round(part * 10000.0 / sends) / 10000.0;
    }
}
