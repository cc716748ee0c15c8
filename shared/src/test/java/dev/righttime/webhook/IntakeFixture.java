package dev.righttime.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import dev.righttime.model.Json;
import dev.righttime.port.MessageQueue;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An Intake over the default sources, an in-memory ledger and a recording queue, at a fixed time. */
final class IntakeFixture {

    static final Instant NOW = Instant.parse("2026-03-01T20:30:00Z");
    static final String STANDARD_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final Map<String, String> ENV = Map.of(
            "RIGHTTIME_SECRET_STANDARD", STANDARD_SECRET,
            "RIGHTTIME_SECRET_STRIPE", "whsec_test_stripe_new,whsec_test_stripe",
            "RIGHTTIME_SECRET_SHOPIFY", "shopify-test-secret",
            "RIGHTTIME_SECRET_ZENDESK", "zendesk-test-secret",
            "RIGHTTIME_SECRET_SEGMENT", "segment-test-secret",
            "RIGHTTIME_SECRET_X", "x-test-consumer-secret");

    /** Records what was sent; can be told to fail the next sends. */
    static final class RecordingQueue implements MessageQueue {
        final List<String> messages = new ArrayList<>();
        int failNext;

        @Override
        public void send(String body, String deduplicationId) {
            if (failNext > 0) {
                failNext--;
                throw new QueueUnavailableException("injected", null);
            }
            messages.add(body);
        }

        JsonNode last() {
            try {
                return Json.mapper().readTree(messages.get(messages.size() - 1));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    final RecordingQueue queue = new RecordingQueue();
    final InMemoryDeliveryLedger ledger = new InMemoryDeliveryLedger();
    final Intake intake;

    IntakeFixture() {
        intake = new Intake(Sources.defaults(), SecretRefs.of(ENV), ledger, queue, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    IntakeResult post(String source, Map<String, String> headers, String body) {
        return intake.handle(new WebhookRequest("POST", source, json(headers), Map.of(), body, false));
    }

    static Map<String, String> json(Map<String, String> headers) {
        Map<String, String> h = new HashMap<>(headers);
        h.putIfAbsent("content-type", "application/json");
        return h;
    }

    // Signed requests, one per source, the way each provider builds them.

    static Map<String, String> standard(String id, Instant at, String body) {
        return Map.of("webhook-id", id, "webhook-timestamp", Long.toString(at.getEpochSecond()),
                "webhook-signature", StandardWebhooksScheme.sign(new StandardWebhooksScheme().key(STANDARD_SECRET), id,
                        at.getEpochSecond(), body.getBytes(UTF_8)));
    }

    static Map<String, String> stripe(Instant at, String body) {
        return Map.of("Stripe-Signature", StripeScheme.sign("whsec_test_stripe", at.getEpochSecond(), body.getBytes(UTF_8)));
    }

    static Map<String, String> shopify(String topic, String eventId, String body) {
        return Map.of("X-Shopify-Hmac-Sha256", ShopifyScheme.sign("shopify-test-secret", body.getBytes(UTF_8)),
                "X-Shopify-Topic", topic, "X-Shopify-Event-Id", eventId, "X-Shopify-Shop-Domain", "shop.example.com");
    }

    static Map<String, String> zendesk(String timestamp, String body) {
        return Map.of("X-Zendesk-Webhook-Signature", ZendeskScheme.sign("zendesk-test-secret", timestamp, body.getBytes(UTF_8)),
                "X-Zendesk-Webhook-Signature-Timestamp", timestamp);
    }

    static Map<String, String> segment(String body) {
        return Map.of("X-Signature", SegmentScheme.sign("segment-test-secret", body.getBytes(UTF_8)));
    }

    static Map<String, String> x(String body) {
        return Map.of("x-twitter-webhooks-signature", XScheme.sign("x-test-consumer-secret", body.getBytes(UTF_8)));
    }
}
