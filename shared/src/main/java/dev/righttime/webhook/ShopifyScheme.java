package dev.righttime.webhook;

import java.time.Instant;
import java.util.Base64;
import java.util.List;

/** Shopify: {@code X-Shopify-Hmac-Sha256: <base64 HMAC-SHA256 of the body>} with the app's client secret. */
public final class ShopifyScheme implements SignatureScheme {

    public static final String SIGNATURE = "X-Shopify-Hmac-Sha256";

    @Override
    public void verify(Headers headers, byte[] body, List<byte[]> keys, Instant now) {
        byte[] provided = Signatures.base64(headers.require(SIGNATURE));
        Signatures.requireMatch(keys, List.of(provided), key -> Hmac.SHA256.sign(key, body));
    }

    public static String sign(String secret, byte[] body) {
        return Base64.getEncoder().encodeToString(Hmac.SHA256.sign(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), body));
    }
}
