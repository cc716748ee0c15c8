package dev.righttime.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Standard Webhooks (standardwebhooks.com): {@code webhook-signature: v1,<base64 HMAC-SHA256 of
 * "id.timestamp.body">}, several space-separated signatures allowed, secrets {@code whsec_<base64>}.
 */
public final class StandardWebhooksScheme implements SignatureScheme {

    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";
    private static final String SECRET_PREFIX = "whsec_";
    private static final byte[] DOT = {'.'};

    /** The key is the base64 after {@code whsec_}; a secret that is not base64 is used as its bytes. */
    @Override
    public byte[] key(String secret) {
        String s = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            return s.getBytes(UTF_8);
        }
    }

    @Override
    public void verify(Headers headers, byte[] body, List<byte[]> keys, Instant now) {
        String id = headers.require(ID);
        String timestamp = headers.require(TIMESTAMP);
        String signatures = headers.require(SIGNATURE);
        Signatures.requireFresh(Signatures.epochSeconds(timestamp), now);
        List<byte[]> provided = new ArrayList<>(2);
        for (String entry : signatures.split(" ")) {
            if (entry.startsWith("v1,")) {
                provided.add(Signatures.base64(entry.substring(3)));
            }
        }
        byte[] idBytes = id.getBytes(UTF_8);
        byte[] tsBytes = timestamp.getBytes(UTF_8);
        Signatures.requireMatch(keys, provided, key -> Hmac.SHA256.sign(key, idBytes, DOT, tsBytes, DOT, body));
    }

    /** The header value a sender would put: {@code v1,<base64>} (used by tests and the local demo). */
    public static String sign(byte[] key, String id, long timestamp, byte[] body) {
        byte[] mac = Hmac.SHA256.sign(key, (id + "." + timestamp + ".").getBytes(UTF_8), body);
        return "v1," + Base64.getEncoder().encodeToString(mac);
    }
}
