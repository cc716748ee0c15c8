package dev.righttime.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.util.List;

/** Segment (webhook destination): {@code X-Signature: <hex HMAC-SHA1 of the body>} with the shared secret. */
public final class SegmentScheme implements SignatureScheme {

    public static final String SIGNATURE = "X-Signature";

    @Override
    public void verify(Headers headers, byte[] body, List<byte[]> keys, Instant now) {
        byte[] provided = Signatures.hex(headers.require(SIGNATURE));
        Signatures.requireMatch(keys, List.of(provided), key -> Hmac.SHA1.sign(key, body));
    }

    public static String sign(String secret, byte[] body) {
        return Signatures.toHex(Hmac.SHA1.sign(secret.getBytes(UTF_8), body));
    }
}
