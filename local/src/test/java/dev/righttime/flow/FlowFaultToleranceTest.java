package dev.righttime.flow;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.righttime.aws.DynamoDbDeliveryLedger;
import dev.righttime.aws.SqsGroupCommitQueue;
import dev.righttime.aws.SqsMessageQueue;
import dev.righttime.model.Addresses;
import dev.righttime.model.Channel;
import dev.righttime.model.Consent;
import dev.righttime.model.CustomerProfile;
import dev.righttime.model.Json;
import dev.righttime.model.Outcome;
import dev.righttime.model.Response;
import dev.righttime.model.ResponseIds;
import dev.righttime.model.ResponseStatus;
import dev.righttime.model.Signal;
import dev.righttime.policy.Playbook;
import dev.righttime.port.MessageQueue;
import dev.righttime.port.SignalLedger;
import dev.righttime.testing.DecideFixture;
import dev.righttime.testing.DynamoDbLocal;
import dev.righttime.testing.Outage;
import dev.righttime.testing.RestartableElasticMq;
import dev.righttime.webhook.Intake;
import dev.righttime.webhook.IntakeResult;
import dev.righttime.webhook.SecretRefs;
import dev.righttime.webhook.Sources;
import dev.righttime.webhook.StandardWebhooksScheme;
import dev.righttime.webhook.WebhookRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The whole flow under faults: a webhook sender posts a stream of signed deliveries to
 * {@link Intake} (retrying every 503 as a provider does), Intake queues them on a real signals
 * queue (ElasticMQ, redrive to a DLQ after a few receives, 1 s visibility), and a
 * consumer polls that queue into {@link DecideService} the way the Lambda event source mapping does
 * (delete on success, leave on failure), over DynamoDB Local kept in files. Mid-stream the SQS
 * endpoint or DynamoDB goes away and comes back on the same port, or decide crashes after
 * persisting. Afterwards every accepted signal has exactly its effect:
 * <ul>
 *   <li>its ledger entry is DONE and each expected response record exists once (records are keyed by
 *       responseId, so "once" is the store's own rule);</li>
 *   <li>each support ticket's responseId is on the email queue, and nothing else is. A responseId may
 *       be there twice only through the window decide/README.md documents (sent, then crashed before
 *       the dispatched mark): the sender's conditional SCHEDULED→SENT update is its idempotency
 *       contract, so the assertion counts distinct responseIds;</li>
 *   <li>each cart reminder has its one schedule;</li>
 *   <li>the poison messages, and only they, end in the DLQ.</li>
 * </ul>
 */
class FlowFaultToleranceTest {

    static final int SIGNALS = 18;
    /** The signals queue's maxReceiveCount: above the receives a legitimate message fails in the longest outage here. */
    static final int MAX_RECEIVES = 3;
    /** With DynamoDB away for longer, a legitimate message may fail a few receives more. */
    static final int MAX_RECEIVES_DYNAMODB_OUTAGE = 6;
    /**
     * Longer than the DynamoDB client's retry budget (about 4 s of retries against a refused port),
     * or the SDK rides it out and the outage is only latency. SQS gives up in under a second.
     */
    static final Duration DYNAMODB_OUTAGE = Duration.ofMillis(4_500);
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final List<String> POISON = List.of("this is not JSON",
            "{\"signalId\":\"poison:1\",\"source\":\"x\",\"type\":\"no.such.type\",\"occurredAt\":\"2026-03-01T10:00:00Z\"}");
    static final AtomicInteger RUN = new AtomicInteger();

    @TempDir
    static Path dynamoFiles;
    static DynamoDbLocal dynamo;
    static RestartableElasticMq elasticMq;
    static SqsClient sqs;

    String signalsUrl;
    String deliveries;
    String dlqUrl;
    String emailUrl;
    DecideFixture world;
    Intake intake;
    FlakyQueue email;
    FlakyLedger ledger;
    DecideService decide;
    Consumer consumer;
    final List<Integer> answers = new CopyOnWriteArrayList<>();
    long sendMillis;

    @BeforeAll
    static void start() throws Exception {
        dynamo = DynamoDbLocal.startPersistent(dynamoFiles);
        elasticMq = new RestartableElasticMq();
        sqs = elasticMq.client();
    }

    @AfterAll
    static void stop() throws Exception {
        elasticMq.close();
        dynamo.close();
    }

    @BeforeEach
    void freshWorld(TestInfo test) {
        int maxReceives = test.getDisplayName().startsWith("dynamoDb") ? MAX_RECEIVES_DYNAMODB_OUTAGE : MAX_RECEIVES;
        int run = RUN.incrementAndGet();
        dlqUrl = sqs.createQueue(b -> b.queueName("signals-dlq-" + run)).queueUrl();
        String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        signalsUrl = sqs.createQueue(b -> b.queueName("signals-" + run).attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, "1",
                QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + maxReceives + "\"}"))).queueUrl();
        emailUrl = sqs.createQueue(b -> b.queueName("email-" + run)).queueUrl();
        String smsUrl = sqs.createQueue(b -> b.queueName("sms-" + run)).queueUrl();
        String webhookUrl = sqs.createQueue(b -> b.queueName("webhook-" + run)).queueUrl();
        email = new FlakyQueue(new SqsMessageQueue(sqs, emailUrl));
        world = new DecideFixture(dynamo, "fault" + run + "-", Instant.now(), new ChannelQueues(email,
                new SqsMessageQueue(sqs, smsUrl), new SqsMessageQueue(sqs, webhookUrl)));
        for (int i = 0; i < SIGNALS; i++) {
            world.customers.save(new CustomerProfile("c" + i, ZoneOffset.UTC, null, new Consent(true, true, true),
                    new Addresses("c" + i + "@example.com", null, null), List.of(), Channel.EMAIL, null));
        }
        deliveries = "deliveries-" + run;
        dynamo.client().createTable(b -> b.tableName(deliveries)
                .keySchema(KeySchemaElement.builder().attributeName(DynamoDbDeliveryLedger.KEY).keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName(DynamoDbDeliveryLedger.KEY)
                        .attributeType(ScalarAttributeType.S).build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
        // A 2 s lease instead of 30 s, so a claim stranded by an outage is taken over within the test.
        intake = new Intake(Sources.defaults(), SecretRefs.of(Map.of("RIGHTTIME_SECRET_STANDARD", SECRET)),
                new DynamoDbDeliveryLedger(noRetries(dynamo.endpoint()), deliveries, Duration.ofSeconds(2)),
                new SqsMessageQueue(sqs, signalsUrl), Clock.systemUTC());
        DecideService.Ports p = world.ports();
        ledger = new FlakyLedger(p.ledger());
        decide = new DecideService(Playbook.defaults(), new DecideService.Ports(p.customers(), ledger, p.responses(),
                p.scheduler(), p.queues(), p.events()), Clock.systemUTC());
        for (String poison : POISON) {
            sqs.sendMessage(b -> b.queueUrl(signalsUrl).messageBody(poison));
        }
        consumer = new Consumer();
        consumer.start();
    }

    /**
     * The ingest ledger's client without SDK retries: the outage must reach the webhook sender as a
     * 503 whatever the machine's speed (with retries, the SDK may ride out a short outage as latency).
     */
    static software.amazon.awssdk.services.dynamodb.DynamoDbClient noRetries(java.net.URI endpoint) {
        return software.amazon.awssdk.services.dynamodb.DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("local", "local")))
                .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    @AfterEach
    void stopConsumer() throws InterruptedException {
        consumer.halt();
    }

    @Test
    void theSqsEndpointGoingAwayAndComingBackMidStreamLosesAndDoublesNothing() throws Exception {
        Map<String, String> accepted = sendStream(() -> outage(elasticMq::stop, elasticMq::start, Duration.ofMillis(1_500)));

        assertEveryAcceptedSignalHasExactlyItsEffect(accepted);
        assertThat(answers).as("the sender saw the outage and retried").contains(503);
    }

    /** The same outage with the local runtime's queue: ingest's sends as SendMessageBatch group commits. */
    @Test
    void theSqsEndpointGoingAwayMidStreamUnderGroupCommitSendsLosesAndDoublesNothing() throws Exception {
        try (SqsGroupCommitQueue signals = new SqsGroupCommitQueue(sqs, signalsUrl, "signals")) {
            intake = new Intake(Sources.defaults(), SecretRefs.of(Map.of("RIGHTTIME_SECRET_STANDARD", SECRET)),
                    new DynamoDbDeliveryLedger(noRetries(dynamo.endpoint()), deliveries, Duration.ofSeconds(2)),
                    signals, Clock.systemUTC());
            Map<String, String> accepted = sendStream(() -> outage(elasticMq::stop, elasticMq::start, Duration.ofMillis(1_500)));

            assertEveryAcceptedSignalHasExactlyItsEffect(accepted);
            assertThat(answers).as("the sender saw the outage and retried").contains(503);
        }
    }

    @Test
    void dynamoDbGoingAwayAndComingBackMidStreamLosesAndDoublesNothing() throws Exception {
        Map<String, String> accepted = sendStream(() -> outage(() -> {
            try {
                dynamo.stop();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, dynamo::restart, DYNAMODB_OUTAGE));

        assertEveryAcceptedSignalHasExactlyItsEffect(accepted);
        assertThat(answers).as("the sender saw the outage and retried").contains(503);
    }

    @Test
    void decideCrashingAfterPersistIsCompletedByTheRedelivery() throws Exception {
        Map<String, String> accepted = sendStream(() -> {
            world.scheduler.failNext(1);     // crash between the response record and CreateSchedule
            email.outage.failNext(1);        // crash between the response record and SendMessage
            ledger.completeOutage().failNext(1); // crash after SendMessage and the decision events, before DONE
            world.events.failNext(1);        // crash before the decision events and DONE
        });

        assertEveryAcceptedSignalHasExactlyItsEffect(accepted);
        assertThat(consumer.failures.get()).as("decide failed and was redelivered").isGreaterThanOrEqualTo(4);
    }

    // ---------------------------------------------------------------- the sender

    /** Posts SIGNALS signed deliveries, retrying 503s; runs {@code fault} after a third. signalId → type. */
    Map<String, String> sendStream(Runnable fault) throws Exception {
        Map<String, String> accepted = new HashMap<>();
        Instant started = Instant.now();
        Instant deadline = started.plusSeconds(20);
        for (int i = 0; i < SIGNALS; i++) {
            if (i == SIGNALS / 3) {
                fault.run();
            }
            String type = i % 3 == 0 ? "commerce.cart_abandoned" : "support.ticket_opened";
            String id = "msg-" + RUN.get() + "-" + i;
            String body = "{\"type\":\"" + type + "\",\"occurredAt\":\"" + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                    + "\",\"customerRef\":{\"customerId\":\"c" + i + "\"},\"attributes\":{\"channel\":\"email\"}}";
            while (true) {
                assertThat(Instant.now()).as("delivery %s accepted in time", id).isBefore(deadline);
                IntakeResult r = intake.handle(signed(id, body));
                answers.add(r.status());
                if (r.status() == 202) {
                    accepted.put("standard:" + id, type);
                    break;
                }
                assertThat(r.status()).as(r.body()).isEqualTo(503); // anything else is a bug, not an outage
                Thread.sleep(100);
            }
        }
        sendMillis = Duration.between(started, Instant.now()).toMillis();
        return accepted;
    }

    static WebhookRequest signed(String id, String body) {
        long t = Instant.now().getEpochSecond();
        String signature = StandardWebhooksScheme.sign(new StandardWebhooksScheme().key(SECRET), id, t, body.getBytes(UTF_8));
        return new WebhookRequest("POST", "standard", Map.of("content-type", "application/json",
                StandardWebhooksScheme.ID, id, StandardWebhooksScheme.TIMESTAMP, Long.toString(t),
                StandardWebhooksScheme.SIGNATURE, signature), Map.of(), body, false);
    }

    /** Takes the service down now and brings it back after {@code length}, in the background. */
    static void outage(Runnable down, Runnable up, Duration length) {
        down.run();
        Thread back = new Thread(() -> {
            try {
                Thread.sleep(length.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            up.run();
        }, "outage-end");
        back.start();
    }

    // ---------------------------------------------------------------- the consumer (event source mapping)

    /** Polls the signals queue into DecideService: delete on success, leave for redelivery on failure. */
    final class Consumer extends Thread {
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicInteger failures = new AtomicInteger();

        Consumer() {
            super("signals-consumer");
            setDaemon(true);
        }

        @Override
        public void run() {
            while (running.get()) {
                List<Message> batch;
                try {
                    batch = sqs.receiveMessage(b -> b.queueUrl(signalsUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
                } catch (RuntimeException e) {
                    pause();
                    continue;
                }
                for (Message m : batch) {
                    try {
                        decide.handle(Json.mapper().readValue(m.body(), Signal.class));
                    } catch (Exception e) {
                        failures.incrementAndGet(); // poison or outage: SQS redelivers it after the visibility timeout
                        continue;
                    }
                    try {
                        sqs.deleteMessage(b -> b.queueUrl(signalsUrl).receiptHandle(m.receiptHandle()));
                    } catch (RuntimeException e) {
                        failures.incrementAndGet(); // redelivered later: a DUPLICATE with no second effect
                    }
                }
            }
        }

        void pause() {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void halt() throws InterruptedException {
            running.set(false);
            join(5_000);
        }
    }

    // ---------------------------------------------------------------- the checks

    void assertEveryAcceptedSignalHasExactlyItsEffect(Map<String, String> accepted) throws Exception {
        long start = System.nanoTime();
        assertThat(accepted).hasSize(SIGNALS);
        awaitTrue("every accepted signal DONE, the poison in the DLQ, the signals queue empty", () ->
                accepted.keySet().stream().allMatch(id -> world.ledger.get(id).map(e -> e.state() == SignalLedger.State.DONE)
                        .orElse(false))
                        && count(dlqUrl) == POISON.size() && count(signalsUrl) == 0);
        consumer.halt();

        Set<String> tickets = new HashSet<>();
        Set<String> carts = new HashSet<>();
        for (Map.Entry<String, String> a : accepted.entrySet()) {
            String customer = "c" + a.getKey().substring(a.getKey().lastIndexOf('-') + 1);
            String responseId = ResponseIds.of(a.getKey(), customer, Channel.EMAIL);
            Response r = world.responses.get(responseId).orElseThrow(() -> new AssertionError("no response for " + a));
            boolean ticket = a.getValue().equals("support.ticket_opened");
            assertThat(r.outcome()).as(a.getKey()).isEqualTo(ticket ? Outcome.SEND_NOW : Outcome.SCHEDULE);
            assertThat(r.status()).as(a.getKey()).isEqualTo(ResponseStatus.SCHEDULED);
            (ticket ? tickets : carts).add(responseId);
            assertThat(world.ledger.get(a.getKey()).orElseThrow().decisions()).as(a.getKey()).hasSize(1);
        }
        List<String> onEmailQueue = drain(emailUrl);
        assertThat(new HashSet<>(onEmailQueue)).as("distinct responseIds on the email queue").isEqualTo(tickets);
        assertThat(onEmailQueue.size() - tickets.size()).as("second copies (documented sender-idempotent window)")
                .isLessThanOrEqualTo(2);
        assertThat(world.scheduler.schedules().keySet()).isEqualTo(carts);
        List<String> dead = drain(dlqUrl);
        assertThat(dead).containsExactlyInAnyOrderElementsOf(POISON);
        System.out.printf("fault run %d: %d accepted, %d answers 503, %d decide failures, %d second copies on the email queue,"
                + " sent in %d ms, drained in %d ms%n", RUN.get(), accepted.size(), answers.stream().filter(s -> s == 503).count(),
                consumer.failures.get(), onEmailQueue.size() - tickets.size(), sendMillis, (System.nanoTime() - start) / 1_000_000);
    }

    int count(String queueUrl) {
        Map<QueueAttributeName, String> a = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    List<String> drain(String queueUrl) {
        List<String> bodies = new ArrayList<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)
                    .visibilityTimeout(30)).messages();
            if (batch.isEmpty()) {
                return bodies;
            }
            batch.forEach(m -> bodies.add(m.body()));
        }
    }

    static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                // a store or queue still coming back: ask again
            }
            assertThat(Instant.now()).as(what).isBefore(deadline);
            Thread.sleep(200);
        }
    }

    // ---------------------------------------------------------------- injected crashes

    /** A channel queue that can be told to fail its next sends. */
    static final class FlakyQueue implements MessageQueue {
        final Outage outage = new Outage("email queue");
        final MessageQueue real;

        FlakyQueue(MessageQueue real) {
            this.real = real;
        }

        @Override
        public void send(String body, String deduplicationId) {
            outage.check();
            real.send(body, deduplicationId);
        }
    }

    /**
     * The signal ledger, with a crash before DONE on demand: the queue send and the decision events
     * happened, so the redelivery resumes and sends the responseId again (decide writes no
     * dispatched mark since issue 21); the sender's claim drops the second copy.
     */
    record FlakyLedger(SignalLedger real, Outage completeOutage) implements SignalLedger {
        FlakyLedger(SignalLedger real) {
            this(real, new Outage("ledger complete"));
        }

        @Override
        public java.util.Optional<Entry> get(String signalId) {
            return real.get(signalId);
        }

        @Override
        public boolean begin(Entry entry) {
            return real.begin(entry);
        }

        @Override
        public void complete(String signalId) {
            completeOutage.check();
            real.complete(signalId);
        }

        @Override
        public List<Entry> forCustomer(String customerId) {
            return real.forCustomer(customerId);
        }
    }
}
