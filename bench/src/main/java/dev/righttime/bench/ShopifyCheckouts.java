package dev.righttime.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Realistic Shopify {@code checkouts/create} deliveries (~2 KB bodies: line items, addresses,
 * shipping lines, discount codes) with the headers API Gateway hands the function, for the ingest
 * benchmark and the cold-start events.
 */
public final class ShopifyCheckouts {

    public static final String SECRET = "bench-shopify-secret";

    private ShopifyCheckouts() {
    }

    /** The i-th checkout body; every one differs (ids, email, token) and is about 2 KB. */
    public static String body(int i) {
        String email = "shopper" + i + "@example.com";
        return "{\"id\":" + (35132406562L + i) + ",\"token\":\"e1c4f2b0a9d8" + Integer.toHexString(i) + "\","
                + "\"cart_token\":\"c1-9f8e-" + i + "\",\"email\":\"" + email + "\",\"gateway\":null,\"buyer_accepts_marketing\":true,"
                + "\"created_at\":\"2026-03-01T21:25:00+01:00\",\"updated_at\":\"2026-03-01T21:26:00+01:00\","
                + "\"landing_site\":\"/collections/rain?utm_source=newsletter&utm_medium=email\",\"note\":null,"
                + "\"note_attributes\":[],\"referring_site\":\"https://www.google.com/\",\"taxes_included\":true,"
                + "\"total_weight\":1250,\"currency\":\"EUR\",\"completed_at\":null,\"closed_at\":null,\"user_id\":null,"
                + "\"location_id\":null,\"source_identifier\":null,\"source_url\":null,\"device_id\":null,\"phone\":null,"
                + "\"customer_locale\":\"de-DE\",\"source_name\":\"web\",\"presentment_currency\":\"EUR\","
                + "\"abandoned_checkout_url\":\"https://shop.example.com/checkouts/e1c4f2b0a9d8" + Integer.toHexString(i) + "/recover?key=7f3a9c\","
                + "\"line_items\":["
                + "{\"title\":\"Rain jacket\",\"variant_title\":\"M / Navy\",\"quantity\":1,\"price\":\"59.00\",\"sku\":\"RJ-M-NV\","
                + "\"product_id\":788032119674292922,\"variant_id\":39072856,\"vendor\":\"Right Gear\",\"requires_shipping\":true,\"taxable\":true,\"grams\":850},"
                + "{\"title\":\"Wool socks\",\"variant_title\":\"39-42\",\"quantity\":2,\"price\":\"9.50\",\"sku\":\"WS-3942\","
                + "\"product_id\":632910392,\"variant_id\":49148385,\"vendor\":\"Right Gear\",\"requires_shipping\":true,\"taxable\":true,\"grams\":200},"
                + "{\"title\":\"Umbrella\",\"variant_title\":null,\"quantity\":1,\"price\":\"19.00\",\"sku\":\"UMB-1\","
                + "\"product_id\":921728736,\"variant_id\":457924702,\"vendor\":\"Skyward\",\"requires_shipping\":true,\"taxable\":true,\"grams\":400}],"
                + "\"shipping_lines\":[{\"title\":\"Standard\",\"price\":\"4.90\",\"code\":\"STD\",\"source\":\"shopify\"}],"
                + "\"discount_codes\":[{\"code\":\"SPRING10\",\"amount\":\"9.70\",\"type\":\"percentage\"}],"
                + "\"tax_lines\":[{\"price\":\"14.12\",\"rate\":0.19,\"title\":\"MwSt\"}],"
                + "\"subtotal_price\":\"87.30\",\"total_tax\":\"14.12\",\"total_discounts\":\"9.70\",\"total_line_items_price\":\"97.00\","
                + "\"total_price\":\"92.20\","
                + "\"billing_address\":{\"first_name\":\"Ada\",\"last_name\":\"Lovelace\",\"address1\":\"Hauptstrasse 1\",\"city\":\"Berlin\","
                + "\"zip\":\"10115\",\"country\":\"Germany\",\"country_code\":\"DE\",\"phone\":\"+4915112345678\"},"
                + "\"shipping_address\":{\"first_name\":\"Ada\",\"last_name\":\"Lovelace\",\"address1\":\"Hauptstrasse 1\",\"city\":\"Berlin\","
                + "\"zip\":\"10115\",\"country\":\"Germany\",\"country_code\":\"DE\",\"phone\":\"+4915112345678\"},"
                + "\"customer\":{\"id\":" + (207119551L + i) + ",\"email\":\"" + email + "\",\"accepts_marketing\":true,"
                + "\"first_name\":\"Ada\",\"last_name\":\"Lovelace\",\"orders_count\":3,\"state\":\"enabled\",\"total_spent\":\"187.40\","
                + "\"verified_email\":true,\"tags\":\"vip,newsletter\",\"currency\":\"EUR\"}}";
    }

    /** The headers API Gateway (payload 2.0) passes for a Shopify delivery, lower-cased, signed. */
    public static Map<String, String> headers(int i, String signature) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("accept", "*/*");
        h.put("content-type", "application/json");
        h.put("host", "abc123.execute-api.us-east-1.amazonaws.com");
        h.put("user-agent", "Shopify-Captain-Hook");
        h.put("x-amzn-trace-id", "Root=1-65e23a38-0123456789abcdef0123" + String.format("%04x", i & 0xffff));
        h.put("x-forwarded-for", "192.0.2.10");
        h.put("x-forwarded-port", "443");
        h.put("x-forwarded-proto", "https");
        h.put("x-shopify-api-version", "2025-07");
        h.put("x-shopify-event-id", "9c2e1d2a-5b1f-4f0e-8d7c-" + String.format("%012d", i));
        h.put("x-shopify-hmac-sha256", signature);
        h.put("x-shopify-shop-domain", "shop.example.com");
        h.put("x-shopify-topic", "checkouts/create");
        h.put("x-shopify-triggered-at", "2026-03-01T20:29:59.000Z");
        h.put("x-shopify-webhook-id", "b54557e4-bdd9-4b37-8a5f-" + String.format("%012d", i));
        return h;
    }
}
