package dev.righttime.webhook;

import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/** The pieces every scheme shares: constant-time matching, decoding, and the timestamp window. */
public final class Signatures {

    /** A signed timestamp further than this from our clock (either way) is refused. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] NOTHING = new byte[0];

    private Signatures() {
    }

    /**
     * Passes when any provided signature equals the expected signature under any key. Each
     * comparison is constant-time ({@link MessageDigest#isEqual}); throws 401 otherwise.
     */
    public static void requireMatch(List<byte[]> keys, List<byte[]> provided, Function<byte[], byte[]> expectedFor) {
        if (keys.isEmpty()) {
            throw new WebhookException(Failure.INVALID_SIGNATURE, "no signing secret is configured for this source");
        }
        boolean match = false;
        for (byte[] key : keys) {
            byte[] expected = expectedFor.apply(key);
            for (byte[] p : provided) {
                match |= MessageDigest.isEqual(expected, p);
            }
        }
        if (!match) {
            throw new WebhookException(Failure.INVALID_SIGNATURE, "signature does not match");
        }
    }

    public static void requireFresh(Instant signedAt, Instant now) {
        if (Duration.between(signedAt, now).abs().compareTo(TOLERANCE) > 0) {
            throw new WebhookException(Failure.STALE_TIMESTAMP, "timestamp is outside the tolerance of +-"
                    + TOLERANCE.toMinutes() + " minutes");
        }
    }

    /** Unix seconds as sent in a signature header; 401 when it is not a number. */
    public static Instant epochSeconds(String value) {
        try {
            return Instant.ofEpochSecond(Long.parseLong(value.trim()));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            throw new WebhookException(Failure.INVALID_SIGNATURE, "signature timestamp is not a number");
        }
    }

    /** A base64 signature, or no bytes (which never match) when it is not base64. */
    public static byte[] base64(String value) {
        try {
            return Base64.getDecoder().decode(value.trim());
        } catch (IllegalArgumentException e) {
            return NOTHING;
        }
    }

    /** A hex signature, or no bytes (which never match) when it is not hex. */
    public static byte[] hex(String value) {
        try {
            return HEX.parseHex(value.trim().toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return NOTHING;
        }
    }

    public static String toHex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }
}
