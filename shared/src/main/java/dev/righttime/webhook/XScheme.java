package dev.righttime.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Base64;

/**
 * X Account Activity API: {@code x-twitter-webhooks-signature: sha256=<base64 HMAC-SHA256 of the
 * body>} keyed with the app's consumer secret, and the CRC challenge answered by {@link #crcResponse}.
 */
public final class XScheme extends BodyHmacScheme {

    public static final String SIGNATURE = "x-twitter-webhooks-signature";
    private static final String PREFIX = "sha256=";

    public XScheme() {
        super(SIGNATURE, Hmac.SHA256, v -> Signatures.base64(v.startsWith(PREFIX) ? v.substring(PREFIX.length()) : "!"));
    }

    /** {@code sha256=<base64 HMAC-SHA256(crc_token)>}, the {@code response_token} of a CRC check. */
    public static String crcResponse(byte[] key, String crcToken) {
        return PREFIX + Base64.getEncoder().encodeToString(Hmac.SHA256.sign(key, crcToken.getBytes(UTF_8)));
    }

    public static String sign(String secret, byte[] body) {
        return PREFIX + Base64.getEncoder().encodeToString(Hmac.SHA256.sign(secret.getBytes(UTF_8), body));
    }
}
