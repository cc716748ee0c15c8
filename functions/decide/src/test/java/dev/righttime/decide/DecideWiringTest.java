package dev.righttime.decide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.righttime.aws.AwsClients;
import dev.righttime.aws.Config;
import dev.righttime.model.Decision;
import dev.righttime.port.EventBus;
import dev.righttime.port.OutcomeEvent;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** decide's composition root: every port from the environment, a missing variable named. */
class DecideWiringTest {

    private static final AwsClients AWS = AwsClients.local(URI.create("http://127.0.0.1:1"), "us-east-1");

    static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        for (String name : new String[] {"PROFILES_TABLE", "IDENTITIES_TABLE", "SIGNALS_TABLE", "RESPONSES_TABLE",
                "EMAIL_QUEUE_URL", "SMS_QUEUE_URL", "WEBHOOK_QUEUE_URL", "EMAIL_QUEUE_ARN", "SMS_QUEUE_ARN",
                "WEBHOOK_QUEUE_ARN", "SCHEDULE_GROUP", "SCHEDULER_ROLE_ARN", "SCHEDULER_DLQ_ARN", "EVENT_BUS_NAME",
                "NEWSROOM_TABLE", "APPROVALS_TOPIC_ARN", "UNSUBSCRIBE_SECRET"}) {
            env.put(name, "x-" + name);
        }
        return env;
    }

    @Test
    void everyPortIsWiredFromTheEnvironment() {
        DecideWiring w = DecideWiring.fromEnvironment(Config.of(env()), AWS);
        assertThat(w.ports()).hasNoNullFieldsOrProperties();
        assertThat(w).hasNoNullFieldsOrProperties();
    }

    @Test
    void withoutTheNewsroomTableThereIsNoCovenantStore() {
        Map<String, String> env = env();
        env.put("NEWSROOM_TABLE", " ");
        assertThat(DecideWiring.fromEnvironment(Config.of(env), AWS).ports().autonomy()).isNull();
    }

    @Test
    void theBusAndTheFeedBothGetDecisionsOutcomesAndTheBatchEnd() {
        List<String> seen = new ArrayList<>();
        EventBus bus = recorder("bus", seen);
        EventBus feed = recorder("feed", seen);
        EventBus both = DecideWiring.both(bus, feed);
        both.publish(List.of());
        both.publishOutcomes(List.of());
        both.flush();
        // Outcome events (a conversion, a bounce) must reach the bus: its default would drop them.
        assertThat(seen).containsExactly("bus decisions", "feed decisions", "bus outcomes", "feed outcomes", "bus flush", "feed flush");
    }

    private static EventBus recorder(String name, List<String> seen) {
        return new EventBus() {
            @Override
            public void publish(List<Decision> decisions) {
                seen.add(name + " decisions");
            }

            @Override
            public void publishOutcomes(List<OutcomeEvent> outcomes) {
                seen.add(name + " outcomes");
            }

            @Override
            public void flush() {
                seen.add(name + " flush");
            }
        };
    }

    @Test
    void aMissingVariableIsNamedAndABlankOneIsMissing() {
        Map<String, String> env = env();
        env.remove("SCHEDULER_DLQ_ARN");
        assertThatThrownBy(() -> DecideWiring.fromEnvironment(Config.of(env), AWS))
                .hasMessage("environment variable SCHEDULER_DLQ_ARN is required");
        env.put("SCHEDULER_DLQ_ARN", "x");
        env.put("EVENT_BUS_NAME", "  ");
        assertThatThrownBy(() -> DecideWiring.fromEnvironment(Config.of(env), AWS))
                .hasMessage("environment variable EVENT_BUS_NAME is required");
    }
}
