package dev.righttime.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.righttime.model.Json;
import dev.righttime.webhook.SegmentScheme;
import dev.righttime.webhook.ShopifyScheme;
import dev.righttime.webhook.StandardWebhooksScheme;
import dev.righttime.webhook.StripeScheme;
import dev.righttime.webhook.XScheme;
import dev.righttime.webhook.ZendeskScheme;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

/**
 * One demo webhook from {@code events/demo/}: a provider's delivery (source, headers, body), filled
 * in for "now" and signed the way that provider signs, with the secret the stack uses.
 */
public record DemoDelivery(String name, String source, Map<String, String> headers, byte[] body) {

    private static final DateTimeFormatter TWITTER =
            DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** Reads a delivery file and fills its placeholders: {{now}}, {{nowEpoch}}, {{nowMillis}}, {{nowTwitter}}, {{id}}, {{idDigits}}. */
    public static DemoDelivery read(Path file, Instant now) throws IOException {
        String id = UUID.randomUUID().toString();
        String digits = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000_000_000L, 9_000_000_000_000_000_000L));
        String text = Files.readString(file)
                .replace("\"{{nowEpoch}}\"", Long.toString(now.getEpochSecond()))
                .replace("{{nowMillis}}", Long.toString(now.toEpochMilli()))
                .replace("{{nowTwitter}}", TWITTER.format(now))
                .replace("{{now}}", now.toString())
                .replace("{{idDigits}}", digits)
                .replace("{{id}}", id);
        JsonNode root = Json.mapper().readTree(text);
        Map<String, String> headers = new LinkedHashMap<>();
        root.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
        String name = file.getFileName().toString().replaceFirst("\\.json$", "");
        return new DemoDelivery(name, root.path("source").asText(), headers,
                Json.mapper().writeValueAsBytes(root.path("body")));
    }

    /** The signed POST to {@code base/webhooks/{source}}; {@code secret} looks up RIGHTTIME_SECRET_<SOURCE>. */
    public HttpRequest request(URI base, UnaryOperator<String> secret, Instant now) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("/webhooks/" + source))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        String key = secret.apply("RIGHTTIME_SECRET_" + source.toUpperCase(Locale.ROOT));
        long t = now.getEpochSecond();
        switch (source) {
            case "standard" -> {
                String id = "msg_" + UUID.randomUUID().toString().replace("-", "");
                b.header("webhook-id", id).header("webhook-timestamp", Long.toString(t))
                        .header("webhook-signature", StandardWebhooksScheme.sign(new StandardWebhooksScheme().key(key), id, t, body));
            }
            case "stripe" -> b.header("Stripe-Signature", StripeScheme.sign(key, t, body));
            case "shopify" -> b.header("X-Shopify-Hmac-Sha256", ShopifyScheme.sign(key, body));
            case "zendesk" -> {
                String ts = now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
                b.header("X-Zendesk-Webhook-Signature-Timestamp", ts)
                        .header("X-Zendesk-Webhook-Signature", ZendeskScheme.sign(key, ts, body));
            }
            case "segment" -> b.header("X-Signature", SegmentScheme.sign(key, body));
            case "x" -> b.header("x-twitter-webhooks-signature", XScheme.sign(key, body));
            default -> throw new IllegalArgumentException(name + ": no signer for source '" + source + "'");
        }
        return b.build();
    }
}
