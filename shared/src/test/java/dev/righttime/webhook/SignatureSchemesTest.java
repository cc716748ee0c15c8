package dev.righttime.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Each scheme against published vectors or an HMAC computed independently of the code under test. */
class SignatureSchemesTest {

    // Standard Webhooks' own test vector (standard-webhooks libraries' tests).
    private static final String SW_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String SW_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long SW_TS = 1614265330L;
    private static final byte[] SW_BODY = "{\"test\": 2432232314}".getBytes(UTF_8);
    private static final String SW_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    // GitHub docs' HMAC example ("Validating webhook deliveries").
    private static final String GH_SECRET = "It's a Secret to Everybody";
    private static final byte[] GH_BODY = "Hello, World!".getBytes(UTF_8);
    private static final String GH_HEX = "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    private final StandardWebhooksScheme standard = new StandardWebhooksScheme();

    @Test
    void standardWebhooksPublishedVectorVerifies() {
        assertThatCode(() -> standard.verify(swHeaders(SW_SIGNATURE), SW_BODY, List.of(standard.key(SW_SECRET)),
                Instant.ofEpochSecond(SW_TS))).doesNotThrowAnyException();
        assertThat(StandardWebhooksScheme.sign(standard.key(SW_SECRET), SW_ID, SW_TS, SW_BODY)).isEqualTo(SW_SIGNATURE);
    }

    @Test
    void standardWebhooksAcceptsOneGoodSignatureAmongSeveral() {
        String several = "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v2,whatever " + SW_SIGNATURE;
        assertThatCode(() -> standard.verify(swHeaders(several), SW_BODY, List.of(standard.key(SW_SECRET)),
                Instant.ofEpochSecond(SW_TS))).doesNotThrowAnyException();
    }

    @Test
    void standardWebhooksRefusesAnotherBodyAndAnOldOrFutureTimestamp() {
        List<byte[]> keys = List.of(standard.key(SW_SECRET));
        assertFailure(() -> standard.verify(swHeaders(SW_SIGNATURE), "{\"test\": 2432232315}".getBytes(UTF_8), keys,
                Instant.ofEpochSecond(SW_TS)), Failure.INVALID_SIGNATURE);
        assertFailure(() -> standard.verify(swHeaders(SW_SIGNATURE), SW_BODY, keys,
                Instant.ofEpochSecond(SW_TS + 301)), Failure.STALE_TIMESTAMP);
        assertFailure(() -> standard.verify(swHeaders(SW_SIGNATURE), SW_BODY, keys,
                Instant.ofEpochSecond(SW_TS - 301)), Failure.STALE_TIMESTAMP);
        assertThatCode(() -> standard.verify(swHeaders(SW_SIGNATURE), SW_BODY, keys,
                Instant.ofEpochSecond(SW_TS + 300))).doesNotThrowAnyException();
    }

