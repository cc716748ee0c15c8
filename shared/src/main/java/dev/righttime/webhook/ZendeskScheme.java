package dev.righttime.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;

/**
 * Zendesk: {@code X-Zendesk-Webhook-Signature: <base64 HMAC-SHA256 of timestamp + body>} (no
 * separator) with {@code X-Zendesk-Webhook-Signature-Timestamp} (ISO-8601; Unix seconds accepted too).
 */
public final class ZendeskScheme implements SignatureScheme {

    public static final String SIGNATURE = "X-Zendesk-Webhook-Signature";
    public static final String TIMESTAMP = "X-Zendesk-Webhook-Signature-Timestamp";

    @Override
    public void verify(Headers headers, byte[] body, List<byte[]> keys, Instant now) {
        byte[] provided = Signatures.base64(headers.require(SIGNATURE));
        String timestamp = headers.require(TIMESTAMP);
        Signatures.requireFresh(parse(timestamp), now);
        byte[] tsBytes = timestamp.getBytes(UTF_8);
        Signatures.requireMatch(keys, List.of(provided), key -> Hmac.SHA256.sign(key, tsBytes, body));
    }

    private static Instant parse(String timestamp) {
        if (!timestamp.isEmpty() && Character.isDigit(timestamp.charAt(0)) && timestamp.chars().allMatch(Character::isDigit)) {
            return Signatures.epochSeconds(timestamp);
        }
        try {
            return OffsetDateTime.parse(timestamp).toInstant();
        } catch (DateTimeParseException e) {
            throw new WebhookException(Failure.INVALID_SIGNATURE, TIMESTAMP + " is not a timestamp");
        }
    }

    public static String sign(String secret, String timestamp, byte[] body) {
        return Base64.getEncoder().encodeToString(Hmac.SHA256.sign(secret.getBytes(UTF_8), timestamp.getBytes(UTF_8), body));
    }
}
