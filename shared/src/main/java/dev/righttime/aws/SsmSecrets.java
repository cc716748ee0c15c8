package dev.righttime.aws;

import java.time.Duration;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.lambda.powertools.parameters.cache.CacheManager;
import software.amazon.lambda.powertools.parameters.ssm.SSMProvider;

/**
 * Secrets from SSM Parameter Store (SecureString, decrypted) through Powertools Parameters: a value
 * is fetched on first use and cached for {@link #MAX_AGE}, so a rotation reaches a running
 * execution environment within that time, and nothing is fetched while a SnapStart snapshot is
 * taken (the handlers build this object, never call it, before the first invocation). A missing
 * parameter is "no secret" (null, not cached: it is asked again next time); any other failure
 * propagates so the caller can fail this request and retry later.
 */
public final class SsmSecrets implements UnaryOperator<String> {

    /** How long a fetched secret is used before SSM is asked again. */
    public static final Duration MAX_AGE = Duration.ofMinutes(5);

    private final SSMProvider provider;

    public SsmSecrets(SsmClient ssm) {
        this(ssm, MAX_AGE);
    }

    public SsmSecrets(SsmClient ssm, Duration maxAge) {
        CacheManager cache = new CacheManager();
        cache.setDefaultExpirationTime(maxAge);
        this.provider = SSMProvider.builder().withClient(ssm).withCacheManager(cache).build();
    }

    @Override
    public String apply(String path) {
        try {
            return provider.withDecryption().get(path);
        } catch (ParameterNotFoundException e) {
            return null;
        }
    }
}
