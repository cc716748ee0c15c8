package dev.righttime.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.righttime.model.Channel;
import dev.righttime.model.ResponseIds;
import dev.righttime.port.Scheduler;
import dev.righttime.testing.CapturingHttpServer;
import dev.righttime.testing.CapturingHttpServer.Reply;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

/** The CreateSchedule and DeleteSchedule requests the SDK really sends, as Scheduler would receive them. */
class EventBridgeSchedulerContractTest {

    static final EventBridgeScheduler.Setup CONFIG = EventBridgeScheduler.Setup.of("righttime",
            "arn:aws:iam::123456789012:role/righttime-scheduler", "arn:aws:sqs:eu-central-1:123456789012:righttime-schedule-dlq",
            "arn:aws:sqs:eu-central-1:123456789012:email", "arn:aws:sqs:eu-central-1:123456789012:sms",
            "arn:aws:sqs:eu-central-1:123456789012:webhook");

    CapturingHttpServer aws;
    SchedulerClient client;
    EventBridgeScheduler scheduler;

    @BeforeEach
    void start() {
        aws = new CapturingHttpServer(r -> Reply.json(200, "{\"ScheduleArn\":\"arn:aws:scheduler:eu-central-1:123456789012:schedule/righttime/x\"}"));
        client = AwsClients.local(aws.endpoint(), "eu-central-1").scheduler();
        scheduler = new EventBridgeScheduler(client, CONFIG);
    }

    @AfterEach
    void stop() {
        client.close();
        aws.close();
    }

    @Test
    void createScheduleCarriesEverythingAOneTimeDeliveryNeeds() {
        String responseId = ResponseIds.of("shopify:8d1c", "c1", Channel.EMAIL);
        String name = Scheduler.nameFor(responseId);

        assertThat(scheduler.create(new Scheduler.Delivery(name, Instant.parse("2026-03-01T21:30:20Z"),
                ZoneId.of("Europe/Berlin"), Channel.EMAIL, responseId))).isTrue();

        CapturingHttpServer.Request request = aws.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/schedules/" + name);
        assertThat(name).hasSizeLessThanOrEqualTo(64).matches("[0-9a-zA-Z-_.]+");
        JsonNode body = request.json();
        assertThat(body.path("GroupName").asText()).isEqualTo("righttime");
        // 21:30:20Z rounds up to 21:31Z, which is 22:31 in Berlin (CET, UTC+1).
        assertThat(body.path("ScheduleExpression").asText()).isEqualTo("at(2026-03-01T22:31:00)");
        assertThat(body.path("ScheduleExpressionTimezone").asText()).isEqualTo("Europe/Berlin");
        assertThat(body.path("FlexibleTimeWindow").path("Mode").asText()).isEqualTo("OFF");
        assertThat(body.path("ActionAfterCompletion").asText()).isEqualTo("DELETE");
        JsonNode target = body.path("Target");
        assertThat(target.path("Arn").asText()).isEqualTo("arn:aws:sqs:eu-central-1:123456789012:email");
        assertThat(target.path("RoleArn").asText()).isEqualTo("arn:aws:iam::123456789012:role/righttime-scheduler");
        assertThat(target.path("Input").asText()).isEqualTo(responseId);
        assertThat(target.path("DeadLetterConfig").path("Arn").asText())
                .isEqualTo("arn:aws:sqs:eu-central-1:123456789012:righttime-schedule-dlq");
        assertThat(target.path("RetryPolicy").path("MaximumRetryAttempts").asInt()).isEqualTo(185);
        assertThat(target.path("RetryPolicy").path("MaximumEventAgeInSeconds").asInt()).isEqualTo(86_400);
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @CsvSource({
            // channel, instant, queue
            "social, 2026-07-01T09:00:00Z, webhook",
            "chat,   2026-07-01T09:00:00Z, webhook",
            "sms,    2026-07-01T09:00:00Z, sms",
    })
    void socialAndChatGoToTheWebhookQueue(String channel, String at, String queue) {
        scheduler.create(new Scheduler.Delivery("n", Instant.parse(at), ZoneId.of("UTC"), Channel.fromWire(channel), "r-1"));
        assertThat(aws.requests().get(0).json().path("Target").path("Arn").asText()).endsWith(":" + queue);
    }

    @Test
    void anAmbiguousLocalTimeIsScheduledInUtc() {
        // 2026-10-25 00:30Z is 02:30 in Berlin, a wall-clock time that happens twice that night.
        scheduler.create(new Scheduler.Delivery("n", Instant.parse("2026-10-25T00:30:00Z"), ZoneId.of("Europe/Berlin"),
                Channel.EMAIL, "r-1"));
        JsonNode body = aws.requests().get(0).json();
        assertThat(body.path("ScheduleExpression").asText()).isEqualTo("at(2026-10-25T00:30:00)");
        assertThat(body.path("ScheduleExpressionTimezone").asText()).isEqualTo("UTC");
    }

    @Test
    void anExistingScheduleMeansAnEarlierAttemptCreatedIt() {
        aws.respondWith(r -> Reply.error(409, "ConflictException"));
        assertThat(scheduler.create(new Scheduler.Delivery("n", Instant.parse("2026-03-01T21:30:00Z"), ZoneId.of("UTC"),
                Channel.EMAIL, "r-1"))).isFalse();
    }

    @Test
    void otherFailuresAreThrownSoTheSignalIsRetried() {
        aws.respondWith(r -> Reply.error(400, "ValidationException"));
        assertThatThrownBy(() -> scheduler.create(new Scheduler.Delivery("n", Instant.parse("2026-03-01T21:30:00Z"),
                ZoneId.of("UTC"), Channel.EMAIL, "r-1"))).hasMessageContaining("test");
    }

    @Test
    void deleteNamesTheScheduleAndItsGroupAndToleratesAMissingOne() {
        aws.respondWith(r -> Reply.error(404, "ResourceNotFoundException"));
        scheduler.delete("r-0123");

        CapturingHttpServer.Request request = aws.requests().get(0);
        assertThat(request.method()).isEqualTo("DELETE");
        assertThat(request.path()).isEqualTo("/schedules/r-0123");
        assertThat(request.query()).contains("groupName=righttime");
    }

    @ParameterizedTest
    @CsvSource({"r-0123456789abcdef, r-0123456789abcdef", "shop:8d/1c, shop-8d-1c"})
    void scheduleNamesStayWithinSchedulersAlphabet(String responseId, String name) {
        assertThat(Scheduler.nameFor(responseId)).isEqualTo(name);
        assertThat(Scheduler.nameFor("x".repeat(100))).hasSize(64);
    }
}
