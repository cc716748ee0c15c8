package dev.righttime.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Stable response ids: the same signal, customer and channel always give the same id, so a
 * redelivered signal finds (and never duplicates) the records of its first delivery.
 * {@code "r-" + 32 hex digits} of SHA-256(signalId NUL customerId NUL channel): 34 characters,
 * valid as an EventBridge Scheduler name and an SQS message body.
 */
public final class ResponseIds {

    private ResponseIds() {
    }

    public static String of(String signalId, String customerId, Channel channel) {
        String key = signalId + '\u0000' + (customerId == null ? "" : customerId) + '\u0000'
                + (channel == null ? "" : channel.wire());
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "r-" + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public static String of(Decision d) {
        return of(d.signalId(), d.customerId(), d.channel());
    }
}
