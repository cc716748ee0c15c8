package dev.righttime.aws;

import java.time.Duration;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;

/**
 * What every SDK client of a function is built with ({@link AwsClients}), in one place.
 */
final class ClientSettings {

    private ClientSettings() {
    }

    /** The function's region: {@code AWS_REGION}, us-east-1 when unset. */
    static Region regionFromEnvironment() {
        String region = System.getenv("AWS_REGION");
        return Region.of(region == null || region.isBlank() ? "us-east-1" : region);
    }

    static ClientOverrideConfiguration overrides() {
        return ClientOverrideConfiguration.builder()
                .apiCallTimeout(Duration.ofSeconds(20))
                .build();
    }
}
