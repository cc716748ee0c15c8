package dev.righttime.deliverability;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.righttime.model.Channel;
import dev.righttime.model.Json;
import java.io.UncheckedIOException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signed, expiring token of an unsubscribe link and preference page:
 * {@code base64url(payload) "." base64url(HMAC-SHA256(secret, payload))}, the payload a small JSON
 * object with the customer, the channel the message went on, the responseId and the expiry (epoch
 * seconds). Anyone holding the link may change that one customer's consent until it expires, which
 * is what RFC 8058 asks for (no login); nothing else can be read or done with it. Several secrets may
 * be valid at once (the first signs), so the secret rotates without breaking links already sent.
 */
public final class UnsubscribeTokens {

    /** What a valid token stands for. */
    public record Claims(String customerId, Channel channel, String responseId, Instant expiresAt) {
        public Claims {
            Objects.requireNonNull(customerId, "customerId");
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final int MAX_TOKEN_LENGTH = 2048;

    private final Supplier<List<String>> secrets;
    private volatile List<byte[]> keys;

    /** @param secrets the valid secrets, the signing one first; at least one, each at least 16 characters */
    public UnsubscribeTokens(List<String> secrets) {
        this(() -> secrets);
        keys();
    }

    private UnsubscribeTokens(Supplier<List<String>> secrets) {
        this.secrets = secrets;
    }

    /**
     * Secrets read on first use (in Lambda from SSM, after the SnapStart snapshot, so no secret is
     * in it); a failed read is retried on the next use.
     */
    public static UnsubscribeTokens lazily(Supplier<List<String>> secrets) {
        return new UnsubscribeTokens(secrets);
    }

    private List<byte[]> keys() {
        List<byte[]> k = keys;
        if (k == null) {
            List<String> given = secrets.get();
            if (given == null || given.isEmpty()) {
                throw new IllegalStateException("the unsubscribe token secret (UNSUBSCRIBE_SECRET) is not set");
            }
            k = given.stream().map(s -> {
                if (s == null || s.strip().length() < 16) {
                    throw new IllegalStateException("an unsubscribe token secret needs at least 16 characters");
                }
                return s.strip().getBytes(UTF_8);
            }).toList();
            keys = k;
        }
        return k;
    }

    public String sign(Claims claims) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("c", claims.customerId());
        payload.put("ch", claims.channel().wire());
        if (claims.responseId() != null) {
            payload.put("r", claims.responseId());
        }
        payload.put("exp", claims.expiresAt().getEpochSecond());
        byte[] body;
        try {
            body = Json.mapper().writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return B64.encodeToString(body) + "." + B64.encodeToString(mac(keys().get(0), body));
    }

    /** The claims of a token signed with one of the secrets and not expired at {@code now}; empty otherwise. */
    public Optional<Claims> verify(String token, Instant now) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        byte[] body;
        byte[] signature;
        try {
            body = B64D.decode(token.substring(0, dot));
            signature = B64D.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        boolean signed = false;
        for (byte[] key : keys()) {
            signed |= MessageDigest.isEqual(mac(key, body), signature);
        }
        if (!signed) {
            return Optional.empty();
        }
        try {
            JsonNode p = Json.mapper().readTree(body);
            Instant exp = Instant.ofEpochSecond(p.path("exp").asLong(0));
            Optional<Channel> channel = Channel.parse(p.path("ch").asText(null));
            String customer = p.path("c").asText(null);
            if (customer == null || channel.isEmpty() || !now.isBefore(exp)) {
                return Optional.empty();
            }
            return Optional.of(new Claims(customer, channel.get(), p.hasNonNull("r") ? p.get("r").asText() : null, exp));
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    private static byte[] mac(byte[] key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
