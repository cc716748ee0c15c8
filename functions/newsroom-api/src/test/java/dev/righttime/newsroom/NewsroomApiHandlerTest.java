package dev.righttime.newsroom;

import static dev.righttime.testing.SendFixture.hold;
import static dev.righttime.testing.SendFixture.sendNow;
import static dev.righttime.testing.SendFixture.signal;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.righttime.flow.ChannelQueues;
import dev.righttime.model.Channel;
import dev.righttime.model.Fallback;
import dev.righttime.model.Json;
import dev.righttime.model.Reason;
import dev.righttime.model.Response;
import dev.righttime.model.ResponseStatus;
import dev.righttime.model.Signal;
import dev.righttime.model.SignalType;
import dev.righttime.port.ResponseStore.Change;
import dev.righttime.testing.DynamoDbLocal;
import dev.righttime.testing.RecordingQueue;
import dev.righttime.testing.RecordingScheduler;
import dev.righttime.testing.SendFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import java.net.URI;
import dev.righttime.aws.AwsClients;
import org.junit.jupiter.api.Test;

/** The handler fed events/newsroom-api, on DynamoDB Local with recording queues and scheduler. */
class NewsroomApiHandlerTest {

    static final Instant MENTION_AT = Instant.parse("2026-03-02T10:00:00Z");
    static final AtomicInteger TABLES = new AtomicInteger();
    static final DynamoDbLocal dynamo = DynamoDbLocal.shared();

    SendFixture world;
    RecordingQueue webhook = new RecordingQueue();
    RecordingScheduler scheduler = new RecordingScheduler();
    NewsroomApiHandler handler;
    Response held;

    @BeforeEach
    void fresh() {
        world = new SendFixture(dynamo, "newsroom" + TABLES.incrementAndGet() + "-", MENTION_AT.plusSeconds(60));
        Approvals approvals = new Approvals(world.responses, scheduler,
                new ChannelQueues(new RecordingQueue(), new RecordingQueue(), webhook), world.clock);
        handler = new NewsroomApiHandler(new NewsroomApi(approvals, new Timeline(world.signals, world.responses),
                world.responses, new Approver("local-admin-token"), world.clock));
        Signal s = signal("x:1893001", SignalType.SOCIAL_MENTION, MENTION_AT, Map.of("sentiment", "negative", "followers", 48000));
        held = world.decided(s, hold(s, Duration.ofMinutes(5), Fallback.HOLDING_REPLY));
    }

    APIGatewayV2HTTPResponse call(String event) {
        return handler.handleRequest(EventLoader.loadApiGatewayHttpEvent("events/newsroom-api/" + event), null);
    }

    static JsonNode json(APIGatewayV2HTTPResponse response) throws Exception {
        return Json.mapper().readTree(response.getBody());
    }

    @Test
    void listsHeldResponsesSoonestDeadlineFirst() throws Exception {
        Signal later = signal("x:1893002", SignalType.SOCIAL_MENTION, MENTION_AT.minusSeconds(120), Map.of());
        Response sooner = world.decided(later, hold(later, Duration.ofMinutes(5), Fallback.HOLDING_REPLY));

        APIGatewayV2HTTPResponse response = call("list-approvals.json");

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(json(response).path("approvals").findValuesAsText("responseId"))
                .containsExactly(sooner.responseId(), held.responseId());
    }

