package dev.righttime.send;

import java.time.Duration;

/**
 * A provider did not take a message. {@code permanent}: it never will (a 4xx other than 408/429,
 * SES MessageRejected, SNS InvalidParameter) and the response becomes FAILED; otherwise the message
 * is retried, after {@code retryAfter} if the provider said when. {@code code} is one safe word
 * for logs and the record ({@code http_404}, {@code ses_MessageRejected}), never the provider's text.
 */
public final class DeliveryException extends RuntimeException {

    private final String code;
    private final boolean permanent;
    private final Duration retryAfter;

    private DeliveryException(String code, boolean permanent, Duration retryAfter, Throwable cause) {
        super(code, cause, false, false);
        this.code = code;
        this.permanent = permanent;
        this.retryAfter = retryAfter;
    }

    public static DeliveryException permanent(String code, Throwable cause) {
        return new DeliveryException(code, true, null, cause);
    }

    public static DeliveryException retry(String code, Duration retryAfter, Throwable cause) {
        return new DeliveryException(code, false, retryAfter, cause);
    }

    public String code() {
        return code;
    }

    public boolean permanent() {
        return permanent;
    }

    /** When the provider asked to be called again; null if it did not say. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
