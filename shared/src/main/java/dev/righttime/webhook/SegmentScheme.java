package dev.righttime.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;

/** Segment (webhook destination): {@code X-Signature: <hex HMAC-SHA1 of the body>} with the shared secret. */
public final class SegmentScheme extends BodyHmacScheme {

    public static final String SIGNATURE = "X-Signature";

    public SegmentScheme() {
        super(SIGNATURE, Hmac.SHA1, Signatures::hex);
    }

    public static String sign(String secret, byte[] body) {
        return Signatures.toHex(Hmac.SHA1.sign(secret.getBytes(UTF_8), body));
    }
}
