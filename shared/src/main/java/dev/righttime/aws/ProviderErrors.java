package dev.righttime.aws;

import dev.righttime.send.DeliveryException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * An SES or SNS error as a {@link DeliveryException}: throttling, 408, 429 and 5xx are retried (after
 * the SDK's own retries), any other 4xx (MessageRejected, InvalidParameter, an unverified sender)
 * is permanent; a client-side failure (no connection, timeout) is retried. The code is the
 * provider's error code, never its message (which may quote an address).
 */
final class ProviderErrors {

    private ProviderErrors() {
    }

    static DeliveryException classify(String provider, SdkException e) {
        if (e instanceof SdkServiceException s) {
            int status = s.statusCode();
            String code = s instanceof AwsServiceException a && a.awsErrorDetails() != null
                    && a.awsErrorDetails().errorCode() != null ? a.awsErrorDetails().errorCode() : "http_" + status;
            boolean retry = s.isThrottlingException() || status == 408 || status == 429 || status >= 500 || status == 0;
            return retry ? DeliveryException.retry(provider + "_" + code, null, e)
                    : DeliveryException.permanent(provider + "_" + code, e);
        }
        return DeliveryException.retry(provider + "_unreachable", null, e);
    }
}
