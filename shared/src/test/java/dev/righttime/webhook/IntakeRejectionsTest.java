package dev.righttime.webhook;

import static dev.righttime.webhook.IntakeFixture.NOW;
import static dev.righttime.webhook.IntakeFixture.json;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.righttime.model.Json;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The spec's HTTP table, refusals only: each bad input gets its exact status and error, and queues nothing. */
class IntakeRejectionsTest {

    private static final String STRIPE_BODY = "{\"id\":\"evt_1\",\"type\":\"customer.subscription.updated\",\"created\":1772397000,"
            + "\"data\":{\"object\":{\"id\":\"sub_1\",\"customer\":\"cus_1\",\"cancel_at_period_end\":true}}}";
    private static final String SHOPIFY_BODY = "{\"id\":1,\"email\":\"ada@example.com\",\"created_at\":\"2026-03-01T20:00:00Z\"}";
    private static final String BIG = "{\"pad\":\"" + "a".repeat(Intake.MAX_BODY_BYTES) + "\"}";

    static Stream<Arguments> badRequests() {
        return Stream.of(
                bad("unknown source", 404, "unknown_source",
                        f -> post("nosuch", IntakeFixture.shopify("orders/create", "e1", SHOPIFY_BODY), SHOPIFY_BODY)),
                bad("missing source", 404, "unknown_source",
                        f -> post(null, IntakeFixture.shopify("orders/create", "e1", SHOPIFY_BODY), SHOPIFY_BODY)),
                bad("wrong content type", 415, "unsupported_media_type",
                        f -> request("POST", "shopify", with(IntakeFixture.shopify("orders/create", "e1", SHOPIFY_BODY), "Content-Type", "text/plain"), SHOPIFY_BODY, false)),
                bad("no content type", 415, "unsupported_media_type",
                        f -> new WebhookRequest("POST", "shopify", IntakeFixture.shopify("orders/create", "e1", SHOPIFY_BODY), Map.of(), SHOPIFY_BODY, false)),
                bad("content type of separators only (found by IntakeFuzzProperties)", 415, "unsupported_media_type",
                        f -> request("POST", "shopify", with(IntakeFixture.shopify("orders/create", "e1", SHOPIFY_BODY), "Content-Type", ";"), SHOPIFY_BODY, false)),
                bad("latin-1 charset", 415, "unsupported_media_type",
                        f -> request("POST", "shopify", with(IntakeFixture.shopify("orders/create", "e1", SHOPIFY_BODY), "content-type", "application/json; charset=ISO-8859-1"), SHOPIFY_BODY, false)),
                bad("body over 256 KiB", 413, "payload_too_large",
                        f -> post("shopify", IntakeFixture.shopify("orders/create", "e1", BIG), BIG)),
                bad("base64 body over 256 KiB", 413, "payload_too_large",
                        f -> request("POST", "shopify", json(IntakeFixture.shopify("orders/create", "e1", BIG)), b64(BIG.getBytes(UTF_8)), true)),
                bad("missing signature header", 401, "missing_signature",
                        f -> post("shopify", Map.of("X-Shopify-Topic", "orders/create", "X-Shopify-Event-Id", "e1"), SHOPIFY_BODY)),
                bad("signature for another body", 401, "invalid_signature",
                        f -> post("shopify", IntakeFixture.shopify("orders/create", "e1", SHOPIFY_BODY), SHOPIFY_BODY.replace("ada", "bob"))),
                bad("signature with another secret", 401, "invalid_signature",
                        f -> post("segment", Map.of("X-Signature", SegmentScheme.sign("guess", "{}".getBytes(UTF_8))), "{}")),
                bad("stale timestamp", 401, "timestamp_out_of_tolerance",
                        f -> post("stripe", IntakeFixture.stripe(NOW.minusSeconds(301), STRIPE_BODY), STRIPE_BODY)),
                bad("future timestamp", 401, "timestamp_out_of_tolerance",
                        f -> post("standard", IntakeFixture.standard("msg_1", NOW.plusSeconds(301), "{}"), "{}")),
                bad("missing timestamp header", 401, "missing_signature",
                        f -> post("zendesk", Map.of("X-Zendesk-Webhook-Signature", "abc"), "{}")),
                bad("empty body", 400, "invalid_body",
                        f -> post("shopify", IntakeFixture.shopify("orders/create", "e1", ""), "")),
                bad("invalid UTF-8", 400, "invalid_body",
                        f -> signedBytes(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'})),
                bad("not JSON", 400, "invalid_body",
                        f -> post("shopify", IntakeFixture.shopify("orders/create", "e1", "hello"), "hello")),
                bad("JSON but not an object", 400, "invalid_body",
                        f -> post("shopify", IntakeFixture.shopify("orders/create", "e1", "[1,2]"), "[1,2]")),
                bad("invalid base64", 400, "invalid_body",
                        f -> request("POST", "shopify", json(IntakeFixture.shopify("orders/create", "e1", "{}")), "!!!", true)),
                bad("unmappable: Stripe event without a type", 400, "unmappable",
                        f -> post("stripe", IntakeFixture.stripe(NOW, "{\"id\":\"evt_2\"}"), "{\"id\":\"evt_2\"}")),
                bad("unmappable: canonical signal of an unknown type", 400, "unmappable",
                        f -> post("standard", IntakeFixture.standard("msg_2", NOW, "{\"type\":\"commerce.cart_lost\",\"occurredAt\":\"2026-03-01T20:00:00Z\"}"),
                                "{\"type\":\"commerce.cart_lost\",\"occurredAt\":\"2026-03-01T20:00:00Z\"}")),
                bad("unmappable: consent change to an unknown channel", 400, "unmappable",
                        f -> canonical("msg_3", "{\"type\":\"consent.changed\",\"occurredAt\":\"2026-03-01T20:00:00Z\",\"customerRef\":{\"customerId\":\"c1\"},"
                                + "\"attributes\":{\"channel\":\"fax\",\"granted\":true}}")),
                bad("unmappable: consent change without a boolean", 400, "unmappable",
                        f -> canonical("msg_4", "{\"type\":\"consent.changed\",\"occurredAt\":\"2026-03-01T20:00:00Z\",\"customerRef\":{\"customerId\":\"c1\"},"
                                + "\"attributes\":{\"channel\":\"email\",\"granted\":\"yes\"}}")),
                bad("unmappable: profile update to an unknown timezone", 400, "unmappable",
                        f -> canonical("msg_5", "{\"type\":\"profile.updated\",\"occurredAt\":\"2026-03-01T20:00:00Z\",\"customerRef\":{\"customerId\":\"c1\"},"
                                + "\"attributes\":{\"timezone\":\"Mars/Olympus\"}}")),
                bad("unmappable: emergency without a segment", 400, "unmappable",
                        f -> canonical("msg_6", "{\"type\":\"emergency.alert\",\"occurredAt\":\"2026-03-01T20:00:00Z\",\"attributes\":{\"severity\":\"high\"}}")),
                bad("unmappable: Shopify topic header missing", 400, "unmappable",
                        f -> post("shopify", Map.of("X-Shopify-Hmac-Sha256", ShopifyScheme.sign("shopify-test-secret", SHOPIFY_BODY.getBytes(UTF_8))), SHOPIFY_BODY)),
                bad("GET on a POST-only source", 405, "method_not_allowed",
                        f -> request("GET", "stripe", Map.of(), null, false)),
                bad("X CRC without a token", 400, "missing_crc_token",
                        f -> request("GET", "x", Map.of(), null, false)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("badRequests")
    void answersWithItsStatusAndErrorAndQueuesNothing(String name, int status, String error, Function<Void, WebhookRequest> request)
            throws Exception {
        IntakeFixture f = new IntakeFixture();
        IntakeResult result = f.intake.handle(request.apply(null));

        assertThat(result.status()).isEqualTo(status);
        JsonNode body = Json.mapper().readTree(result.body());
        assertThat(body.path("error").asText()).isEqualTo(error);
        assertThat(body.path("message").asText()).isNotBlank();
        assertThat(body.size()).isEqualTo(2);
        assertThat(f.queue.messages).isEmpty();
    }

    private static Arguments bad(String name, int status, String error, Function<Void, WebhookRequest> request) {
        return Arguments.of(name, status, error, request);
    }

    private static WebhookRequest post(String source, Map<String, String> headers, String body) {
        return request("POST", source, json(headers), body, false);
    }

    /** A Standard Webhooks delivery of a canonical signal, signed, with NOW's timestamp. */
    private static WebhookRequest canonical(String id, String body) {
        return post("standard", IntakeFixture.standard(id, NOW, body), body);
    }

    private static WebhookRequest request(String method, String source, Map<String, String> headers, String body, boolean b64) {
        return new WebhookRequest(method, source, headers, Map.of(), body, b64);
    }

    private static WebhookRequest signedBytes(byte[] body) {
        Map<String, String> h = new HashMap<>(json(Map.of("X-Shopify-Topic", "orders/create", "X-Shopify-Event-Id", "e1")));
        h.put("X-Shopify-Hmac-Sha256", Base64.getEncoder().encodeToString(Hmac.SHA256.sign("shopify-test-secret".getBytes(UTF_8), body)));
        return request("POST", "shopify", h, b64(body), true);
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> h = new HashMap<>(headers);
        h.put(name, value);
        return h;
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
