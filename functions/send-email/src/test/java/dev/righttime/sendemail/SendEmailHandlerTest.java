package dev.righttime.sendemail;

import static dev.righttime.testing.SendFixture.sendNow;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.righttime.aws.AwsClients;
import dev.righttime.aws.SesEmailSender;
import dev.righttime.model.Channel;
import dev.righttime.model.CustomerRef;
import dev.righttime.model.Reason;
import dev.righttime.model.Response;
import dev.righttime.model.ResponseIds;
import dev.righttime.model.ResponseStatus;
import dev.righttime.model.Signal;
import dev.righttime.model.SignalType;
import dev.righttime.send.SendService;
import dev.righttime.testing.CapturingHttpServer;
import dev.righttime.testing.CapturingHttpServer.Reply;
import dev.righttime.testing.DynamoDbLocal;
import dev.righttime.testing.SendFixture;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The handler fed events/send-email, on DynamoDB Local, against a fake SESv2 endpoint. */
class SendEmailHandlerTest {

    static final Instant OCCURRED = Instant.parse("2026-03-02T10:05:00Z");
    static final String TICKET = ResponseIds.of("zendesk:ticket-4001", "c1", Channel.EMAIL);
    static final AtomicInteger TABLES = new AtomicInteger();
    static final DynamoDbLocal dynamo = DynamoDbLocal.shared();

    SendFixture world;
    CapturingHttpServer ses;
    SendEmailHandler handler;

    @BeforeEach
    void fresh() {
        world = new SendFixture(dynamo, "email" + TABLES.incrementAndGet() + "-", OCCURRED.plusSeconds(4));
        ses = new CapturingHttpServer(r -> Reply.json(200, "{\"MessageId\":\"m-1\"}"));
        SesEmailSender sender = new SesEmailSender(AwsClients.local(ses.endpoint(), "eu-central-1").sesV2(), "care@brand.example");
        handler = new SendEmailHandler(new SendService(dev.righttime.policy.Playbook.defaults().templates(),
                world.ports(SendService.Ports.senders(sender, Channel.EMAIL)), world.clock));
        Signal ticket = new Signal("zendesk:ticket-4001", "zendesk", SignalType.TICKET_OPENED, OCCURRED,
                new CustomerRef(null, "ada@example.com", null, null), Map.of("channel", "email"));
        Response r = world.decided(ticket, sendNow(ticket, Channel.EMAIL, Reason.CUSTOMER_INITIATED));
        assertThat(r.responseId()).isEqualTo(TICKET);
    }

    @AfterEach
    void close() {
        ses.close();
    }

    static SQSBatchResponse handle(SendEmailHandler handler, String event) {
        return handler.handleRequest(EventLoader.loadSQSEvent("events/send-email/" + event), null);
    }

    @Test
    void sendsTheTicketReplyThroughSesAndMarksItSent() {
        SQSBatchResponse response = handle(handler, "ticket-reply.json");

        assertThat(response.getBatchItemFailures()).isEmpty();
        JsonNode body = ses.requests().get(0).json();
        assertThat(body.path("FromEmailAddress").asText()).isEqualTo("care@brand.example");
        assertThat(body.path("Destination").path("ToAddresses").get(0).asText()).isEqualTo("ada@example.com");
        assertThat(body.path("Content").path("Simple").path("Subject").path("Data").asText()).isEqualTo("We got your request");
        assertThat(body.path("Content").path("Simple").path("Body").path("Text").path("Data").asText()).startsWith("Hi Ada,");
        Response sent = world.get(TICKET);
        assertThat(sent.status()).isEqualTo(ResponseStatus.SENT);
        assertThat(sent.sentAt()).isEqualTo(OCCURRED.plusSeconds(4));
        assertThat(world.times).extracting(SendFixture.Timed::elapsed).containsExactly(java.time.Duration.ofSeconds(4));
    }

    @Test
    void aRedeliveredResponseIdIsSentOnce() {
        SQSBatchResponse response = handle(handler, "redelivered.json");

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(ses.requests()).hasSize(1);
    }

    @Test
    void throttlingFailsOnlyThatMessageAndLeavesTheResponseToRetry() {
        ses.respondWith(r -> Reply.error(429, "TooManyRequestsException"));

        SQSBatchResponse response = handle(handler, "ticket-reply.json");

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("7c1e0a10-0001-4e2a-8c11-email0000001");
        assertThat(world.get(TICKET).status()).isEqualTo(ResponseStatus.SCHEDULED);

        ses.respondWith(r -> Reply.json(200, "{\"MessageId\":\"m-2\"}"));
        assertThat(handle(handler, "ticket-reply.json").getBatchItemFailures()).isEmpty();
        assertThat(world.get(TICKET).status()).isEqualTo(ResponseStatus.SENT);
    }

    @Test
    void aRejectedAddressFailsTheResponseForGoodWithoutRetrying() {
        ses.respondWith(r -> Reply.error(400, "MessageRejected"));

        assertThat(handle(handler, "ticket-reply.json").getBatchItemFailures()).isEmpty();
        assertThat(world.get(TICKET).status()).isEqualTo(ResponseStatus.FAILED);
        assertThat(world.get(TICKET).detail()).isEqualTo("ses_MessageRejected");
    }

    @Test
    void configurationComesFromTheEnvironmentAndAMissingVariableIsNamed() {
        AwsClients aws = AwsClients.local(URI.create("http://127.0.0.1:1"), "eu-central-1");
        Map<String, String> links = Map.of("API_BASE_URL", "https://abc.execute-api.eu-central-1.amazonaws.com",
                "UNSUBSCRIBE_SECRET", "ssm:/rt/unsubscribe");
        Map<String, String> env = new java.util.HashMap<>(Map.of("RESPONSES_TABLE", "r", "SIGNALS_TABLE", "s",
                "PROFILES_TABLE", "p", "SENDER_EMAIL", "care@brand.example", "SMS_QUEUE_URL", "http://127.0.0.1:1/sms"));
        env.putAll(links);
        assertThat(SendEmailWiring.service(dev.righttime.aws.Config.of(env), aws)).isNotNull();
        Map<String, String> custom = new java.util.HashMap<>(env);
        custom.remove("API_BASE_URL");
        custom.put("PUBLIC_BASE_URL", "https://api.brand.example");
        assertThat(SendEmailWiring.service(dev.righttime.aws.Config.of(custom), aws)).as("a custom domain instead of the API's URL").isNotNull();
        for (String name : List.of("SENDER_EMAIL", "API_BASE_URL", "UNSUBSCRIBE_SECRET", "SMS_QUEUE_URL")) {
            Map<String, String> missing = new java.util.HashMap<>(env);
            missing.remove(name);
            assertThatThrownBy(() -> SendEmailWiring.service(dev.righttime.aws.Config.of(missing), aws)).hasMessageContaining(name);
        }
    }
}
