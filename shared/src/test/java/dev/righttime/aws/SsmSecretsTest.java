package dev.righttime.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParameterRequest;
import software.amazon.awssdk.services.ssm.model.GetParameterResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.SsmException;

/** Secrets through Powertools Parameters: decrypted, fetched on first use, cached with an expiry; misses are not cached. */
class SsmSecretsTest {

    /** An SSM Parameter Store in memory that records each GetParameter (name, withDecryption). */
    static final class FakeSsm implements SsmClient {
        final Map<String, String> values = new HashMap<>();
        final List<String> asked = new ArrayList<>();
        RuntimeException failure;

        @Override
        public GetParameterResponse getParameter(GetParameterRequest request) {
            asked.add(request.name() + (Boolean.TRUE.equals(request.withDecryption()) ? " decrypted" : " plain"));
            if (failure != null) {
                throw failure;
            }
            String value = values.get(request.name());
            if (value == null) {
                throw ParameterNotFoundException.builder().message("not found").build();
            }
            return GetParameterResponse.builder().parameter(Parameter.builder().name(request.name()).value(value).build()).build();
        }

        @Override
        public String serviceName() {
            return "ssm";
        }

        @Override
        public void close() {}
    }

    @Test
    void readsDecryptedOnFirstUseAndCachesTheValue() {
        FakeSsm ssm = new FakeSsm();
        SsmSecrets secrets = new SsmSecrets(ssm);
        assertThat(ssm.asked).as("nothing is read when built (SnapStart snapshot)").isEmpty();

        ssm.values.put("/righttime/outbound-webhook", "whsec_a");
        assertThat(secrets.apply("/righttime/outbound-webhook")).isEqualTo("whsec_a");
        ssm.values.put("/righttime/outbound-webhook", "whsec_b");
        assertThat(secrets.apply("/righttime/outbound-webhook")).as("cached for MAX_AGE").isEqualTo("whsec_a");
        assertThat(ssm.asked).containsExactly("/righttime/outbound-webhook decrypted");
    }

    @Test
    void anExpiredValueIsReadAgainSoARotationArrives() {
        FakeSsm ssm = new FakeSsm();
        SsmSecrets secrets = new SsmSecrets(ssm, Duration.ZERO); // every value expires at once
        ssm.values.put("/p", "old");
        assertThat(secrets.apply("/p")).isEqualTo("old");
        ssm.values.put("/p", "new");
        assertThat(secrets.apply("/p")).isEqualTo("new");
        assertThat(ssm.asked).hasSize(2);
    }

    @Test
    void aMissingParameterIsNoSecretAndIsAskedAgainNextTime() {
        FakeSsm ssm = new FakeSsm();
        SsmSecrets secrets = new SsmSecrets(ssm);
        assertThat(secrets.apply("/p")).isNull();
        ssm.values.put("/p", "created later");
        assertThat(secrets.apply("/p")).isEqualTo("created later");
    }

    @Test
    void anUnreachableSsmPropagates() {
        FakeSsm ssm = new FakeSsm();
        ssm.failure = SsmException.builder().message("throttled").statusCode(400).build();
        assertThatThrownBy(() -> new SsmSecrets(ssm).apply("/p")).isInstanceOf(SsmException.class);
    }
}
