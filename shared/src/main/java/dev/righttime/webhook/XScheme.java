package dev.righttime.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * X Account Activity API: {@code x-twitter-webhooks-signature: sha256=<base64 HMAC-SHA256 of the
 * body>} keyed with the app's consumer secret, and the CRC challenge answered by {@link #crcResponse}.
 */
public final class XScheme implements SignatureScheme {

    public static final String SIGNATURE = "x-twitter-webhooks-signature";
    private static final String PREFIX = "sha256=";

    @Override
    public void verify(Headers headers, byte[] body, List<byte[]> keys, Instant now) {
        String header = headers.require(SIGNATURE);
        byte[] provided = Signatures.base64(header.startsWith(PREFIX) ? header.substring(PREFIX.length()) : "!");
        Signatures.requireMatch(keys, List.of(provided), key -> Hmac.SHA256.sign(key, body));
    }

    /** {@code sha256=<base64 HMAC-SHA256(crc_token)>}, the {@code response_token} of a CRC check. */
    public static String crcResponse(byte[] key, String crcToken) {
        return PREFIX + Base64.getEncoder().encodeToString(Hmac.SHA256.sign(key, crcToken.getBytes(UTF_8)));
    }

    public static String sign(String secret, byte[] body) {
        return PREFIX + Base64.getEncoder().encodeToString(Hmac.SHA256.sign(secret.getBytes(UTF_8), body));
    }
}
