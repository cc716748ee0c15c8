package dev.righttime.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.righttime.aws.SqsDelays;
import dev.righttime.model.Channel;
import dev.righttime.model.CustomerProfile;
import dev.righttime.model.Signal;
import dev.righttime.model.SignalType;
import dev.righttime.policy.Playbook;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A customer with no first name is greeted "Hi, thanks", never "Hi , thanks"; SQS delays round up to the second. */
class RendererGreetingTest {

    final Renderer renderer = new Renderer(Playbook.defaults().templates());
    final Signal ticket = new Signal("zendesk:1", "zendesk", SignalType.TICKET_OPENED, Instant.parse("2026-03-02T10:00:00Z"), null, Map.of());

    @Test
    void aMissingFirstNameClosesUpTheGreeting() {
        String text = renderer.render(SignalType.TICKET_OPENED, Channel.EMAIL, ticket, CustomerProfile.of("c1")).orElseThrow().text();

        assertThat(text).startsWith("Hi, thanks for contacting us.").doesNotContain(" ,");
    }

    @Test
    void aKnownFirstNameIsKept() {
        CustomerProfile ada = new CustomerProfile("c1", null, null, null, null, null, null, Map.of("firstName", "Ada"));

        assertThat(renderer.render(SignalType.TICKET_OPENED, Channel.EMAIL, ticket, ada).orElseThrow().text())
                .startsWith("Hi Ada, thanks for contacting us.");
        assertThat(Renderer.tidy("Thanks , Hi  ! Dear .")).isEqualTo("Thanks, Hi! Dear.");
    }

    @Test
    void sqsDelaysRoundUpToTheSecondAndStopAtFifteenMinutes() {
        assertThat(SqsDelays.seconds(Duration.ofMillis(299_001))).isEqualTo(300);
        assertThat(SqsDelays.seconds(Duration.ofSeconds(300))).isEqualTo(300);
        assertThat(SqsDelays.seconds(Duration.ofMillis(-5))).isZero();
        assertThatThrownBy(() -> SqsDelays.seconds(Duration.ofMinutes(15).plusMillis(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
