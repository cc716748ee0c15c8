package dev.righttime.send;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.righttime.model.Channel;
import dev.righttime.model.SignalType;
import dev.righttime.testing.CapturingHttpServer;
import dev.righttime.testing.CapturingHttpServer.Reply;
import dev.righttime.testing.MutableClock;
import dev.righttime.webhook.Headers;
import dev.righttime.webhook.StandardWebhooksScheme;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Signed outbound webhooks against a local receiver: headers, a verifiable signature, and the answers. */
class SignedWebhookSenderTest {

    static final byte[] KEY = "outbound-test-key-0123456789".getBytes(UTF_8);
    static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(KEY);
    static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    static final Message REPLY = new Message("r-0123456789abcdef0123456789abcdef", "x:tweet-1", "c1",
            SignalType.SOCIAL_MENTION, Channel.SOCIAL, "@ada", null, "Sorry Ada, fixing it now.", "https://x.com/ada/1");

    static SignedWebhookSender sender(CapturingHttpServer receiver) {
        return new SignedWebhookSender(Map.of(Channel.SOCIAL, receiver.endpoint().resolve("/social")), SECRET,
                new MutableClock(NOW));
    }

    @Test
    void postsTheReplySignedWithStandardWebhooks() {
        try (CapturingHttpServer receiver = new CapturingHttpServer(r -> new Reply(204, Map.of(), ""))) {
            sender(receiver).send(REPLY);

            CapturingHttpServer.Request request = receiver.requests().get(0);
            assertThat(request.path()).isEqualTo("/social");
            assertThat(request.header("webhook-id")).isEqualTo(REPLY.responseId());
            assertThat(request.header("webhook-timestamp")).isEqualTo(Long.toString(NOW.getEpochSecond()));
            assertThat(request.json().path("text").asText()).isEqualTo("Sorry Ada, fixing it now.");
            assertThat(request.json().path("to").asText()).isEqualTo("@ada");
            assertThat(request.json().path("replyTo").asText()).isEqualTo("https://x.com/ada/1");
            Headers headers = Headers.of(Map.of(
                    "webhook-id", request.header("webhook-id"),
                    "webhook-timestamp", request.header("webhook-timestamp"),
                    "webhook-signature", request.header("webhook-signature")));
            StandardWebhooksScheme scheme = new StandardWebhooksScheme();
            assertThatCode(() -> scheme.verify(headers, request.body().getBytes(UTF_8), List.of(scheme.key(SECRET)), NOW))
                    .doesNotThrowAnyException();
            assertThatThrownBy(() -> scheme.verify(headers, (request.body() + " ").getBytes(UTF_8),
                    List.of(scheme.key(SECRET)), NOW)).isNotNull();
        }
    }

    @Test
    void tooManyRequestsIsRetriedAfterRetryAfter() {
        try (CapturingHttpServer receiver = new CapturingHttpServer(r -> new Reply(429, Map.of("Retry-After", "42"), ""))) {
            assertThatThrownBy(() -> sender(receiver).send(REPLY)).isInstanceOfSatisfying(DeliveryException.class, e -> {
                assertThat(e.permanent()).isFalse();
                assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(42));
                assertThat(e.code()).isEqualTo("http_429");
            });
        }
    }

    @Test
    void unavailableWithAnHttpDateAndTimeoutAreRetried() {
        try (CapturingHttpServer receiver = new CapturingHttpServer(
                r -> new Reply(503, Map.of("Retry-After", "Mon, 02 Mar 2026 10:02:00 GMT"), ""))) {
            assertThatThrownBy(() -> sender(receiver).send(REPLY)).isInstanceOfSatisfying(DeliveryException.class,
                    e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(2)));
            receiver.respondWith(r -> new Reply(408, Map.of(), ""));
            assertThatThrownBy(() -> sender(receiver).send(REPLY)).isInstanceOfSatisfying(DeliveryException.class,
                    e -> assertThat(e.permanent()).isFalse());
        }
    }

    @Test
    void otherClientErrorsArePermanent() {
        try (CapturingHttpServer receiver = new CapturingHttpServer(r -> new Reply(410, Map.of(), ""))) {
            assertThatThrownBy(() -> sender(receiver).send(REPLY)).isInstanceOfSatisfying(DeliveryException.class, e -> {
                assertThat(e.permanent()).isTrue();
                assertThat(e.code()).isEqualTo("http_410");
            });
        }
    }

    @Test
    void aChannelWithoutEndpointIsPermanent() {
        try (CapturingHttpServer receiver = new CapturingHttpServer(r -> new Reply(200, Map.of(), ""))) {
            Message chat = new Message(REPLY.responseId(), "zendesk:t1", "c1", SignalType.TICKET_OPENED, Channel.CHAT,
                    null, null, "hi", null);
            assertThatThrownBy(() -> sender(receiver).send(chat)).isInstanceOfSatisfying(DeliveryException.class,
                    e -> assertThat(e.code()).isEqualTo("no_endpoint"));
            assertThat(receiver.requests()).isEmpty();
        }
    }
}
