package dev.righttime.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * How one provider signs its deliveries. Implementations check the raw body bytes against every
 * valid key (several keys are valid at once while a secret rotates), compare in constant time,
 * and refuse timestamps more than {@link Signatures#TOLERANCE} away from {@code now}.
 */
public interface SignatureScheme {

    /** The HMAC key a configured secret stands for; computed once per secret, not per request. */
    default byte[] key(String secret) {
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Returns normally when one of {@code keys} signed {@code body}; otherwise throws a
     * {@link WebhookException} with a 401 failure (missing, invalid, or stale).
     */
    void verify(Headers headers, byte[] body, List<byte[]> keys, Instant now);

    /**
     * True when the signature covers the body only, neither a delivery id nor a time: a captured
     * body can be replayed under any new id, so intake also dedupes on a hash of the body.
     */
    default boolean replayableUnderNewId() {
        return false;
    }
}
