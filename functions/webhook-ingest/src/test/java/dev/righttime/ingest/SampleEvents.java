package dev.righttime.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.righttime.model.Json;
import dev.righttime.webhook.SegmentScheme;
import dev.righttime.webhook.ShopifyScheme;
import dev.righttime.webhook.StandardWebhooksScheme;
import dev.righttime.webhook.StripeScheme;
import dev.righttime.webhook.XScheme;
import dev.righttime.webhook.ZendeskScheme;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Test-only: builds the sample API Gateway v2 events of {@code events/webhook-ingest/}, each signed
 * the way its provider signs, with the local test secrets below, at {@link #SIGNED_AT}.
 * {@link SampleEventsTest} keeps the files on disk equal to what this class builds.
 */
final class SampleEvents {

    /** Every time-stamped signature is made at this instant; tests fix their clock to it. */
    static final Instant SIGNED_AT = Instant.parse("2026-03-01T20:30:00Z");

    /** The local test secrets (never real ones), as the environment variables the handler reads. */
    static final Map<String, String> SECRETS = Map.of(
            "RIGHTTIME_SECRET_STANDARD", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "RIGHTTIME_SECRET_STRIPE", "whsec_local_test_stripe",
            "RIGHTTIME_SECRET_SHOPIFY", "local-test-shopify",
            "RIGHTTIME_SECRET_ZENDESK", "local-test-zendesk",
            "RIGHTTIME_SECRET_SEGMENT", "local-test-segment",
            "RIGHTTIME_SECRET_X", "local-test-x-consumer-secret");

    private static final long T = SIGNED_AT.getEpochSecond();

    private SampleEvents() {
    }

    /** File name to event JSON, in a stable order. */
    static Map<String, String> all() {
        Map<String, String> files = new LinkedHashMap<>();
        String mention = """
                {"type":"social.mention","occurredAt":"2026-03-01T20:29:30Z","customerRef":{"x":"@ada"},\
                "attributes":{"sentiment":"negative","followers":15000,"text":"@brand where is my parcel?",\
                "url":"https://x.com/ada/status/1767000000000000001"}}""";
        files.put("standard-social-mention.json", post("standard", mention, true, Map.of(
                "webhook-id", "msg_2tTaeQ6bBtfRVRUQuyMsXYzpPxJ",
                "webhook-timestamp", Long.toString(T),
                "webhook-signature", StandardWebhooksScheme.sign(new StandardWebhooksScheme().key(secret("STANDARD")),
                        "msg_2tTaeQ6bBtfRVRUQuyMsXYzpPxJ", T, mention.getBytes(UTF_8)))));

        String cancel = """
                {"id":"evt_1Q2w3E4r5T6y7U8i","object":"event","api_version":"2024-06-20","created":1772396990,\
                "type":"customer.subscription.updated","livemode":false,"pending_webhooks":1,\
                "data":{"object":{"id":"sub_1Q2w3E","object":"subscription","customer":"cus_Ada1","status":"active",\
                "cancel_at_period_end":true,"cancel_at":1774988400,"current_period_end":1774988400},\
                "previous_attributes":{"cancel_at_period_end":false,"cancel_at":null}}}""";
        files.put("stripe-cancel-requested.json", post("stripe", cancel, false, Map.of(
                "Stripe-Signature", StripeScheme.sign(secret("STRIPE"), T, cancel.getBytes(UTF_8)))));
        String invoice = """
                {"id":"evt_1Q2wInv0icePaid","object":"event","created":1772396995,"type":"invoice.paid",\
                "data":{"object":{"id":"in_1Q2w","object":"invoice","customer":"cus_Ada1","amount_paid":1900}}}""";
        files.put("stripe-invoice-paid.json", post("stripe", invoice, false, Map.of(
                "Stripe-Signature", StripeScheme.sign(secret("STRIPE"), T, invoice.getBytes(UTF_8)))));

        String checkout = """
                {"id":35132406562,"token":"e1c4f2b0a9d8","cart_token":"c1-9f8e","email":"ada@example.com",\
                "created_at":"2026-03-01T21:25:00+01:00","updated_at":"2026-03-01T21:26:00+01:00",\
                "abandoned_checkout_url":"https://shop.example.com/checkouts/e1c4f2b0a9d8/recover",\
                "total_price":"59.00","currency":"EUR","line_items":[{"title":"Rain jacket","quantity":1,"price":"59.00"}],\
                "customer":{"id":207119551,"email":"ada@example.com","first_name":"Ada"}}""";
        files.put("shopify-checkouts-create.json", post("shopify", checkout, false, shopify("checkouts/create",
                "9c2e1d2a-5b1f-4f0e-8d7c-1a2b3c4d5e6f", checkout)));
        String order = """
                {"id":820982911946154508,"name":"#1001","email":"ada@example.com","created_at":"2026-03-01T21:29:58+01:00",\
                "total_price":"59.00","currency":"EUR","customer":{"id":207119551,"email":"ada@example.com"}}""";
        files.put("shopify-orders-create.json", post("shopify", order, false, shopify("orders/create",
                "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0", order)));

        String ticket = """
                {"account_id":12514403,"detail":{"actor_id":"1998","assignee_id":null,"brand_id":"360002","created_at":"2026-03-01T20:28:00Z",\
                "custom_status":"12","description":"My parcel has not arrived","external_id":null,"form_id":"360001","group_id":null,\
                "id":"35436","is_public":true,"organization_id":null,"priority":"normal","requester_id":"1998","status":"NEW",\
                "subject":"Where is my order?","submitter_id":"1998","tags":[],"type":"question","updated_at":"2026-03-01T20:28:00Z",\
                "via":{"channel":"email"}},"event":{},"id":"cbe4028c-7239-495d-b020-f22348516046","subject":"zen:ticket:35436",\
                "time":"2026-03-01T20:28:01Z","type":"zen:event-type:ticket.created","zendesk_event_version":"2022-11-06"}""";
        String zts = "2026-03-01T20:29:58Z";
        files.put("zendesk-ticket-created.json", post("zendesk", ticket, false, Map.of(
                "X-Zendesk-Webhook-Signature", ZendeskScheme.sign(secret("ZENDESK"), zts, ticket.getBytes(UTF_8)),
                "X-Zendesk-Webhook-Signature-Timestamp", zts,
                "X-Zendesk-Webhook-Id", "01GHE5KCT8EFKAVFTXE6YJ2SRN",
                "X-Zendesk-Webhook-Invocation-Id", "8350205582")));

        String viewed = """
                {"type":"track","event":"Product Viewed","messageId":"ajs-next-1772396900-1a2b3c","userId":"c1",\
                "anonymousId":"507f191e810c19729de860ea","timestamp":"2026-03-01T20:28:20.000Z",\
                "properties":{"product_id":"507f1f77bcf86cd799439011","name":"Rain jacket","price":59,"currency":"EUR",\
                "url":"https://shop.example.com/products/rain-jacket"},"context":{"timezone":"Europe/Berlin"}}""";
        files.put("segment-product-viewed.json", post("segment", viewed, false, Map.of(
                "X-Signature", SegmentScheme.sign(secret("SEGMENT"), viewed.getBytes(UTF_8)))));
        String identify = """
                {"type":"identify","messageId":"ajs-next-1772396910-4d5e6f","userId":"c1","timestamp":"2026-03-01T20:28:30Z",\
                "traits":{"email":"ada@example.com","firstName":"Ada","timezone":"Europe/Paris"}}""";
        files.put("segment-identify.json", post("segment", identify, false, Map.of(
                "X-Signature", SegmentScheme.sign(secret("SEGMENT"), identify.getBytes(UTF_8)))));

        String tweets = """
                {"for_user_id":"2244994945","tweet_create_events":[{"created_at":"Sun Mar 01 20:29:00 +0000 2026",\
                "id":1767000000000000001,"id_str":"1767000000000000001","text":"@brand my parcel is lost!",\
                "user":{"id":6253282,"id_str":"6253282","name":"Ada","screen_name":"ada","followers_count":15000},\
                "entities":{"user_mentions":[{"screen_name":"brand","id_str":"2244994945"}]},"timestamp_ms":"1772396940000"}]}""";
        files.put("x-mention.json", post("x", tweets, false, Map.of(
                "x-twitter-webhooks-signature", XScheme.sign(secret("X"), tweets.getBytes(UTF_8)))));
        files.put("x-crc.json", event("GET", "x", null, false, Map.of(), "crc_token=challenge-token-123"));
        return files;
    }

    static String secret(String source) {
        return SECRETS.get("RIGHTTIME_SECRET_" + source);
    }

    private static Map<String, String> shopify(String topic, String eventId, String body) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("X-Shopify-Topic", topic);
        h.put("X-Shopify-Hmac-Sha256", ShopifyScheme.sign(secret("SHOPIFY"), body.getBytes(UTF_8)));
        h.put("X-Shopify-Shop-Domain", "shop.example.com");
        h.put("X-Shopify-API-Version", "2025-07");
        h.put("X-Shopify-Webhook-Id", "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043");
        h.put("X-Shopify-Event-Id", eventId);
        h.put("X-Shopify-Triggered-At", "2026-03-01T20:29:59.000Z");
        return h;
    }

    private static String post(String source, String body, boolean base64, Map<String, String> providerHeaders) {
        return event("POST", source, body, base64, providerHeaders, "");
    }

    /** An API Gateway HTTP API (payload 2.0) event; header names lower-cased as API Gateway delivers them. */
    private static String event(String method, String source, String body, boolean base64, Map<String, String> providerHeaders,
                                String query) {
        ObjectNode e = Json.mapper().createObjectNode();
        e.put("version", "2.0");
        e.put("routeKey", method + " /webhooks/{source}");
        e.put("rawPath", "/webhooks/" + source);
        e.put("rawQueryString", query);
        ObjectNode headers = e.putObject("headers");
        headers.put("accept", "*/*");
        if (body != null) {
            headers.put("content-length", Integer.toString(body.getBytes(UTF_8).length));
            headers.put("content-type", "application/json");
        }
        headers.put("host", "abc123.execute-api.eu-west-1.amazonaws.com");
        headers.put("user-agent", source + "-webhooks/1.0");
        headers.put("x-amzn-trace-id", "Root=1-65e23a38-0123456789abcdef01234567");
        headers.put("x-forwarded-for", "192.0.2.10");
        headers.put("x-forwarded-port", "443");
        headers.put("x-forwarded-proto", "https");
        new java.util.TreeMap<>(providerHeaders).forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v));
        if (!query.isEmpty()) {
            ObjectNode q = e.putObject("queryStringParameters");
            int eq = query.indexOf('=');
            q.put(query.substring(0, eq), query.substring(eq + 1));
        }
        ObjectNode ctx = e.putObject("requestContext");
        ctx.put("accountId", "123456789012");
        ctx.put("apiId", "abc123");
        ctx.put("domainName", "abc123.execute-api.eu-west-1.amazonaws.com");
        ctx.put("domainPrefix", "abc123");
        ObjectNode http = ctx.putObject("http");
        http.put("method", method);
        http.put("path", "/webhooks/" + source);
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", "192.0.2.10");
        http.put("userAgent", source + "-webhooks/1.0");
        ctx.put("requestId", "JKJaXmPLvHcESHA=");
        ctx.put("routeKey", method + " /webhooks/{source}");
        ctx.put("stage", "$default");
        ctx.put("time", "01/Mar/2026:20:30:00 +0000");
        ctx.put("timeEpoch", SIGNED_AT.toEpochMilli());
        e.putObject("pathParameters").put("source", source);
        if (body != null) {
            e.put("body", base64 ? Base64.getEncoder().encodeToString(body.getBytes(UTF_8)) : body);
        }
        e.put("isBase64Encoded", base64);
        return e.toPrettyString() + "\n";
    }
}
