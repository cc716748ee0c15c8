package dev.righttime.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.righttime.aws.AwsClients;
import dev.righttime.aws.AwsParts;
import dev.righttime.aws.Config;
import dev.righttime.decide.DecideWiring;
import dev.righttime.aws.AwsDeliverability;
import dev.righttime.aws.DynamoDbProfileStore;
import dev.righttime.aws.DynamoDbResponseStore;
import dev.righttime.aws.SesEmailSender;
import dev.righttime.aws.Tables;
import dev.righttime.aws.UnsubscribeSecret;
import dev.righttime.decide.DecideHandler;
import dev.righttime.deliverability.UnsubscribeLinks;
import dev.righttime.flow.Customers;
import dev.righttime.model.Addresses;
import dev.righttime.model.Channel;
import dev.righttime.model.Consent;
import dev.righttime.model.CustomerProfile;
import dev.righttime.model.Feedback;
import dev.righttime.model.Json;
import dev.righttime.model.ResponseIds;
import dev.righttime.model.ResponseStatus;
import dev.righttime.policy.Playbook;
import dev.righttime.send.SendResult;
import dev.righttime.send.SendService;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * SES feedback end to end on moto_server, wired as the template wires it: the reminder is sent
 * through SESv2 in the configuration set with the unsubscribe key read from SSM; what SES would
 * publish (an "Email Bounced" event on the default bus) is routed by the template's rule pattern
 * (source aws.ses, the configuration set's tag) to the feedback queue; the decide handler consumes
 * it: BOUNCED on the response, email consent false through the normal flow; the same message
 * delivered again changes nothing; the bounced reminder goes on the SMS queue once. Then a mail to the
 * List-Unsubscribe mailto, as SES receiving publishes it through an SNS topic to the feedback queue,
 * turns consent off with the token verified by the key from SSM. moto does not emit SES events itself, so the test puts the event
 * SES would put. Skipped, with the reason, where {@code moto_server} is not installed.
 */
class MotoFeedbackFlowTest {

    static final Instant CART_AT = Instant.parse("2026-03-02T10:00:00Z");
    static final String CONFIGURATION_SET = "rt-feedback";
    static Process moto;
    static URI endpoint;

    @BeforeAll
    static void startMoto() throws Exception {
        Path server = findOnPath("moto_server");
        String why = "moto_server is not on the PATH (pip install 'moto[server]')";
        if (server == null) {
            System.err.println("MotoFeedbackFlowTest skipped: " + why);
        }
        assumeTrue(server != null, why);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        moto = new ProcessBuilder(server.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(Files.createTempFile("moto", ".log").toFile()).start();
        endpoint = URI.create("http://127.0.0.1:" + port);
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                http.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/")).build(), HttpResponse.BodyHandlers.discarding());
                break;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline || !moto.isAlive()) {
                    throw new IllegalStateException("moto_server did not answer within 30 s", notYet);
                }
                Thread.sleep(100);
            }
        }
    }

    @AfterAll
    static void stopMoto() throws InterruptedException {
        if (moto != null) {
            moto.destroy();
            moto.waitFor();
        }
    }

    static Path findOnPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    @Test
    void aBounceSesPublishesReachesDecideThroughTheRuleAndSuppressesTheAddressOnce() throws Exception {
        AwsClients aws = AwsClients.local(endpoint, "eu-central-1");
        DynamoDbClient dynamo = aws.dynamoDb();
        SqsClient sqs = aws.sqs();
        Tables.Names tables = Tables.Names.withPrefix("moto-");
        Tables.createAll(dynamo, tables);
        Map<String, String> env = new HashMap<>(Map.of("PROFILES_TABLE", tables.profiles(), "IDENTITIES_TABLE", tables.identities(),
                "SIGNALS_TABLE", tables.signals(), "RESPONSES_TABLE", tables.responses()));
        for (String queue : List.of("EMAIL", "SMS", "WEBHOOK", "SIGNALS", "FEEDBACK")) {
            String url = sqs.createQueue(b -> b.queueName("moto-" + queue.toLowerCase())).queueUrl();
            env.put(queue + "_QUEUE_URL", url);
            env.put(queue + "_QUEUE_ARN", arn(sqs, url));
        }
        env.put("SCHEDULER_DLQ_ARN", env.get("SIGNALS_QUEUE_ARN"));
        env.put("SCHEDULER_ROLE_ARN", "arn:aws:iam::123456789012:role/moto-scheduler");
        aws.scheduler().createScheduleGroup(b -> b.name("moto-responses"));
        env.put("SCHEDULE_GROUP", "moto-responses");
        aws.eventBridge().createEventBus(b -> b.name("moto-decisions"));
        env.put("EVENT_BUS_NAME", "moto-decisions");
        aws.ssm().putParameter(b -> b.name("/righttime/unsubscribe").type(ParameterType.SECURE_STRING).value("moto-unsubscribe-key-0123456789"));
        env.put("UNSUBSCRIBE_SECRET", "ssm:/righttime/unsubscribe");
        aws.sesV2().createEmailIdentity(b -> b.emailIdentity("hello@brand.example"));
        aws.sesV2().createConfigurationSet(b -> b.configurationSetName(CONFIGURATION_SET));
        // template.yaml's SesFeedbackRule, on the default bus.
        Map<String, Object> pattern = Map.of("source", List.of("aws.ses"),
                "detail-type", List.of("Email Delivered", "Email Bounced", "Email Complaint Received", "Email Opened", "Email Clicked"),
                "detail", Map.of("mail", Map.of("tags", Map.of("ses:configuration-set", List.of(CONFIGURATION_SET)))));
        aws.eventBridge().putRule(b -> b.name("moto-ses-feedback").eventBusName("default").eventPattern(json(pattern)));
        aws.eventBridge().putTargets(b -> b.rule("moto-ses-feedback").eventBusName("default")
                .targets(t -> t.id("feedback").arn(env.get("FEEDBACK_QUEUE_ARN"))));
        new Customers(new DynamoDbProfileStore(dynamo, tables.profiles()), new dev.righttime.aws.DynamoDbIdentityStore(dynamo, tables.identities()))
                .save(new CustomerProfile("c1", ZoneOffset.UTC, null, new Consent(true, true, null),
                        new Addresses("ada@example.com", "+4915112345678", null), List.of(), Channel.EMAIL, Map.of("firstName", "Ada")));

        // decide: the cart is scheduled an hour later (the schedule is stored, moto never fires it).
        Playbook playbook = Playbook.defaults();
        Clock decideClock = Clock.fixed(CART_AT, ZoneOffset.UTC);
        // As the Lambda builds it: the key of mailed unsubscribes named by UNSUBSCRIBE_SECRET, read from SSM when one arrives.
        DecideHandler decide = new DecideHandler(playbook, DecideWiring.ports(new AwsParts(aws.dynamoDb(), aws.sqs(), Config.of(env)), aws),
                decideClock, dev.righttime.port.Redelivery.QUEUE_DEFAULT, dev.righttime.triage.LexiconTriage.shared(),
                UnsubscribeSecret.tokens(Config.of(env), aws));
        String cart = "{\"signalId\":\"shopify:cart-1\",\"source\":\"shopify\",\"type\":\"commerce.cart_abandoned\","
                + "\"occurredAt\":\"" + CART_AT + "\",\"customerRef\":{\"customerId\":\"c1\"},\"attributes\":{}}";
        assertThat(decide.handleRequest(event("m-1", cart), null).getBatchItemFailures()).isEmpty();
        String responseId = ResponseIds.of("shopify:cart-1", "c1", Channel.EMAIL);

        // send-email as the template configures it, at the send time.
        Clock sendClock = Clock.fixed(CART_AT.plus(Duration.ofHours(1)), ZoneOffset.UTC);
        UnsubscribeLinks links = new UnsubscribeLinks(URI.create("https://api.brand.example"), "unsubscribe@brand.example",
                UnsubscribeSecret.tokens(Config.of(env), aws), playbook.deliverability().unsubscribeTokenTtl(), sendClock);
        SendService send = new SendService(playbook.templates(), new AwsParts(aws.dynamoDb(), aws.sqs(), Config.of(env)).sendPorts(SendService.Ports.senders(
                new SesEmailSender(aws.sesV2(), "hello@brand.example", CONFIGURATION_SET), Channel.EMAIL)), sendClock,
                AwsDeliverability.sendOptions(Config.of(env), aws, links, null, null));
        assertThat(send.send(responseId).kind()).isEqualTo(SendResult.Kind.SENT);

        // What SES publishes for a hard bounce, and an event of another configuration set (not ours: not routed).
        aws.eventBridge().putEvents(b -> b.entries(
                e -> e.source("aws.ses").detailType("Email Bounced").detail(bounce(responseId, CONFIGURATION_SET)),
                e -> e.source("aws.ses").detailType("Email Bounced").detail(bounce(responseId, "someone-else"))));
        List<Message> feedback = sqs.receiveMessage(b -> b.queueUrl(env.get("FEEDBACK_QUEUE_URL")).waitTimeSeconds(5)
                .maxNumberOfMessages(10)).messages();
        assertThat(feedback).hasSize(1);

        assertThat(decide.handleRequest(event(feedback.get(0).messageId(), feedback.get(0).body()), null).getBatchItemFailures()).isEmpty();
        DynamoDbResponseStore responses = new DynamoDbResponseStore(dynamo, tables.responses());
        assertThat(responses.get(responseId)).hasValueSatisfying(r -> {
            assertThat(r.status()).isEqualTo(ResponseStatus.SENT);
            assertThat(r.feedbackAt(Feedback.BOUNCED)).contains(Instant.parse("2026-03-02T11:00:07Z"));
        });
        DynamoDbProfileStore profiles = new DynamoDbProfileStore(dynamo, tables.profiles());
        assertThat(profiles.get("c1").orElseThrow().consentOrNone().email()).isFalse();
        CustomerProfile after = profiles.get("c1").orElseThrow();
        // The bounced reminder tries the next channel: on the SMS queue, as its own response.
        assertThat(responses.get(responseId + "-sms")).hasValueSatisfying(r -> assertThat(r.detail()).isEqualTo("channel_fallback"));

        // Redelivered (SQS is at-least-once): no second effect.
        assertThat(decide.handleRequest(event(feedback.get(0).messageId(), feedback.get(0).body()), null).getBatchItemFailures()).isEmpty();
        assertThat(profiles.get("c1").orElseThrow()).isEqualTo(after);
        Map<String, AttributeValue> ledger = dynamo.getItem(b -> b.tableName(tables.signals())
                .key(Map.of("signalId", AttributeValue.fromS("ses:bounced:" + responseId))).consistentRead(true)).item();
        assertThat(ledger.get("state").s()).isEqualTo("DONE");
        List<Message> sms = sqs.receiveMessage(b -> b.queueUrl(env.get("SMS_QUEUE_URL")).waitTimeSeconds(1).maxNumberOfMessages(10))
                .messages();
        assertThat(sms).as("queued once, not again on the redelivery").extracting(Message::body).containsExactly(responseId + "-sms");

        // The List-Unsubscribe mailto: what SES email receiving publishes (receipt rule, SNS action) to the
        // template's InboundMailTopic, subscribed by the feedback queue; decide verifies the token with the key from SSM.
        new Customers(new DynamoDbProfileStore(dynamo, tables.profiles()), new dev.righttime.aws.DynamoDbIdentityStore(dynamo, tables.identities()))
                .save(new CustomerProfile("c2", ZoneOffset.UTC, null, new Consent(true, null, null),
                        new Addresses("grace@example.com", null, null), List.of(), Channel.EMAIL, Map.of("firstName", "Grace")));
        String mailto = links.of("c2", Channel.EMAIL, "r-grace").mailto();
        String subject = java.net.URLDecoder.decode(mailto.substring(mailto.indexOf("subject=") + 8), java.nio.charset.StandardCharsets.UTF_8);
        String topic = aws.sns().createTopic(b -> b.name("moto-inbound-mail")).topicArn();
        aws.sns().subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(env.get("FEEDBACK_QUEUE_ARN")));
        aws.sns().publish(b -> b.topicArn(topic).subject("Amazon SES Email Receipt Notification").message(json(Map.of(
                "notificationType", "Received",
                "receipt", Map.of("timestamp", "2026-03-02T10:05:00.000Z", "recipients", List.of("unsubscribe@brand.example"),
                        "spamVerdict", Map.of("status", "PASS"), "virusVerdict", Map.of("status", "PASS"),
                        "action", Map.of("type", "SNS", "topicArn", topic, "encoding", "UTF8")),
                "mail", Map.of("timestamp", "2026-03-02T10:05:00.000Z", "source", "grace@example.com", "messageId", "ses-in-1",
                        "destination", List.of("unsubscribe@brand.example"),
                        "commonHeaders", Map.of("from", List.of("grace@example.com"), "to", List.of("unsubscribe@brand.example"),
                                "subject", subject)),
                "content", "Subject: " + subject + "\r\n\r\n"))));
        List<Message> inbound = sqs.receiveMessage(b -> b.queueUrl(env.get("FEEDBACK_QUEUE_URL")).waitTimeSeconds(5)
                .maxNumberOfMessages(10)).messages();
        assertThat(inbound).hasSize(1);
        assertThat(decide.handleRequest(event(inbound.get(0).messageId(), inbound.get(0).body()), null).getBatchItemFailures()).isEmpty();
        assertThat(profiles.get("c2").orElseThrow().consentOrNone().email()).isFalse();
        assertThat(dynamo.getItem(b -> b.tableName(tables.signals())
                .key(Map.of("signalId", AttributeValue.fromS("righttime:unsubscribed:mail:ses-in-1"))).consistentRead(true)).item()
                .get("state").s()).isEqualTo("DONE");
    }

    static String bounce(String responseId, String configurationSet) {
        return json(Map.of("eventType", "Bounce",
                "bounce", Map.of("bounceType", "Permanent", "bounceSubType", "General", "timestamp", "2026-03-02T11:00:07Z",
                        "bouncedRecipients", List.of(Map.of("emailAddress", "ada@example.com"))),
                "mail", Map.of("messageId", "m-1", "tags", Map.of("ses:configuration-set", List.of(configurationSet),
                        "responseId", List.of(responseId)))));
    }

    static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String arn(SqsClient sqs, String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    static SQSEvent event(String id, String body) {
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId(id);
        m.setBody(body);
        m.setEventSource("aws:sqs");
        SQSEvent e = new SQSEvent();
        e.setRecords(List.of(m));
        return e;
    }
}
