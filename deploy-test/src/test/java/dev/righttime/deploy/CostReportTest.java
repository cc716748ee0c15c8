package dev.righttime.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.righttime.aws.DynamoDbIdentityStore;
import dev.righttime.aws.DynamoDbProfileStore;
import dev.righttime.flow.Customers;
import dev.righttime.model.Addresses;
import dev.righttime.model.Channel;
import dev.righttime.model.Consent;
import dev.righttime.model.CustomerProfile;
import dev.righttime.model.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * Cost measured from a run (issue 21): a realistic mix of 1,000 signals through the whole deployed
 * flow on moto_server, as {@link MotoFlowTest} sets it up (template.yaml translated, each function
 * built by its no-arg constructor): signed webhooks into ingest, the signals queue to decide in
 * batches as the event source mapping hands them, schedules fired into their target queues, the
 * senders, the newsroom acting on held replies. {@link CostMeter} counts every AWS request each
 * function makes and what it is billed for; {@link CostReport} prices them per million signals
 * from bench/aws-prices.properties. The table is printed and written to
 * deploy-test/target/cost-report.md; its figures are quoted in bench/README.md.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CostReportTest {

    /** 1,000 by default (the run); -Drighttime.cost.signals=N for a quicker look. */
    static final int SIGNALS = Integer.getInteger("righttime.cost.signals", 1000);
    static final int CUSTOMERS = 100;
    /** Platform dollars per million signals this mix may cost at most (see the assertion). */
    static final double BUDGET = 10.10; // ~3% above the measured $9.82 (issue 21, session 6): the mix is seeded, but its times follow the clock (slots, quiet hours)

    final MotoFlowTest flow = new MotoFlowTest();
    final Random random = new Random(21);
    final Properties prices = CostReport.prices(Repo.ROOT.resolve("bench/aws-prices.properties"));
    int accepted;
    int sqsBatches;
    int schedulesFired;

    @BeforeAll
    void deploy() {
        flow.deploy();
        // MotoFlowTest creates send-webhook's secret in its flow (after checking the function fails without it).
        flow.aws.ssm().putParameter(b -> b.name("/righttime/outbound-webhook").type(ParameterType.SECURE_STRING)
                .value(MotoFlowTest.SECRET_OUT));
        Customers customers = new Customers(new DynamoDbProfileStore(flow.aws.dynamoDb(), flow.value("ProfilesTable")),
                new DynamoDbIdentityStore(flow.aws.dynamoDb(), flow.value("IdentitiesTable")));
        for (int i = 0; i < CUSTOMERS; i++) {
            boolean sms = i % 4 == 0;
            customers.save(new CustomerProfile("c-" + i, ZoneId.of(i % 3 == 0 ? "America/New_York" : "UTC"), null,
                    new Consent(i % 10 != 9, sms, true), new Addresses("c" + i + "@example.com", "+1212555" + String.format("%04d", i), "@c" + i),
                    null, sms ? Channel.SMS : Channel.EMAIL, Map.of("firstName", "Customer " + i)));
        }
    }

    @AfterAll
    void undeploy() {
        CostMeter.stop();
        OperationRecorder.clear();
        flow.undeploy();
    }

    @Test
    void aMillionSignalsCostWhatTheRunShows() throws Exception {
        CostMeter.start(flow.aws.dynamoDb());
        // Signals arrive in bursts of 1-10 (seeded): decide gets them in batches as the event source mapping would.
        List<String> sent = new ArrayList<>();
        while (accepted < SIGNALS) {
            int burst = Math.min(1 + random.nextInt(10), SIGNALS - accepted);
            for (int i = 0; i < burst; i++) {
                String id = "msg_" + accepted;
                ingest(id, nextSignal());
                sent.add(id);
                accepted++;
                if (random.nextInt(100) < 3) {
                    // A provider's retry of something already accepted (answered 200, no second effect).
                    String again = sent.get(random.nextInt(sent.size()));
                    ingest(again, null);
                }
            }
            drain("SignalsQueue", "DecideFunction");
        }
        // Held complaints: the newsroom lists them, approves half and rejects the rest (a deadline fired
        // here would come before its time: the sender rightly defers it).
        APIGatewayV2HTTPResponse list = newsroom("GET", "/approvals", null, null);
        assertThat(list.getStatusCode()).as(list.getBody()).isEqualTo(200);
        List<String> held = Json.mapper().readTree(list.getBody()).path("approvals").findValuesAsText("responseId");
        assertThat(held).as("loud complaints held for a human").isNotEmpty();
        for (int i = 0; i < held.size(); i++) {
            String id = held.get(i);
            APIGatewayV2HTTPResponse acted = i % 2 == 0
                    ? newsroom("POST", "/approvals/" + id + "/approve", id, "{\"text\":\"Sorry - we are on it.\"}")
                    : newsroom("POST", "/approvals/" + id + "/reject", id, null);
            assertThat(acted.getStatusCode()).as(acted.getBody()).isEqualTo(200);
        }
        // Every remaining schedule fires: Scheduler sends its input to its target queue (1 invocation each).
        for (ScheduleSummary s : flow.aws.scheduler().listSchedulesPaginator(b -> b.groupName(flow.group())).schedules()) {
            GetScheduleResponse schedule = flow.aws.scheduler().getSchedule(b -> b.groupName(flow.group()).name(s.name()));
            String queue = schedule.target().arn().substring(schedule.target().arn().lastIndexOf(':') + 1);
            flow.sqs.sendMessage(b -> b.queueUrl(flow.sqs.getQueueUrl(q -> q.queueName(queue)).queueUrl())
                    .messageBody(schedule.target().input()));
            CostMeter.add("EventBridge Scheduler", "Scheduler", "scheduled invocation", "invocation", 1);
            schedulesFired++;
        }
        drain("SignalsQueue", "DecideFunction");
        drain("EmailQueue", "SendEmailFunction");
        drain("SmsQueue", "SendSmsFunction");
        drain("WebhookQueue", "SendWebhookFunction");
        CostMeter.stop();

        CostReport report = new CostReport(prices, CostMeter.charges(), SIGNALS);
        String text = report.markdown("Cost per million signals, measured (CostReportTest)", assumptions());
        System.out.println(text);
        Path out = Path.of("target", "cost-report.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, text);

        assertThat(report.unpriced()).as("units the run used that bench/aws-prices.properties has no price for").isEmpty();
        assertThat(schedulesFired).as("schedules fired").isPositive();
        JsonNode moto = Json.mapper().readTree(flow.moto.data());
        assertThat(report.perSignal("SesV2", "email", "") * SIGNALS).as("emails metered = emails SES holds")
                .isEqualTo(moto.path("ses").path("Message").findValues("source").size());
        assertThat(report.perSignal("Sns", "sms", "") * SIGNALS).as("SMS metered = SMS SNS holds")
                .isEqualTo(moto.path("sns").path("SMS").findValues("phone_number").size());
        assertThat(report.perSignal("DynamoDb", "WRU", "")).as("WRU per signal").isPositive();
        for (String q : List.of("SignalsQueue", "EmailQueue", "SmsQueue", "WebhookQueue")) {
            String url = flow.value(q);
            assertThat(flow.sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages()).as(q + " drained: every message handled").isEmpty();
        }
        // A guard against regressions: this run measured $11.19 before issue 21, $10.70 after its first cut,
        // $11.10 once main brought issues 15 and 17 (triage, customer context: more calls in decide),
        // $12.22 once it brought 16 and 19 (approval cards and notices, the decision feed, SMS opt-out checks, feedback).
        // Issue 21's goal is $5: not met yet, bench/README.md says what is left.
        assertThat(report.platformPerMillion()).as("platform $ per million signals\n" + text).isLessThanOrEqualTo(BUDGET);
    }

    private List<String> assumptions() {
        return List.of(
                String.format(Locale.ROOT, "Lambda billed duration per invocation = %s ms + %s ms per AWS request it makes "
                        + "(sequential in the handlers), at the function's MemorySize in template.yaml, arm64; SnapStart restore and cold "
                        + "starts not counted.", prices.getProperty("assumption.lambda.base.ms"), prices.getProperty("assumption.lambda.per.request.ms")),
                "The SQS event source mapping: 1 ReceiveMessage + 1 DeleteMessageBatch per batch it hands a function (empty long polls "
                        + "are a fixed cost per queue, about 4 x 650k requests = $1 a month, not per signal).",
                "Decide gets the signals in the bursts they arrive in (1-10, seeded), as BatchSize 10 with no batching window does.",
                "Every HTTP request to ingest or newsroom-api is one HTTP API request (bodies < 512 KB).",
                "Every remaining schedule fires once (Scheduler invocation, no free tier counted); the newsroom approves half of the held replies and rejects the others (so no holding reply fires early).",
                "DynamoDB units computed from item sizes as DynamoDB documents them (moto reports a fixed 1.0 per call); storage, PITR "
                        + "and backups, CloudWatch logs and metrics, data transfer are not included.");
    }

    /** Next signal of the mix: carts 30%, product views 10%, orders 10%, tickets 25%, social mentions 25%. */
    private String nextSignal() {
        String customer = "c-" + random.nextInt(CUSTOMERS);
        int p = random.nextInt(100);
        if (p < 30) {
            return MotoFlowTest.signal("commerce.cart_abandoned", customer, Map.of("cartUrl", "https://shop.example/cart/" + p));
        }
        if (p < 40) {
            return MotoFlowTest.signal("commerce.product_viewed", customer, Map.of("productUrl", "https://shop.example/p/" + p));
        }
        if (p < 50) {
            return MotoFlowTest.signal("commerce.order_placed", customer, Map.of("orderId", "o-" + random.nextInt(1_000_000)));
        }
        if (p < 75) {
            String channel = switch (random.nextInt(5)) {
                case 0 -> "sms";
                case 1 -> "chat";
                default -> "email";
            };
            return MotoFlowTest.signal("support.ticket_opened", customer, Map.of("channel", channel, "subject", "Where is my order?"));
        }
        int s = random.nextInt(20);
        Map<String, Object> mention = s < 12
                ? Map.of("sentiment", "positive", "followers", 300, "text", "Love the new boots", "url", "https://x.com/a/status/" + p)
                : Map.of("sentiment", "negative", "followers", s == 19 ? 250_000 : 120, "text", "Still waiting for my parcel",
                        "url", "https://x.com/b/status/" + p);
        return MotoFlowTest.signal("social.mention", Map.of("x", "@fan" + random.nextInt(500)), mention);
    }

    private final Map<String, String> bodies = new java.util.HashMap<>();

    private void ingest(String id, String body) {
        String b = body == null ? bodies.get(id) : body;
        bodies.put(id, b);
        invoked("WebhookIngestFunction", true, () -> flow.post(id, b));
    }

    private APIGatewayV2HTTPResponse newsroom(String method, String path, String id, String body) {
        return invoked("NewsroomApiFunction", true, () -> flow.newsroom(method, path, id, body));
    }

    /** Hands a queue's messages to its function batch by batch, as the event source mapping does, until it is empty. */
    private void drain(String queue, String function) {
        List<Message> batch;
        String url = flow.value(queue);
        while (!(batch = flow.sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages()).isEmpty()) {
            List<Message> messages = batch;
            CostMeter.add(function, "Sqs", "event source mapping (ReceiveMessage, DeleteMessageBatch)", "request", 2);
            sqsBatches++;
            SQSBatchResponse r = invoked(function, false, () -> flow.functions.get(function)
                    .invoke(SqsEvents.of(messages, flow.value(queue + ".Arn"), MotoServer.REGION)));
            List<String> failed = r.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
            assertThat(failed).as(function + " failures").isEmpty();
            flow.delete(flow.value(queue), messages);
        }
    }

    /** One Lambda invocation of {@code function}: its request, its assumed duration, and (behind HTTP API) the API request. */
    private <T> T invoked(String function, boolean http, Supplier<T> call) {
        long before = calls(function);
        T out = call.get();
        long requests = calls(function) - before;
        double ms = Double.parseDouble(prices.getProperty("assumption.lambda.base.ms"))
                + requests * Double.parseDouble(prices.getProperty("assumption.lambda.per.request.ms"));
        int memoryMb = flow.stack.template.resource(function).path("Properties").path("MemorySize").asInt(1024);
        CostMeter.add(function, "Lambda", "invoke", "invocation", 1);
        CostMeter.add(function, "Lambda", "invoke (assumed duration)", "GB-s", Math.ceil(ms) / 1000.0 * memoryMb / 1024.0);
        if (http) {
            CostMeter.add(function, "ApiGateway", "HTTP API", "HTTP API request", 1);
        }
        return out;
    }

    private static long calls(String function) {
        return CostMeter.charges().stream().filter(c -> c.function().equals(function) && c.unit().equals("call")).count();
    }
}
