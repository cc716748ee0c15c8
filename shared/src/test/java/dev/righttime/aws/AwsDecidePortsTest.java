package dev.righttime.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AwsDecidePortsTest {

    static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        for (String name : new String[] {"PROFILES_TABLE", "IDENTITIES_TABLE", "SIGNALS_TABLE", "RESPONSES_TABLE",
                "EMAIL_QUEUE_URL", "SMS_QUEUE_URL", "WEBHOOK_QUEUE_URL", "EMAIL_QUEUE_ARN", "SMS_QUEUE_ARN",
                "WEBHOOK_QUEUE_ARN", "SCHEDULE_GROUP", "SCHEDULER_ROLE_ARN", "SCHEDULER_DLQ_ARN", "EVENT_BUS_NAME",
                "NEWSROOM_TABLE", "APPROVALS_TOPIC_ARN"}) {
            env.put(name, "x-" + name);
        }
        return env;
    }

    @Test
    void everyPortIsWiredFromTheEnvironment() {
        assertThat(AwsDecidePorts.fromEnvironment(AwsClients.local(URI.create("http://127.0.0.1:1"), "us-east-1"), env()))
                .hasNoNullFieldsOrProperties();
    }

    @Test
    void aMissingVariableIsNamed() {
        Map<String, String> env = env();
        env.remove("SCHEDULER_DLQ_ARN");
        assertThatThrownBy(() -> AwsDecidePorts.fromEnvironment(AwsClients.local(URI.create("http://127.0.0.1:1"), "us-east-1"), env))
                .hasMessage("environment variable SCHEDULER_DLQ_ARN is required");
    }
}
