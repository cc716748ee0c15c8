package dev.righttime.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Stripe: {@code Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">[,v1=...]};
 * the endpoint secret ({@code whsec_...}) is the key as it is written. Other schemes (v0) are ignored.
 */
public final class StripeScheme implements SignatureScheme {

    public static final String SIGNATURE = "Stripe-Signature";
    private static final byte[] DOT = {'.'};

    @Override
    public void verify(Headers headers, byte[] body, List<byte[]> keys, Instant now) {
        String header = headers.require(SIGNATURE);
        String t = null;
        List<byte[]> provided = new ArrayList<>(2);
        for (String item : header.split(",")) {
            int eq = item.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String k = item.substring(0, eq).trim();
            String v = item.substring(eq + 1).trim();
            if (k.equals("t")) {
                t = v;
            } else if (k.equals("v1")) {
                provided.add(Signatures.hex(v));
            }
        }
        if (t == null || provided.isEmpty()) {
            throw new WebhookException(Failure.MISSING_SIGNATURE, SIGNATURE + " needs t= and v1=");
        }
        Signatures.requireFresh(Signatures.epochSeconds(t), now);
        byte[] tBytes = t.getBytes(UTF_8);
        Signatures.requireMatch(keys, provided, key -> Hmac.SHA256.sign(key, tBytes, DOT, body));
    }

    public static String sign(String secret, long timestamp, byte[] body) {
        byte[] mac = Hmac.SHA256.sign(secret.getBytes(UTF_8), (timestamp + ".").getBytes(UTF_8), body);
        return "t=" + timestamp + ",v1=" + Signatures.toHex(mac);
    }
}