    @Test
    void approveRecordsTheApproverQueuesTheReplyAndDeletesTheDeadlineSchedule() throws Exception {
        APIGatewayV2HTTPResponse response = call("approve.json");

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.path("status").asText()).isEqualTo("APPROVED");
        assertThat(body.path("reviewedBy").asText()).isEqualTo("editor@brand.example");
        assertThat(webhook.bodies()).containsExactly(held.responseId());
        assertThat(scheduler.deleted()).containsExactly(held.responseId());
        assertThat(world.responses.pendingApprovals(10)).isEmpty();
    }

    @Test
    void approvingTwiceAnswersTheSameRecord() throws Exception {
        JsonNode first = json(call("approve-edited.json"));
        APIGatewayV2HTTPResponse second = call("approve.json");

        assertThat(second.getStatusCode()).isEqualTo(200);
        assertThat(json(second)).isEqualTo(first);
        assertThat(first.path("editedText").asText()).isEqualTo("Sorry about that, Ada. We're fixing it now.");
        assertThat(world.get(held.responseId()).reviewedAt()).isEqualTo(MENTION_AT.plusSeconds(60));
    }

    @Test
    void approvingAfterTheFallbackWasSentIsAConflict() throws Exception {
        world.responses.transition(held.responseId(), Set.of(ResponseStatus.PENDING_APPROVAL), ResponseStatus.SENT,
                Change.sent(MENTION_AT.plusSeconds(300), "holding", "holding_reply"));

        APIGatewayV2HTTPResponse response = call("approve.json");

        assertThat(response.getStatusCode()).isEqualTo(409);
        assertThat(json(response).path("error").asText()).isEqualTo("conflict");
        assertThat(json(response).path("message").asText()).contains("SENT (holding_reply)");
        assertThat(webhook.bodies()).isEmpty();
    }

    @Test
    void rejectCancelsThenApproveConflictsAndRejectAgainIsIdempotent() throws Exception {
        APIGatewayV2HTTPResponse rejected = call("reject.json");
        assertThat(rejected.getStatusCode()).isEqualTo(200);
        assertThat(json(rejected).path("status").asText()).isEqualTo("CANCELLED");
        assertThat(json(rejected).path("detail").asText()).isEqualTo("rejected");
        assertThat(scheduler.deleted()).containsExactly(held.responseId());

        assertThat(call("approve.json").getStatusCode()).isEqualTo(409);
        assertThat(call("reject.json").getStatusCode()).isEqualTo(200);
        assertThat(webhook.bodies()).isEmpty();
    }

    @Test
    void anIdOverTheKeyLimitIs400NotA5xx() throws Exception {
        APIGatewayV2HTTPEvent approve = EventLoader.loadApiGatewayHttpEvent("events/newsroom-api/approve.json");
        approve.setRawPath("/approvals/" + "r".repeat(3000) + "/approve");
        APIGatewayV2HTTPResponse response = handler.handleRequest(approve, null);
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(json(response).path("error").asText()).isEqualTo("invalid_id");

        APIGatewayV2HTTPEvent timeline = EventLoader.loadApiGatewayHttpEvent("events/newsroom-api/timeline.json");
        timeline.setRawPath("/customers/" + "c".repeat(3000) + "/timeline");
        assertThat(handler.handleRequest(timeline, null).getStatusCode()).isEqualTo(400);
    }

    @Test
    void anUnknownResponseIs404() throws Exception {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/newsroom-api/approve.json");
        event.setRawPath("/approvals/r-ffffffffffffffffffffffffffffffff/approve");

        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(json(response).path("error").asText()).isEqualTo("not_found");
    }

    @Test
    void withoutJwtClaimsOnlyTheAdminBearerTokenIsAnApprover() throws Exception {
        APIGatewayV2HTTPResponse anonymous = call("approve-unauthenticated.json");
        assertThat(anonymous.getStatusCode()).isEqualTo(401);
        assertThat(json(anonymous).path("error").asText()).isEqualTo("unauthorized");

        APIGatewayV2HTTPEvent wrong = EventLoader.loadApiGatewayHttpEvent("events/newsroom-api/approve-local-token.json");
        wrong.getHeaders().put("authorization", "Bearer local-admin-tokem");
        assertThat(handler.handleRequest(wrong, null).getStatusCode()).isEqualTo(401);

        APIGatewayV2HTTPResponse admin = call("approve-local-token.json");
        assertThat(admin.getStatusCode()).isEqualTo(200);
        assertThat(json(admin).path("reviewedBy").asText()).isEqualTo("admin");
    }

    @Test
    void theTimelineListsSignalDecisionAndSendInTimeOrder() throws Exception {
        Signal ticket = new Signal("zendesk:ticket-4001", "zendesk", SignalType.TICKET_OPENED, MENTION_AT.plusSeconds(30),
                dev.righttime.model.CustomerRef.ofCustomerId("c1"), Map.of("channel", "email"));
        Response reply = world.decided(ticket, sendNow(ticket, Channel.EMAIL, Reason.CUSTOMER_INITIATED));
        world.responses.transition(reply.responseId(), Set.of(ResponseStatus.SCHEDULED), ResponseStatus.SENT,
                Change.sent(MENTION_AT.plusSeconds(34), "Hi Ada", null));

        JsonNode events = json(call("timeline.json")).path("events");

        assertThat(events.findValuesAsText("kind")).containsExactly("signal", "decision", "signal", "decision", "send",
                "response");
        assertThat(events.get(4).path("timeToResponseMs").asLong()).isEqualTo(4000);
        assertThat(events.get(5).path("status").asText()).isEqualTo("PENDING_APPROVAL");
    }

    @Test
    void theReportGivesPercentilesPerSignalType() throws Exception {
        Signal ticket = signal("zendesk:ticket-4001", SignalType.TICKET_OPENED, MENTION_AT, Map.of("channel", "email"));
        Response reply = world.decided(ticket, sendNow(ticket, Channel.EMAIL, Reason.CUSTOMER_INITIATED));
        world.responses.transition(reply.responseId(), Set.of(ResponseStatus.SCHEDULED), ResponseStatus.SENT,
                Change.sent(MENTION_AT.plusSeconds(90), "Hi Ada", null));

        JsonNode report = json(call("response-times.json"));

        assertThat(report.path("bySignalType").path("support.ticket_opened").path("p95Ms").asLong()).isEqualTo(90_000);
        // The held mention, still waiting, leads: never-answered signals come first.
        assertThat(report.path("firefighting").findValuesAsText("signalId")).isEqualTo(List.of("x:1893001", "zendesk:ticket-4001"));
        assertThat(report.path("firefighting").get(0).path("outcome").asText()).isEqualTo("waiting_for_approval");
        assertThat(report.path("firefighting").get(1).path("timeToResponseMs").asLong()).isEqualTo(90_000);
    }

    @Test
    void configurationComesFromTheEnvironmentAndAMissingVariableIsNamed() {
        AwsClients aws = AwsClients.local(URI.create("http://127.0.0.1:1"), "eu-central-1");
        Map<String, String> env = Map.of("RESPONSES_TABLE", "r", "SIGNALS_TABLE", "s", "PROFILES_TABLE", "p", "IDENTITIES_TABLE", "i", "EMAIL_QUEUE_URL", "q1",
                "SMS_QUEUE_URL", "q2", "WEBHOOK_QUEUE_URL", "q3", "SCHEDULE_GROUP", "righttime");
        assertThat(NewsroomWiring.api(new dev.righttime.aws.AwsParts(aws.dynamoDb(), aws.sqs(), dev.righttime.aws.Config.of(env)), aws)).isNotNull();
        java.util.Map<String, String> full = new java.util.HashMap<>(env);
        full.put("PROFILES_TABLE", "p");
        full.put("NEWSROOM_TABLE", "n");
        assertThat(NewsroomWiring.api(new dev.righttime.aws.AwsParts(aws.dynamoDb(), aws.sqs(), dev.righttime.aws.Config.of(full)), aws)).isNotNull();
        java.util.Map<String, String> missing = new java.util.HashMap<>(env);
        missing.remove("SCHEDULE_GROUP");
        assertThatThrownBy(() -> NewsroomWiring.api(new dev.righttime.aws.AwsParts(aws.dynamoDb(), aws.sqs(), dev.righttime.aws.Config.of(missing)), aws)).hasMessageContaining("SCHEDULE_GROUP");
    }

    @Test
    void theOutcomeReportNeedsAnApproverAndCountsPerRuleAndDelay() throws Exception {
        APIGatewayV2HTTPResponse response = call("outcomes.json");

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(json(response).path("rows").isArray()).isTrue();
        APIGatewayV2HTTPEvent anonymous = EventLoader.loadApiGatewayHttpEvent("events/newsroom-api/outcomes.json");
        anonymous.getRequestContext().setAuthorizer(null);
        assertThat(handler.handleRequest(anonymous, null).getStatusCode()).isEqualTo(401);
    }

    @Test
    void oneClickUnsubscribeIsOpenButNeedsAValidToken() {
        java.util.List<Signal> submitted = new java.util.ArrayList<>();
        dev.righttime.deliverability.UnsubscribeTokens tokens =
                new dev.righttime.deliverability.UnsubscribeTokens(java.util.List.of("newsroom-test-key-0123456789"));
        NewsroomApiHandler open = new NewsroomApiHandler(new NewsroomApi(null, null, world.responses, new Approver("local-admin-token"),
                world.clock), () -> true, new dev.righttime.deliverability.PreferencesApi(tokens, world.profiles, submitted::add, world.clock));
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/newsroom-api/unsubscribe-one-click.json");

        APIGatewayV2HTTPResponse forged = open.handleRequest(event, null);
        assertThat(forged.getStatusCode()).isEqualTo(401);
        assertThat(forged.getBody()).contains("invalid_token");
        assertThat(submitted).isEmpty();

        event.setQueryStringParameters(Map.of("token", tokens.sign(new dev.righttime.deliverability.UnsubscribeTokens.Claims("c1",
                Channel.EMAIL, held.responseId(), world.clock.instant().plusSeconds(60)))));
        APIGatewayV2HTTPResponse done = open.handleRequest(event, null);
        assertThat(done.getStatusCode()).isEqualTo(200);
        assertThat(done.getHeaders()).containsEntry("Cache-Control", "no-store");
        assertThat(submitted).singleElement().satisfies(s -> {
            assertThat(s.type()).isEqualTo(SignalType.CONSENT_CHANGED);
            assertThat(s.customerRef().customerId()).isEqualTo("c1");
            assertThat(s.attributes()).containsEntry("channel", "email").containsEntry("granted", false);
        });
    }

    @Test
    void anAwsFailureIsAJson503NotAnEscapedException() throws Exception {
        // every store and queue at a closed port: the SDK gives up with an SdkClientException
        AwsClients aws = AwsClients.local(URI.create("http://127.0.0.1:1"), "eu-central-1");
        Map<String, String> env = Map.of("RESPONSES_TABLE", "r", "SIGNALS_TABLE", "s", "PROFILES_TABLE", "p", "IDENTITIES_TABLE", "i",
                "EMAIL_QUEUE_URL", "http://127.0.0.1:1/q1",
                "SMS_QUEUE_URL", "http://127.0.0.1:1/q2", "WEBHOOK_QUEUE_URL", "http://127.0.0.1:1/q3", "SCHEDULE_GROUP", "righttime");
        handler = new NewsroomApiHandler(NewsroomWiring.api(new dev.righttime.aws.AwsParts(aws.dynamoDb(), aws.sqs(), dev.righttime.aws.Config.of(env)), aws));

        APIGatewayV2HTTPResponse response = call("list-approvals.json");

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
        assertThat(json(response).path("error").asText()).isEqualTo("unavailable");
        assertThat(json(response).path("message").asText()).isNotBlank();
    }
}
