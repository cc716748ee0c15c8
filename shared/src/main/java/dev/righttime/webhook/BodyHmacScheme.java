package dev.righttime.webhook;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * The shape Shopify, Segment and X share: one header holding an HMAC of the raw body alone (no
 * timestamp), in that provider's encoding. Subclasses name the header, algorithm and decoding.
 */
abstract class BodyHmacScheme implements SignatureScheme {

    private final String header;
    private final Hmac hmac;
    private final Function<String, byte[]> decode;

    BodyHmacScheme(String header, Hmac hmac, Function<String, byte[]> decode) {
        this.header = header;
        this.hmac = hmac;
        this.decode = decode;
    }

    @Override
    public final void verify(Headers headers, byte[] body, List<byte[]> keys, Instant now) {
        byte[] provided = decode.apply(headers.require(header));
        Signatures.requireMatch(keys, List.of(provided), key -> hmac.sign(key, body));
    }
}