    @Test
    void githubHmacExampleMatchesOurHmac() {
        assertThat(Signatures.toHex(Hmac.SHA256.sign(GH_SECRET.getBytes(UTF_8), GH_BODY))).isEqualTo(GH_HEX);
        // Shopify signs exactly this way, base64 instead of hex: the same digest must verify.
        String b64 = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(GH_HEX));
        ShopifyScheme shopify = new ShopifyScheme();
        assertThatCode(() -> shopify.verify(Headers.of(Map.of("X-Shopify-Hmac-Sha256", b64)), GH_BODY,
                List.of(shopify.key(GH_SECRET)), Instant.EPOCH)).doesNotThrowAnyException();
        assertFailure(() -> shopify.verify(Headers.of(Map.of("X-Shopify-Hmac-Sha256", b64)), "Hello, World?".getBytes(UTF_8),
                List.of(shopify.key(GH_SECRET)), Instant.EPOCH), Failure.INVALID_SIGNATURE);
    }

    @Test
    void stripeSignsTimestampDotBodyInHexAndAllowsSeveralV1() throws Exception {
        String secret = "whsec_test_stripe";
        long t = 1772397000L;
        byte[] body = "{\"id\":\"evt_1\"}".getBytes(UTF_8);
        String v1 = HexFormat.of().formatHex(mac("HmacSHA256", secret, (t + ".{\"id\":\"evt_1\"}").getBytes(UTF_8)));
        StripeScheme stripe = new StripeScheme();
        List<byte[]> keys = List.of(stripe.key(secret));
        Headers good = Headers.of(Map.of("stripe-signature", "t=" + t + ",v1=" + "00".repeat(32) + ",v1=" + v1 + ",v0=abc"));
        assertThatCode(() -> stripe.verify(good, body, keys, Instant.ofEpochSecond(t + 299))).doesNotThrowAnyException();
        assertThat(StripeScheme.sign(secret, t, body)).isEqualTo("t=" + t + ",v1=" + v1);
        assertFailure(() -> stripe.verify(good, body, keys, Instant.ofEpochSecond(t + 301)), Failure.STALE_TIMESTAMP);
        assertFailure(() -> stripe.verify(Headers.of(Map.of("Stripe-Signature", "t=" + t)), body, keys,
                Instant.ofEpochSecond(t)), Failure.MISSING_SIGNATURE);
        assertFailure(() -> stripe.verify(Headers.of(Map.of("Stripe-Signature", "t=" + (t + 1) + ",v1=" + v1)), body, keys,
                Instant.ofEpochSecond(t)), Failure.INVALID_SIGNATURE);
    }

    @Test
    void zendeskSignsTimestampThenBodyInBase64() throws Exception {
        String secret = "zendesk-test-secret";
        String ts = "2026-03-01T20:30:00Z";
        byte[] body = "{\"type\":\"zen:event-type:ticket.created\"}".getBytes(UTF_8);
        String sig = Base64.getEncoder().encodeToString(mac("HmacSHA256", secret, (ts + new String(body, UTF_8)).getBytes(UTF_8)));
        ZendeskScheme zendesk = new ZendeskScheme();
        Headers h = Headers.of(Map.of("X-Zendesk-Webhook-Signature", sig, "X-Zendesk-Webhook-Signature-Timestamp", ts));
        Instant now = Instant.parse(ts);
        assertThatCode(() -> zendesk.verify(h, body, List.of(zendesk.key(secret)), now)).doesNotThrowAnyException();
        assertFailure(() -> zendesk.verify(h, body, List.of(zendesk.key(secret)), now.plusSeconds(301)), Failure.STALE_TIMESTAMP);
        assertFailure(() -> zendesk.verify(h, body, List.of(zendesk.key("other")), now), Failure.INVALID_SIGNATURE);
    }

    @Test
    void segmentSignsBodyWithHexHmacSha1() throws Exception {
        String secret = "segment-test-secret";
        byte[] body = "{\"type\":\"track\"}".getBytes(UTF_8);
        String sig = HexFormat.of().formatHex(mac("HmacSHA1", secret, body));
        SegmentScheme segment = new SegmentScheme();
        assertThatCode(() -> segment.verify(Headers.of(Map.of("x-signature", sig.toUpperCase())), body,
                List.of(segment.key(secret)), Instant.EPOCH)).doesNotThrowAnyException();
        assertFailure(() -> segment.verify(Headers.of(Map.of("x-signature", "zz")), body,
                List.of(segment.key(secret)), Instant.EPOCH), Failure.INVALID_SIGNATURE);
    }

    @Test
    void xSignsBodyAndAnswersCrcWithBase64HmacSha256() throws Exception {
        String secret = "x-consumer-secret";
        byte[] body = "{\"for_user_id\":\"1\"}".getBytes(UTF_8);
        String sig = "sha256=" + Base64.getEncoder().encodeToString(mac("HmacSHA256", secret, body));
        XScheme x = new XScheme();
        assertThatCode(() -> x.verify(Headers.of(Map.of("X-Twitter-Webhooks-Signature", sig)), body,
                List.of(x.key(secret)), Instant.EPOCH)).doesNotThrowAnyException();
        assertFailure(() -> x.verify(Headers.of(Map.of("X-Twitter-Webhooks-Signature", sig.substring(7))), body,
                List.of(x.key(secret)), Instant.EPOCH), Failure.INVALID_SIGNATURE);
        assertThat(XScheme.crcResponse(x.key(secret), "challenge-token")).isEqualTo(
                "sha256=" + Base64.getEncoder().encodeToString(mac("HmacSHA256", secret, "challenge-token".getBytes(UTF_8))));
    }

    @Test
    void anyOfSeveralRotatingSecretsVerifiesAndNoSecretNeverDoes() {
        String old = "old-secret";
        String current = "new-secret";
        byte[] body = "{}".getBytes(UTF_8);
        ShopifyScheme shopify = new ShopifyScheme();
        Headers signedWithOld = Headers.of(Map.of("X-Shopify-Hmac-Sha256", ShopifyScheme.sign(old, body)));
        assertThatCode(() -> shopify.verify(signedWithOld, body, List.of(shopify.key(current), shopify.key(old)), Instant.EPOCH))
                .doesNotThrowAnyException();
        assertFailure(() -> shopify.verify(signedWithOld, body, List.of(shopify.key(current)), Instant.EPOCH), Failure.INVALID_SIGNATURE);
        assertFailure(() -> shopify.verify(signedWithOld, body, List.of(), Instant.EPOCH), Failure.INVALID_SIGNATURE);
    }

    private static Headers swHeaders(String signature) {
        return Headers.of(Map.of("Webhook-Id", SW_ID, "webhook-timestamp", Long.toString(SW_TS), "WEBHOOK-SIGNATURE", signature));
    }

    private static byte[] mac(String algorithm, String secret, byte[] data) throws Exception {
        Mac m = Mac.getInstance(algorithm);
        m.init(new SecretKeySpec(secret.getBytes(UTF_8), algorithm));
        return m.doFinal(data);
    }

    private static void assertFailure(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Failure failure) {
        assertThatThrownBy(call).isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.failure()).isEqualTo(failure));
    }
}
