package dev.righttime.aws;

import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParameterRequest;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/**
 * Webhook secrets from SSM Parameter Store (SecureString, decrypted). A missing parameter is
 * "no secret" (null); any other failure propagates so the caller can answer 503 and retry later.
 */
public final class SsmSecrets implements UnaryOperator<String> {

    private final SsmClient ssm;

    public SsmSecrets(SsmClient ssm) {
        this.ssm = ssm;
    }

    @Override
    public String apply(String path) {
        try {
            return ssm.getParameter(GetParameterRequest.builder().name(path).withDecryption(true).build())
                    .parameter().value();
        } catch (ParameterNotFoundException e) {
            return null;
        }
    }
}
