package dev.righttime.bench;

import dev.righttime.model.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A realistic, reproducible mix of signals and profiles for the engine benchmark: mostly
 * marketing (cart, product views) and mentions, some orders, tickets, updates, trends and alerts.
 */
public final class Workload {

    public static final int CUSTOMERS = 1_000;

    private Workload() {
    }

    public static List<String> profiles() {
        String[] zones = {"Europe/Berlin", "America/New_York", "Asia/Tokyo", "Australia/Sydney", "UTC"};
        List<String> out = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            String quiet = i % 3 == 0 ? "\"quietHours\":{\"start\":\"22:00\",\"end\":\"07:30\"}," : "";
            out.add("{\"customerId\":\"c" + i + "\",\"timezone\":\"" + zones[i % zones.length] + "\"," + quiet
                    + "\"consent\":{\"email\":" + (i % 4 != 0) + ",\"sms\":" + (i % 2 == 0) + ",\"social\":true},"
                    + "\"addresses\":{\"email\":\"user" + i + "@example.com\",\"phone\":\"+4915100" + i + "\",\"x\":\"@user" + i + "\"},"
                    + "\"segments\":[\"" + (i % 50 == 0 ? "storm-area" : "everyone-else") + "\"],"
                    + "\"preferredChannel\":\"" + (i % 5 == 0 ? "sms" : "email") + "\",\"attributes\":{\"firstName\":\"U" + i + "\"}}");
        }
        return out;
    }

    /** n signal JSON lines, occurredAt increasing by about a minute each. */
    public static List<String> signals(int n, long seed) {
        Random r = new Random(seed);
        List<String> out = new ArrayList<>(n);
        long t = java.time.Instant.parse("2026-03-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < n; i++) {
            t += 30 + r.nextInt(60);
            String at = java.time.Instant.ofEpochSecond(t).toString();
            String customer = "c" + r.nextInt(CUSTOMERS);
            int k = r.nextInt(100);
            String type;
            String ref = "{\"customerId\":\"" + customer + "\"}";
            String attrs;
            if (k < 30) {
                type = "commerce.cart_abandoned";
                attrs = "{\"cartValue\":\"42.00\",\"currency\":\"EUR\",\"items\":3}";
            } else if (k < 45) {
                type = "commerce.product_viewed";
                attrs = "{\"product\":\"boots\",\"price\":\"89.90\"}";
            } else if (k < 55) {
                type = "commerce.order_placed";
                attrs = "{\"orderId\":\"" + i + "\"}";
            } else if (k < 65) {
                type = "support.ticket_opened";
                attrs = "{\"channel\":\"email\",\"subject\":\"Where is my order?\"}";
            } else if (k < 82) {
                type = "social.mention";
                ref = "{\"x\":\"@user" + r.nextInt(CUSTOMERS) + "\"}";
                String[] sentiments = {"negative", "neutral", "positive", "unknown"};
                attrs = "{\"sentiment\":\"" + sentiments[r.nextInt(4)] + "\",\"followers\":" + (r.nextInt(4) == 0 ? 50_000 : 120)
                        + ",\"text\":\"hello @brand\",\"url\":\"https://x.com/u/status/" + i + "\"}";
            } else if (k < 87) {
                type = "account.cancel_requested";
                attrs = "{\"channel\":\"chat\"}";
            } else if (k < 92) {
                type = "consent.changed";
                attrs = "{\"channel\":\"" + (r.nextBoolean() ? "email" : "sms") + "\",\"granted\":" + r.nextBoolean() + "}";
            } else if (k < 96) {
                type = "profile.updated";
                attrs = "{\"attributes\":{\"tier\":\"gold\"}}";
            } else if (k < 99) {
                type = "trend.detected";
                ref = null;
                attrs = "{\"topic\":\"late deliveries\"}";
            } else {
                type = "emergency.alert";
                ref = null;
                attrs = "{\"segment\":\"storm-area\",\"severity\":\"high\"}";
            }
            out.add("{\"signalId\":\"bench:" + i + "\",\"source\":\"bench\",\"type\":\"" + type + "\",\"occurredAt\":\"" + at + "\","
                    + (ref == null ? "" : "\"customerRef\":" + ref + ",") + "\"attributes\":" + attrs + "}");
        }
        return out;
    }

    static <T> List<T> parse(List<String> lines, Class<T> type) {
        List<T> out = new ArrayList<>(lines.size());
        for (String line : lines) {
            try {
                out.add(Json.mapper().readValue(line, type));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }
}
