package dev.righttime.webhook;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC with one {@link Mac} per thread and algorithm: nothing is looked up per request. */
public enum Hmac {
    SHA256("HmacSHA256"),
    SHA1("HmacSHA1");

    private final String algorithm;
    private final ThreadLocal<Mac> mac;

    Hmac(String algorithm) {
        this.algorithm = algorithm;
        this.mac = ThreadLocal.withInitial(() -> {
            try {
                return Mac.getInstance(algorithm);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(algorithm + " is missing from this JVM", e);
            }
        });
    }

    /** HMAC of the concatenated parts, as if they were one message. */
    public byte[] sign(byte[] key, byte[]... parts) {
        Mac m = mac.get();
        try {
            m.init(new SecretKeySpec(key, algorithm));
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("unusable HMAC key", e);
        }
        for (byte[] part : parts) {
            m.update(part);
        }
        return m.doFinal();
    }

    static {
        // Fail at class load, not on the first request, if the JVM lacks an algorithm.
        try {
            for (Hmac h : values()) {
                Mac.getInstance(h.algorithm);
            }
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
