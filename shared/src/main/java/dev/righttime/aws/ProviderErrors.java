package dev.righttime.aws;

import dev.righttime.send.DeliveryException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * An SES or SNS error as a {@link DeliveryException}: throttling (SES's sending-rate and daily-quota
 * errors included: {@code Throttling}, {@code TooManyRequestsException}, SESv2's
 * {@code LimitExceededException}), 408, 429 and 5xx are retried (after the SDK's own retries); any
 * other 4xx is permanent for this message: SES's {@code MessageRejected}, {@code BadRequestException}
 * and {@code InvalidParameterValue} (a malformed address), {@code MailFromDomainNotVerifiedException},
 * {@code AccountSuspendedException}, {@code SendingPausedException} (email cannot go out now; the
 * message tries the next channel instead, README "Deliverability"), SNS's {@code InvalidParameter}.
 * A client-side failure (no connection, timeout) is retried. The code is the provider's error code,
 * never its message (which may quote an address).
 */
final class ProviderErrors {

    /** 4xx codes that mean "not now" rather than "never" (SES answers a daily quota with a 400). */
    static final java.util.Set<String> RETRIED = java.util.Set.of("Throttling", "ThrottlingException", "TooManyRequestsException",
            "LimitExceededException");

    private ProviderErrors() {
    }

    static DeliveryException classify(String provider, SdkException e) {
        if (e instanceof SdkServiceException s) {
            int status = s.statusCode();
            String code = s instanceof AwsServiceException a && a.awsErrorDetails() != null
                    && a.awsErrorDetails().errorCode() != null ? a.awsErrorDetails().errorCode() : "http_" + status;
            boolean retry = s.isThrottlingException() || RETRIED.contains(code) || status == 408 || status == 429 || status >= 500
                    || status == 0;
            return retry ? DeliveryException.retry(provider + "_" + code, null, e)
                    : DeliveryException.permanent(provider + "_" + code, e);
        }
        return DeliveryException.retry(provider + "_unreachable", null, e);
    }
}
