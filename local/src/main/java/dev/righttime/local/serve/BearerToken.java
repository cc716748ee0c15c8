package dev.righttime.local.serve;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** {@code Authorization: Bearer <token>} against the expected token, in constant time. */
final class BearerToken {

    private BearerToken() {
    }

    static boolean matches(String header, String expected) {
        if (header == null || expected == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(header.substring(7).trim().getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }
}
