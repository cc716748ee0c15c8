package dev.righttime.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Base64;

/** Shopify: {@code X-Shopify-Hmac-Sha256: <base64 HMAC-SHA256 of the body>} with the app's client secret. */
public final class ShopifyScheme extends BodyHmacScheme {

    public static final String SIGNATURE = "X-Shopify-Hmac-Sha256";

    public ShopifyScheme() {
        super(SIGNATURE, Hmac.SHA256, Signatures::base64);
    }

    /** The HMAC covers the body alone; X-Shopify-Event-Id is not signed. */
    @Override
    public boolean replayableUnderNewId() {
        return true;
    }

    public static String sign(String secret, byte[] body) {
        return Base64.getEncoder().encodeToString(Hmac.SHA256.sign(secret.getBytes(UTF_8), body));
    }
}
