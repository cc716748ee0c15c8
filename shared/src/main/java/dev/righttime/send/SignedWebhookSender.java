package dev.righttime.send;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.righttime.model.Channel;
import dev.righttime.model.Json;
import dev.righttime.webhook.StandardWebhooksScheme;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Social replies and chat messages as Standard Webhooks: {@code POST} of a JSON body to the
 * channel's endpoint, signed with {@code webhook-id} = responseId (the receiver's idempotency key:
 * a redelivery carries the same id), {@code webhook-timestamp} and {@code webhook-signature:
 * v1,<base64 HMAC-SHA256(id.timestamp.body)>} under the {@code whsec_} secret. The body carries
 * {@code text} at the top level, so a Slack incoming webhook takes it as is.
 *
 * <p>Answers: 2xx delivered; 408, 429 and 5xx (and no answer: connect or request timeout) are
 * retried, after {@code Retry-After} (seconds or an HTTP date) when given; any other 4xx is
 * permanent ({@code http_<status>}): the receiver will not take this message however often it comes.
 */
public final class SignedWebhookSender implements ChannelSender {

    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final Map<Channel, URI> endpoints;
    private final Supplier<String> secret;
    private final HttpClient http;
    private final Clock clock;
    private volatile SigningKey key;

    public SignedWebhookSender(Map<Channel, URI> endpoints, String secret, Clock clock) {
        this(endpoints, () -> secret, clock);
    }

    /** A secret asked for at each send (in Lambda: from SSM, cached with an expiry), never at construction. */
    public SignedWebhookSender(Map<Channel, URI> endpoints, Supplier<String> secret, Clock clock) {
        this(endpoints, secret, HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build(), clock);
    }

    public SignedWebhookSender(Map<Channel, URI> endpoints, String secret, HttpClient http, Clock clock) {
        this(endpoints, () -> secret, http, clock);
        key(); // a fixed secret is checked at once
    }

    public SignedWebhookSender(Map<Channel, URI> endpoints, Supplier<String> secret, HttpClient http, Clock clock) {
        this.endpoints = new EnumMap<>(endpoints);
        this.secret = secret;
        this.http = http;
        this.clock = clock;
    }

    private record SigningKey(String secret, byte[] bytes) {}

    /** The HMAC key of the current secret, derived again only when the secret changes (a rotation). */
    private byte[] key() {
        String current = secret.get();
        SigningKey k = key;
        if (k == null || !k.secret().equals(current)) {
            k = new SigningKey(current, new StandardWebhooksScheme().key(current));
            key = k;
        }
        return k.bytes();
    }

    /** SOCIAL_WEBHOOK_URL and CHAT_WEBHOOK_URL (either may be missing: that channel then fails as no_endpoint). */
    public static Map<Channel, URI> endpointsFrom(Map<String, String> env) {
        Map<Channel, URI> out = new EnumMap<>(Channel.class);
        for (Channel c : new Channel[] {Channel.SOCIAL, Channel.CHAT}) {
            String url = env.get(c.name() + "_WEBHOOK_URL");
            if (url != null && !url.isBlank()) {
                out.put(c, URI.create(url.trim()));
            }
        }
        return out;
    }

    @Override
    public void send(Message m) {
        URI endpoint = endpoints.get(m.channel());
        if (endpoint == null) {
            throw DeliveryException.permanent("no_endpoint", null);
        }
        byte[] key = key();
        byte[] body = body(m);
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header(StandardWebhooksScheme.ID, m.responseId())
                .header(StandardWebhooksScheme.TIMESTAMP, Long.toString(timestamp))
                .header(StandardWebhooksScheme.SIGNATURE, StandardWebhooksScheme.sign(key, m.responseId(), timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<Void> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw DeliveryException.retry("unreachable", null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeliveryException.retry("interrupted", null, e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return;
        }
        String code = "http_" + status;
        if (status == 408 || status == 429 || status >= 500 || status < 200) {
            throw DeliveryException.retry(code,
                    retryAfter(response.headers().firstValue("Retry-After").orElse(null), clock.instant()), null);
        }
        throw DeliveryException.permanent(code, null);
    }

    static byte[] body(Message m) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "righttime.response");
        body.put("responseId", m.responseId());
        body.put("signalId", m.signalId());
        body.put("signalType", m.signalType() == null ? null : m.signalType().wire());
        body.put("channel", m.channel().wire());
        body.put("to", m.to());
        body.put("replyTo", m.replyTo());
        body.put("text", m.text());
        try {
            return Json.mapper().writeValueAsString(body).getBytes(UTF_8);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Retry-After as delay-seconds or an HTTP date; null if absent or unreadable. */
    static Duration retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }
}
