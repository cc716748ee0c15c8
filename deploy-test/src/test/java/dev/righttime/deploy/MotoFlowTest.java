package dev.righttime.deploy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.righttime.aws.AwsClients;
import dev.righttime.aws.DynamoDbIdentityStore;
import dev.righttime.aws.DynamoDbProfileStore;
import dev.righttime.aws.DynamoDbResponseStore;
import dev.righttime.flow.Customers;
import dev.righttime.model.Addresses;
import dev.righttime.model.Channel;
import dev.righttime.model.Consent;
import dev.righttime.model.CustomerProfile;
import dev.righttime.model.Json;
import dev.righttime.model.Response;
import dev.righttime.model.ResponseStatus;
import dev.righttime.port.Scheduler;
import dev.righttime.testing.CapturingHttpServer;
import dev.righttime.testing.CapturingHttpServer.Reply;
import dev.righttime.time.SendTime;
import dev.righttime.webhook.Headers;
import dev.righttime.webhook.StandardWebhooksScheme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The deployed flow on AWS's own APIs, emulated by moto_server (no Docker): template.yaml as SAM
 * translates it becomes tables, queues, a bus, a schedule group in moto; each function of the
 * template is built with its no-arg Lambda constructor from the environment the template gives it,
 * every SDK client reaching moto through AWS_ENDPOINT_URL. Then: signed webhooks through ingest,
 * the signals queue, decide (SQS events from real ReceiveMessage calls), schedules in moto's
 * Scheduler (fired by sending their input to their target, as Scheduler would), send-email (SES),
 * send-sms (SNS), send-webhook (secret from SSM, signed POST to a loopback receiver, a Retry-After
 * honoured), newsroom-api approve / reject with JWT claims, decision events through a bus rule into
 * a queue. Every SDK call of each function is recorded; {@link #eachFunctionIsGrantedExactlyWhatItUses}
 * compares them with the template's policies.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MotoFlowTest {

    /** The key of unsubscribe links, as SSM holds it (/righttime/unsubscribe). */
    static final String UNSUBSCRIBE_KEY = "moto-unsubscribe-key-0123456789";

    static final String SECRET_IN = "whsec_" + Base64.getEncoder().encodeToString("moto-inbound-key-0123456789".getBytes(UTF_8));
    static final String SECRET_OUT = "whsec_" + Base64.getEncoder().encodeToString("moto-outbound-key-987654321".getBytes(UTF_8));
    static final Map<String, String> EDITOR = Map.of("sub", "editor-1", "email", "editor@brand.example");

    MotoServer moto;
    MotoStack stack;
    AwsClients aws;
    SqsClient sqs;
    CapturingHttpServer receiver;
    final Map<String, Lambda> functions = new LinkedHashMap<>();
    final Template sam = Template.of(Repo.templateText());
    boolean flowPassed;
    String decisionsQueue;

    /** One function of the template: its handler built by its no-arg constructor, run under its own environment. */
    final class Lambda {
        final String id;
        final String handler;
        final Map<String, String> env;
        Object instance;

        Lambda(String id, String handler, Map<String, String> templateEnv) {
            this.id = id;
            this.handler = handler;
            this.env = new HashMap<>(templateEnv);
            // What the Lambda runtime adds, with every client pointed at moto.
            env.put("AWS_REGION", MotoServer.REGION);
            env.put("AWS_DEFAULT_REGION", MotoServer.REGION);
            env.put("AWS_ACCESS_KEY_ID", "testing");
            env.put("AWS_SECRET_ACCESS_KEY", "testing");
            env.put("AWS_ENDPOINT_URL", moto.endpoint().toString());
            env.put("AWS_LAMBDA_FUNCTION_NAME", id);
        }

        void construct() {
            String cls = handler.substring(0, handler.indexOf("::"));
            ProcessEnv.with(env, () -> OperationRecorder.runAs(id, "init", () -> {
                try {
                    instance = Class.forName(cls).getDeclaredConstructor().newInstance();
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(id + ": cannot build " + cls + " with its no-arg constructor", e);
                }
            }));
        }

        @SuppressWarnings("unchecked")
        <I, O> O invoke(I event) {
            AtomicReference<O> out = new AtomicReference<>();
            ProcessEnv.with(env, () -> OperationRecorder.runAs(id, "invoke",
                    () -> out.set(((RequestHandler<I, O>) instance).handleRequest(event, null))));
            return out.get();
        }
    }

    @BeforeAll
    void deploy() {
        moto = MotoServer.start();
        receiver = new CapturingHttpServer(r -> new Reply(200, Map.of(), "ok"));
        Translated translated = Translated.of(Repo.ROOT.resolve("template.yaml"));
        aws = AwsClients.local(moto.endpoint(), MotoServer.REGION);
        sqs = aws.sqs();
        Map<String, String> parameters = Map.of("NewsroomJwtIssuer", "https://issuer.example", "NewsroomJwtAudience", "newsroom",
                "EmailFrom", "hello@example.com", "SesIdentity", "example.com",
                "SocialWebhookUrl", receiver.endpoint() + "/social", "ChatWebhookUrl", receiver.endpoint() + "/chat");
        stack = new MotoStack(translated, aws, MotoServer.REGION, MotoServer.ACCOUNT, parameters).create();

        aws.sesV2().createEmailIdentity(b -> b.emailIdentity("example.com"));
        aws.ssm().putParameter(b -> b.name("/righttime/standard").type(ParameterType.SECURE_STRING).value(SECRET_IN));
        aws.ssm().putParameter(b -> b.name("/righttime/unsubscribe").type(ParameterType.SECURE_STRING).value(UNSUBSCRIBE_KEY));
        // Decision events: a rule on the bus puts them on a queue the test reads.
        decisionsQueue = sqs.createQueue(b -> b.queueName("rt-test-decisions")).queueUrl();
        String bus = stack.template.values.get("EventBus");
        // (Outcome events, detail-type response.*, share the source: this rule takes decisions only.)
        aws.eventBridge().putRule(b -> b.name("decisions-to-queue").eventBusName(bus)
                .eventPattern("{\"source\":[\"righttime\"],\"detail-type\":[\"decision\"]}"));
        aws.eventBridge().putTargets(b -> b.rule("decisions-to-queue").eventBusName(bus)
                .targets(t -> t.id("queue").arn("arn:aws:sqs:" + MotoServer.REGION + ":" + MotoServer.ACCOUNT + ":rt-test-decisions")));

        Customers customers = new Customers(new DynamoDbProfileStore(aws.dynamoDb(), table("ProfilesTable")),
                new DynamoDbIdentityStore(aws.dynamoDb(), table("IdentitiesTable")));
        customers.save(new CustomerProfile("c-ada", ZoneId.of("UTC"), null, new Consent(true, true, true),
                new Addresses("ada@example.com", "+4915112345678", "@ada"), null, Channel.EMAIL, Map.of("firstName", "Ada")));
        customers.save(new CustomerProfile("c-grace", ZoneId.of("UTC"), null, new Consent(false, true, null),
                new Addresses("grace@example.com", "+12125550100", null), null, Channel.SMS, Map.of("firstName", "Grace")));

        stack.handlers().forEach((id, handler) -> functions.put(id, new Lambda(id, handler, stack.environment(id))));
        // The outbound secret does not exist yet: building send-webhook must not need it (a SnapStart snapshot).
        functions.values().forEach(Lambda::construct);
    }

    @AfterAll
    void undeploy() {
        if (receiver != null) {
            receiver.close();
        }
        if (moto != null) {
            moto.close();
        }
    }

    @Test
    @Order(1)
    void everyFunctionIsBuiltFromItsTemplateEnvironmentWithoutCallingAws() {
        assertThat(functions.keySet()).as("the template's functions").contains("WebhookIngestFunction", "DecideFunction",
                "SendEmailFunction", "SendSmsFunction", "SendWebhookFunction", "NewsroomApiFunction");
        assertThat(functions.values()).allSatisfy(f -> assertThat(f.instance).as(f.id).isNotNull());
        assertThat(OperationRecorder.calls()).as("AWS calls while the handlers were built (before a SnapStart snapshot)")
                .filteredOn(c -> c.phase().equals("init")).isEmpty();
    }

    @Test
    @Order(2)
    void aWebhookFlowsThroughEveryFunctionOnAwsApis() throws Exception {
        // 1. A cart left by Ada: ingest answers 202 (and 200 to the provider's retry), decide schedules an email.
        String cart = "msg_cart_ada";
        assertThat(post(cart, signal("commerce.cart_abandoned", "c-ada", Map.of("cartUrl", "https://shop.example/cart/1"))).getStatusCode())
                .isEqualTo(202);
        assertThat(post(cart, signal("commerce.cart_abandoned", "c-ada", Map.of("cartUrl", "https://shop.example/cart/1"))).getStatusCode())
                .as("a redelivery").isEqualTo(200);
        decideAll();
        Response reminder = onlyResponse("c-ada", ResponseStatus.SCHEDULED);
        GetScheduleResponse schedule = aws.scheduler().getSchedule(b -> b.groupName(group()).name(Scheduler.nameFor(reminder.responseId())));
        ZoneId zone = ZoneId.of(schedule.scheduleExpressionTimezone());
        assertThat(schedule.scheduleExpression()).isEqualTo("at(" + DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
                LocalDateTime.ofInstant(SendTime.roundUpToMinute(reminder.sendAt()), zone)) + ")");
        assertThat(schedule.target().arn()).isEqualTo(value("EmailQueue.Arn"));
        assertThat(schedule.target().roleArn()).isEqualTo(value("SchedulerRole.Arn"));
        assertThat(schedule.target().input()).isEqualTo(reminder.responseId());
        assertThat(schedule.target().deadLetterConfig().arn()).isEqualTo(value("SchedulerDlq.Arn"));

        // 2. The schedule fires: Scheduler sends its input to its target queue; send-email sends with SES.
        sqs.sendMessage(b -> b.queueUrl(value("EmailQueue")).messageBody(schedule.target().input()));
        assertThat(consume("EmailQueue", "SendEmailFunction").getBatchItemFailures()).isEmpty();
        assertThat(response(reminder.responseId()).status()).isEqualTo(ResponseStatus.SENT);
        assertThat(motoData().path("ses").path("Message").findValuesAsText("source")).contains("hello@example.com");
        assertThat(motoData().path("ses").path("Message").toString()).contains("ada@example.com");

        // 3. Tickets answered now: by email (SES), by SMS (SNS), by chat (signed webhook; the receiver first says 429 Retry-After: 1).
        post("msg_ticket_email", signal("support.ticket_opened", "c-ada", Map.of("channel", "email", "subject", "Where is my order?")));
        post("msg_ticket_sms", signal("support.ticket_opened", "c-ada", Map.of("channel", "sms", "subject", "Refund?")));
        post("msg_ticket_chat", signal("support.ticket_opened", "c-ada", Map.of("channel", "chat", "subject", "Hello")));
        decideAll();
        assertThat(consume("EmailQueue", "SendEmailFunction").getBatchItemFailures()).isEmpty();
        assertThat(consume("SmsQueue", "SendSmsFunction").getBatchItemFailures()).isEmpty();
        assertThat(motoData().path("sns").path("SMS").findValuesAsText("phone_number")).contains("+4915112345678");
        // send-webhook before its secret exists: the invocation fails, naming the parameter; the message stays queued.
        List<Message> chatBatch = receiveAtLeastOne(value("WebhookQueue"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> functions.get("SendWebhookFunction")
                        .invoke(SqsEvents.of(chatBatch, value("WebhookQueue.Arn"), MotoServer.REGION)))
                .hasMessageContaining("OUTBOUND_WEBHOOK_SECRET: ssm:/righttime/outbound-webhook does not exist");
        assertThat(receiver.requests()).isEmpty();
        chatBatch.forEach(m -> sqs.changeMessageVisibility(b -> b.queueUrl(value("WebhookQueue")).receiptHandle(m.receiptHandle())
                .visibilityTimeout(0))); // as if its visibility timeout had passed
        aws.ssm().putParameter(b -> b.name("/righttime/outbound-webhook").type(ParameterType.SECURE_STRING).value(SECRET_OUT));
        receiver.respondWith(r -> new Reply(429, Map.of("Retry-After", "1"), ""));
        assertThat(consume("WebhookQueue", "SendWebhookFunction").getBatchItemFailures()).as("a 429 is retried").hasSize(1);
        receiver.respondWith(r -> new Reply(200, Map.of(), "ok"));
        assertThat(consume("WebhookQueue", "SendWebhookFunction").getBatchItemFailures()).isEmpty();
        CapturingHttpServer.Request chat = receiver.requests().get(receiver.requests().size() - 1);
        assertThat(chat.path()).isEqualTo("/chat");
        assertSignedWithOutboundSecret(chat);

        // 4. Grace leaves a cart, then orders: decide cancels the reminder and deletes its schedule.
        post("msg_cart_grace", signal("commerce.cart_abandoned", "c-grace", Map.of("cartUrl", "https://shop.example/cart/2")));
        decideAll();
        Response graceReminder = onlyResponse("c-grace", ResponseStatus.SCHEDULED);
        post("msg_order_grace", signal("commerce.order_placed", "c-grace", Map.of("orderId", "o-1")));
        decideAll();
        assertThat(response(graceReminder.responseId()).status()).isEqualTo(ResponseStatus.CANCELLED);
        assertThat(scheduleExists(graceReminder.responseId())).as("the cancelled reminder's schedule").isFalse();

        // 5. Two loud complaints wait for a human; the newsroom approves one (sent as a signed social reply) and rejects the other.
        Map<String, Object> loud = Map.of("sentiment", "negative", "followers", 250_000, "text", "Worst service ever",
                "url", "https://x.com/loud/status/1");
        post("msg_loud_1", signal("social.mention", Map.of("x", "@loud"), loud));
        post("msg_loud_2", signal("social.mention", Map.of("x", "@loud"), loud));
        decideAll();
        APIGatewayV2HTTPResponse list = newsroom("GET", "/approvals", null, null);
        assertThat(list.getStatusCode()).as(list.getBody()).isEqualTo(200);
        List<String> held = Json.mapper().readTree(list.getBody()).path("approvals").findValuesAsText("responseId");
        assertThat(held).hasSize(2);
        // A 5-minute deadline is an SQS message delay on the webhook queue (to the second), not a schedule.
        assertThat(held).allSatisfy(id -> assertThat(scheduleExists(id)).as("deadline schedule of " + id).isFalse());
        APIGatewayV2HTTPResponse approved = newsroom("POST", "/approvals/" + held.get(0) + "/approve", held.get(0),
                "{\"text\":\"Sorry about that - we are on it.\"}");
        assertThat(approved.getStatusCode()).as(approved.getBody()).isEqualTo(200);
        APIGatewayV2HTTPResponse rejected = newsroom("POST", "/approvals/" + held.get(1) + "/reject", held.get(1), null);
        assertThat(rejected.getStatusCode()).as(rejected.getBody()).isEqualTo(200);
        assertThat(held).allSatisfy(id -> assertThat(scheduleExists(id)).as("deadline schedule of " + id).isFalse());
        assertThat(consume("WebhookQueue", "SendWebhookFunction").getBatchItemFailures()).isEmpty();
        CapturingHttpServer.Request social = receiver.requests().get(receiver.requests().size() - 1);
        assertThat(social.path()).isEqualTo("/social");
        assertThat(social.json().path("text").asText()).isEqualTo("Sorry about that - we are on it.");
        assertSignedWithOutboundSecret(social);
        assertThat(response(held.get(1)).status()).isEqualTo(ResponseStatus.CANCELLED);

        // 6. The newsroom's reads and health check.
        APIGatewayV2HTTPResponse timeline = newsroom("GET", "/customers/c-ada/timeline", null, null);
        assertThat(timeline.getStatusCode()).as(timeline.getBody()).isEqualTo(200);
        assertThat(timeline.getBody()).contains("standard:msg_cart_ada");
        assertThat(newsroom("GET", "/reports/response-times", null, null).getStatusCode()).isEqualTo(200);
        // The feed decide wrote, the covenants (read, then a new version), a year's report from daily roll-ups.
        APIGatewayV2HTTPResponse feed = newsroom("GET", "/decisions", null, null);
        assertThat(feed.getStatusCode()).as(feed.getBody()).isEqualTo(200);
        assertThat(Json.mapper().readTree(feed.getBody()).path("decisions").findValuesAsText("outcome")).contains("HOLD", "SEND_NOW");
        JsonNode covenants = Json.mapper().readTree(newsroom("GET", "/settings/autonomy", null, null).getBody());
        APIGatewayV2HTTPResponse saved = newsroom("PUT", "/settings/autonomy", null,
                "{\"version\":0,\"covenants\":" + covenants.path("covenants") + "}");
        assertThat(saved.getStatusCode()).as(saved.getBody()).isEqualTo(200);
        assertThat(Json.mapper().readTree(saved.getBody()).path("version").asInt()).isEqualTo(1);
        java.time.Instant now = java.time.Instant.now();
        APIGatewayV2HTTPResponse year = newsroomQuery("/reports/response-times",
                Map.of("from", now.minus(java.time.Duration.ofDays(365)).toString(), "to", now.toString()));
        assertThat(year.getStatusCode()).as(year.getBody()).isEqualTo(200);
        assertThat(Json.mapper().readTree(year.getBody()).path("source").asText()).isEqualTo("daily roll-ups");
        assertThat(newsroom("GET", "/healthz", null, null).getStatusCode()).isEqualTo(200);

        // 6b. The profile API: a profile written, read back, and erased (identities and stored signals too).
        APIGatewayV2HTTPResponse put = newsroom("PUT", "/profiles/c-zoe", "c-zoe",
                "{\"customerId\":\"c-zoe\",\"timezone\":\"Europe/Berlin\",\"addresses\":{\"email\":\"zoe@example.com\"}}");
        assertThat(put.getStatusCode()).as(put.getBody()).isIn(200, 201);
        APIGatewayV2HTTPResponse got = newsroom("GET", "/profiles/c-zoe", "c-zoe", null);
        assertThat(got.getStatusCode()).as(got.getBody()).isEqualTo(200);
        assertThat(got.getBody()).contains("Europe/Berlin");
        APIGatewayV2HTTPResponse erased = newsroom("DELETE", "/profiles/c-zoe", "c-zoe", null);
        assertThat(erased.getStatusCode()).as(erased.getBody()).isIn(200, 204);
        assertThat(newsroom("GET", "/profiles/c-zoe", "c-zoe", null).getStatusCode()).isEqualTo(404);

        // 6c. A ticket from nobody known yet waits on the signals queue for a link (a visibility change), not decided at once.
        post("msg_ticket_stranger", signal("support.ticket_opened", Map.of("email", "stranger@example.com"),
                Map.of("channel", "email", "subject", "Hello?")));
        List<Message> waiting = receiveAtLeastOne(value("SignalsQueue"));
        SQSBatchResponse left = functions.get("DecideFunction").invoke(SqsEvents.of(waiting, value("SignalsQueue.Arn"), MotoServer.REGION));
        assertThat(left.getBatchItemFailures()).as("the stranger's ticket is left on the queue").hasSize(1);
        assertThat(receive(value("SignalsQueue"))).as("it comes back only after the wait, not at once").isEmpty();

        // 8. Deliverability. A number on SNS's opt-out list (moto: every number ending in 99): send-sms checks it
        //    first, fails the reminder for good, turns sms consent off through the signals queue, and the
        //    reminder falls back to email, sent with its one-click unsubscribe link.
        Customers customers = new Customers(new DynamoDbProfileStore(aws.dynamoDb(), table("ProfilesTable")),
                new dev.righttime.aws.DynamoDbIdentityStore(aws.dynamoDb(), table("IdentitiesTable")));
        customers.save(new CustomerProfile("c-opt", ZoneId.of("UTC"), null, new Consent(true, true, null),
                new Addresses("opt@example.com", "+12125550199", null), null, Channel.SMS, Map.of("firstName", "Opt")));
        post("msg_cart_opt", signal("commerce.cart_abandoned", "c-opt", Map.of()));
        decideAll();
        Response smsReminder = onlyResponse("c-opt", ResponseStatus.SCHEDULED);
        sqs.sendMessage(b -> b.queueUrl(value("SmsQueue")).messageBody(smsReminder.responseId()));
        assertThat(consume("SmsQueue", "SendSmsFunction").getBatchItemFailures()).isEmpty();
        assertThat(response(smsReminder.responseId()).detail()).isEqualTo("sns_opted_out");
        decideAll();
        assertThat(customers.get("c-opt").orElseThrow().consentOrNone().sms()).isFalse();
        assertThat(consume("EmailQueue", "SendEmailFunction").getBatchItemFailures()).isEmpty();
        assertThat(response(smsReminder.responseId() + "-email").status()).isEqualTo(ResponseStatus.SENT);
        assertThat(motoData().path("ses").path("Message").toString()).contains("opt@example.com");
        //    The recipient's one-click unsubscribe (no login; the token signed with the SSM key) revokes email consent.
        String token = new dev.righttime.deliverability.UnsubscribeTokens(List.of(UNSUBSCRIBE_KEY)).sign(
                new dev.righttime.deliverability.UnsubscribeTokens.Claims("c-opt", Channel.EMAIL, smsReminder.responseId() + "-email",
                        Instant.now().plusSeconds(3600)));
        APIGatewayV2HTTPEvent unsubscribe = APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey("POST /unsubscribe")
                .withRawPath("/unsubscribe").withQueryStringParameters(Map.of("token", token))
                .withHeaders(Map.of("content-type", "application/x-www-form-urlencoded"))
                .withRequestContext(RequestContext.builder().withRouteKey("POST /unsubscribe")
                        .withHttp(RequestContext.Http.builder().withMethod("POST").withPath("/unsubscribe").build()).build())
                .withBody("List-Unsubscribe=One-Click").withIsBase64Encoded(false).build();
        APIGatewayV2HTTPResponse unsubscribed = functions.get("NewsroomApiFunction").invoke(unsubscribe);
        assertThat(unsubscribed.getStatusCode()).as(unsubscribed.getBody()).isEqualTo(200);
        decideAll();
        assertThat(customers.get("c-opt").orElseThrow().consentOrNone().email()).isFalse();

        // 8b. SES refuses an email for good (moto, like SES, rejects an address without a domain): send-email
        //     fails the reminder and hands it to the SMS queue; send-sms sends it. The same email message
        //     delivered again changes nothing: no second SMS is queued.
        customers.save(new CustomerProfile("c-bad", ZoneId.of("UTC"), null, new Consent(true, true, null),
                new Addresses("bad-address@", "+12125550123", null), null, Channel.EMAIL, Map.of("firstName", "Bea")));
        post("msg_cart_bad", signal("commerce.cart_abandoned", "c-bad", Map.of()));
        decideAll();
        Response badReminder = onlyResponse("c-bad", ResponseStatus.SCHEDULED);
        assertThat(badReminder.channel()).isEqualTo(Channel.EMAIL);
        sqs.sendMessage(b -> b.queueUrl(value("EmailQueue")).messageBody(badReminder.responseId()));
        assertThat(consume("EmailQueue", "SendEmailFunction").getBatchItemFailures()).isEmpty();
        assertThat(response(badReminder.responseId()).status()).isEqualTo(ResponseStatus.FAILED);
        assertThat(response(badReminder.responseId()).detail()).isEqualTo("ses_InvalidParameterValue");
        sqs.sendMessage(b -> b.queueUrl(value("EmailQueue")).messageBody(badReminder.responseId()));
        assertThat(consume("EmailQueue", "SendEmailFunction").getBatchItemFailures()).as("redelivered").isEmpty();
        List<Message> fallback = drain(value("SmsQueue"));
        assertThat(fallback).extracting(Message::body).containsExactly(badReminder.responseId() + "-sms");
        SQSBatchResponse smsSent = functions.get("SendSmsFunction").invoke(SqsEvents.of(fallback, value("SmsQueue.Arn"), MotoServer.REGION));
        assertThat(smsSent.getBatchItemFailures()).isEmpty();
        assertThat(response(badReminder.responseId() + "-sms").status()).isEqualTo(ResponseStatus.SENT);
        assertThat(response(badReminder.responseId() + "-sms").detail()).isEqualTo("channel_fallback");
        assertThat(motoData().path("sns").path("SMS").findValuesAsText("phone_number")).contains("+12125550123");
        assertThat(motoData().path("ses").path("Message").toString()).doesNotContain("bad-address@");

        // 7. Every decision also went to the bus, and through the rule into the queue.
        List<JsonNode> events = new ArrayList<>();
        for (Message m : drain(decisionsQueue)) {
            events.add(Json.mapper().readTree(m.body()));
        }
        assertThat(events).allSatisfy(e -> {
            assertThat(e.path("source").asText()).isEqualTo("righttime");
            assertThat(e.path("detail-type").asText()).isEqualTo("decision");
        });
        assertThat(events.stream().map(e -> e.path("detail").path("outcome").asText()).distinct())
                .contains("SCHEDULE", "SEND_NOW", "HOLD", "CANCEL");
        flowPassed = true;
    }

    @Test
    @Order(3)
    void eachFunctionIsGrantedExactlyWhatItUses() {
        org.junit.jupiter.api.Assumptions.assumeTrue(flowPassed, "the flow failed: its calls would not show what each function uses");
        LeastPrivilege check = new LeastPrivilege(MotoServer.REGION, MotoServer.ACCOUNT);
        List<String> problems = new ArrayList<>();
        LeastPrivilege.roles(stack.template).forEach((fn, role) -> problems.addAll(check.compare(fn,
                LeastPrivilege.grants(stack.template, role, sam.policies(fn)),
                OperationRecorder.calls().stream().filter(c -> c.function().equals(fn)).toList())));
        assertThat(problems).as("least privilege of template.yaml (as aws-sam-translator translates it) against the "
                + "AWS calls each function made in the flow:\n  " + String.join("\n  ", problems)).isEmpty();
    }

    /**
     * Only what the functions run is in a Lambda jar's dev.righttime classes: every one of them has
     * been loaded by this JVM once the flow ran and each function also handled its sample events
     * (events/&lt;function&gt;/: the routes, sources and feedback the flow does not take), all six
     * handlers built here by their no-arg constructors (their SnapStart hooks, which load a class
     * list, are not run) — or it is named in {@link #NOT_IN_THE_FLOW}. An in-memory store, a fake or
     * local-only code that slips into shared's main code fails here. The jars all carry shared, so a
     * class counts as run if any function loaded it. (Other test classes of this JVM may have loaded
     * more classes before: that can only make the check pass for a class it would otherwise report.)
     */
    @Test
    @Order(4)
    void lambdaJarsHoldNoRightTimeClassTheFunctionsNeverLoad() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(flowPassed, "the flow failed: it would not show what the functions load");
        // The ingest samples' test secrets (events/webhook-ingest/README.md; those with a signed time are long past).
        Map.of("shopify", "local-test-shopify", "stripe", "whsec_local_test_stripe", "zendesk", "local-test-zendesk",
                        "segment", "local-test-segment", "x", "local-test-x-consumer-secret")
                .forEach((source, secret) -> aws.ssm().putParameter(b -> b.name("/righttime/" + source)
                        .type(ParameterType.SECURE_STRING).value(secret).overwrite(true)));
        for (LambdaJarsTest.Function f : LambdaJarsTest.functions()) {
            org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(LambdaJarsTest.jar(f)), LambdaJarsTest.jar(f)
                    + " is not built (mvn package builds it)");
            Lambda lambda = functions.get(f.logicalId());
            for (Path sample : LambdaJarsTest.samples(f.module())) {
                try {
                    lambda.invoke(SampleEvent.read(sample, lambda.instance));
                } catch (RuntimeException e) {
                    // An error path (a sample's signature is stale, its response is not in this stack): loaded all the same.
                }
            }
        }
        Set<String> loaded = LoadedClasses.inThisJvm();
        Map<String, List<String>> neverLoaded = new TreeMap<>();
        for (LambdaJarsTest.Function f : LambdaJarsTest.functions()) {
            List<String> unused = ClassList.jarClasses(LambdaJarsTest.jar(f)).stream()
                    .filter(c -> c.startsWith("dev.righttime.") && !loaded.contains(c) && !NOT_IN_THE_FLOW.containsKey(c))
                    .sorted().toList();
            if (!unused.isEmpty()) {
                neverLoaded.put(f.module(), unused);
            }
        }
        assertThat(neverLoaded).as("dev.righttime classes in a Lambda jar that no function loaded: move test doubles to shared's "
                + "test sources and local-only code to local/ (or, for a class only an error path loads, name it in "
                + "MotoFlowTest.NOT_IN_THE_FLOW)").isEmpty();
        assertThat(NOT_IN_THE_FLOW).as("the allow-list stays short").hasSizeLessThanOrEqualTo(MAX_NOT_IN_THE_FLOW);
    }

    /** Classes of the Lambda jars that neither the flow nor the sample events load, each with the reason it ships. */
    static final Map<String, String> NOT_IN_THE_FLOW = Map.of(
            "dev.righttime.aws.ProviderErrors", "error path: SES or SNS refused a send",
            "dev.righttime.aws.Config$Missing", "error path: a required environment variable is not set (the function does not start)",
            "dev.righttime.model.JsonErrors", "error path: a body that is not the JSON expected",
            "dev.righttime.webhook.IntakeResult$Ignored", "error path: a delivery of an event type its source does not map",
            "dev.righttime.aws.ComprehendTriage", "decide's optional mention triage (MENTION_TRIAGE=comprehend); the flow "
                    + "runs the built-in one",
            "dev.righttime.port.DeliveryLedger$Unsettled", "the ledger port's recovery query, which only local's "
                    + "RecoverySweep calls",
            "dev.righttime.deliverability.FeedbackService$1", "SES engagement feedback on a response the stack holds "
                    + "(MotoFeedbackFlowTest's path; the sample's response is not in this stack)");

    static final int MAX_NOT_IN_THE_FLOW = 12;

    // ------------------------------------------------------------------ helpers

    String value(String key) {
        return stack.template.values.get(key);
    }

    private String table(String logicalId) {
        return value(logicalId);
    }

    String group() {
        return value("ScheduleGroup");
    }

    static String signal(String type, String customerId, Map<String, Object> attributes) {
        return signal(type, Map.of("customerId", customerId), attributes);
    }

    static String signal(String type, Map<String, String> customerRef, Map<String, Object> attributes) {
        try {
            return Json.mapper().writeValueAsString(Map.of("type", type, "occurredAt", Instant.now().toString(),
                    "customerRef", customerRef, "attributes", attributes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** POST /webhooks/standard, signed as a Standard Webhooks sender signs. */
    APIGatewayV2HTTPResponse post(String id, String body) {
        long ts = Instant.now().getEpochSecond();
        String signature = StandardWebhooksScheme.sign(new StandardWebhooksScheme().key(SECRET_IN), id, ts, body.getBytes(UTF_8));
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey("POST /webhooks/{source}")
                .withRawPath("/webhooks/standard").withPathParameters(Map.of("source", "standard"))
                .withHeaders(Map.of("content-type", "application/json", "webhook-id", id, "webhook-timestamp", Long.toString(ts),
                        "webhook-signature", signature))
                .withRequestContext(RequestContext.builder().withRouteKey("POST /webhooks/{source}")
                        .withHttp(RequestContext.Http.builder().withMethod("POST").withPath("/webhooks/standard").build()).build())
                .withBody(body).withIsBase64Encoded(false).build();
        APIGatewayV2HTTPResponse r = functions.get("WebhookIngestFunction").invoke(event);
        assertThat(r.getStatusCode()).as(r.getBody()).isIn(200, 202);
        return r;
    }

    APIGatewayV2HTTPResponse newsroom(String method, String path, String id, String body) {
        String route = method + " " + (id == null ? path : path.replace(id, "{id}"));
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey(route).withRawPath(path)
                .withPathParameters(id == null ? null : Map.of("id", id))
                .withHeaders(Map.of("content-type", "application/json"))
                .withRequestContext(RequestContext.builder().withRouteKey(route)
                        .withHttp(RequestContext.Http.builder().withMethod(method).withPath(path).build())
                        .withAuthorizer(RequestContext.Authorizer.builder()
                                .withJwt(RequestContext.Authorizer.JWT.builder().withClaims(EDITOR).build()).build())
                        .build())
                .withBody(body).withIsBase64Encoded(false).build();
        return functions.get("NewsroomApiFunction").invoke(event);
    }

    private APIGatewayV2HTTPResponse newsroomQuery(String path, Map<String, String> query) {
        String route = "GET " + path;
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey(route).withRawPath(path)
                .withQueryStringParameters(query)
                .withHeaders(Map.of("content-type", "application/json"))
                .withRequestContext(RequestContext.builder().withRouteKey(route)
                        .withHttp(RequestContext.Http.builder().withMethod("GET").withPath(path).build())
                        .withAuthorizer(RequestContext.Authorizer.builder()
                                .withJwt(RequestContext.Authorizer.JWT.builder().withClaims(EDITOR).build()).build())
                        .build())
                .build();
        return functions.get("NewsroomApiFunction").invoke(event);
    }

    /** Feeds decide every message on the signals queue, batch by batch, as the event source mapping would. */
    void decideAll() {
        List<Message> batch;
        while (!(batch = receive(value("SignalsQueue"))).isEmpty()) {
            SQSBatchResponse r = functions.get("DecideFunction").invoke(SqsEvents.of(batch, value("SignalsQueue.Arn"), MotoServer.REGION));
            assertThat(r.getBatchItemFailures()).isEmpty();
            delete(value("SignalsQueue"), batch);
        }
    }

    /** One batch of a channel queue to its sender; successful messages are deleted, as Lambda does. */
    private SQSBatchResponse consume(String queue, String function) {
        List<Message> batch = receiveAtLeastOne(value(queue));
        SQSBatchResponse r = functions.get(function).invoke(SqsEvents.of(batch, value(queue + ".Arn"), MotoServer.REGION));
        List<String> failed = r.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
        delete(value(queue), batch.stream().filter(m -> !failed.contains(m.messageId())).toList());
        return r;
    }

    List<Message> receive(String url) {
        return sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
    }

    /** Waits (bounded) for a message: a delayed retry becomes visible after its Retry-After. */
    private List<Message> receiveAtLeastOne(String url) {
        for (int i = 0; i < 10; i++) {
            List<Message> m = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(2)).messages();
            if (!m.isEmpty()) {
                return m;
            }
        }
        throw new AssertionError("no message on " + url + " within 20 s");
    }

    private List<Message> drain(String url) {
        List<Message> all = new ArrayList<>();
        List<Message> batch;
        while (!(batch = receive(url)).isEmpty()) {
            all.addAll(batch);
            delete(url, batch);
        }
        return all;
    }

    void delete(String url, List<Message> messages) {
        messages.forEach(m -> sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle())));
    }

    Response response(String responseId) {
        return new DynamoDbResponseStore(aws.dynamoDb(), table("ResponsesTable")).get(responseId).orElseThrow();
    }

    private Response onlyResponse(String customerId, ResponseStatus status) {
        List<Response> found = new DynamoDbResponseStore(aws.dynamoDb(), table("ResponsesTable"))
                .forCustomer(customerId, Instant.EPOCH).stream().filter(r -> r.status() == status).toList();
        assertThat(found).as(status + " responses of " + customerId).hasSize(1);
        return found.get(0);
    }

    boolean scheduleExists(String responseId) {
        try {
            aws.scheduler().getSchedule(b -> b.groupName(group()).name(Scheduler.nameFor(responseId)));
            return true;
        } catch (ResourceNotFoundException gone) {
            return false;
        }
    }

    private JsonNode motoData() throws Exception {
        return Json.mapper().readTree(moto.data());
    }

    private static void assertSignedWithOutboundSecret(CapturingHttpServer.Request post) {
        StandardWebhooksScheme scheme = new StandardWebhooksScheme();
        Headers headers = Headers.of(Map.of("webhook-id", post.header("webhook-id"),
                "webhook-timestamp", post.header("webhook-timestamp"), "webhook-signature", post.header("webhook-signature")));
        scheme.verify(headers, post.body().getBytes(UTF_8), List.of(scheme.key(SECRET_OUT)), Instant.now());
    }
}
