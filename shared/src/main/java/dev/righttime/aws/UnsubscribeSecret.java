package dev.righttime.aws;

import dev.righttime.deliverability.UnsubscribeTokens;
import dev.righttime.webhook.SecretRefs;
import java.util.List;

/**
 * The key of unsubscribe tokens: UNSUBSCRIBE_SECRET, the value itself or {@code ssm:/path} of a
 * SecureString (several comma-separated while rotating: the first signs, all verify), read on first
 * use. send-email signs with it, newsroom-api verifies.
 */
public final class UnsubscribeSecret {

    public static final String VARIABLE = "UNSUBSCRIBE_SECRET";

    private UnsubscribeSecret() {
    }

    /**
     * As {@link #tokens}, with not even the SSM client built before the first use: for a function
     * that verifies a token rarely (decide, a mailed unsubscribe), so its cold start loads no SSM class.
     */
    public static UnsubscribeTokens onFirstUse(Config config, AwsClients aws) {
        return UnsubscribeTokens.lazily(() -> new SecretRefs(config.env()::get, new SsmSecrets(aws.ssm())).resolve(List.of("env:" + VARIABLE)));
    }

    public static UnsubscribeTokens tokens(Config config, AwsClients aws) {
        SecretRefs refs = new SecretRefs(config.env()::get, new SsmSecrets(aws.ssm()));
        return UnsubscribeTokens.lazily(() -> refs.resolve(List.of("env:UNSUBSCRIBE_SECRET")));
    }
}
