package dev.righttime.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.righttime.aws.AwsClients;
import dev.righttime.aws.SqsMessageQueue;
import dev.righttime.model.Addresses;
import dev.righttime.model.Channel;
import dev.righttime.model.Consent;
import dev.righttime.model.CustomerProfile;
import dev.righttime.model.CustomerRef;
import dev.righttime.model.Decision;
import dev.righttime.model.Outcome;
import dev.righttime.model.Reason;
import dev.righttime.model.ResponseIds;
import dev.righttime.model.ResponseStatus;
import dev.righttime.model.Signal;
import dev.righttime.model.SignalType;
import dev.righttime.policy.Playbook;
import dev.righttime.port.SignalLedger;
import dev.righttime.testing.DecideFixture;
import dev.righttime.testing.DynamoDbLocal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.groups.Tuple;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** The decide step on DynamoDB Local and real SQS queues (ElasticMQ). */
class DecideServiceIntegrationTest {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    static final AtomicInteger RUN = new AtomicInteger();
    static DynamoDbLocal dynamo;
    static SQSRestServer elasticMq;
    static SqsClient sqs;
    String emailUrl;
    String smsUrl;
    DecideFixture world;
    DecideService service;

    @BeforeAll
    static void start() {
        dynamo = DynamoDbLocal.start();
        elasticMq = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        int port = elasticMq.waitUntilStarted().localAddress().getPort();
        sqs = AwsClients.local(URI.create("http://127.0.0.1:" + port), "us-east-1").sqs();
    }

    /** Fresh tables and queues for every test. */
    @BeforeEach
    void freshWorld() {
        int run = RUN.incrementAndGet();
        emailUrl = sqs.createQueue(b -> b.queueName("email-" + run)).queueUrl();
        smsUrl = sqs.createQueue(b -> b.queueName("sms-" + run)).queueUrl();
        String webhookUrl = sqs.createQueue(b -> b.queueName("webhook-" + run)).queueUrl();
        ChannelQueues queues = new ChannelQueues(new SqsMessageQueue(sqs, emailUrl), new SqsMessageQueue(sqs, smsUrl),
                new SqsMessageQueue(sqs, webhookUrl));
        world = new DecideFixture(dynamo, "flow" + run + "-", T0, queues);
        service = new DecideService(Playbook.defaults(), world.ports(), world.clock);
    }

    @AfterAll
    static void stop() throws Exception {
        sqs.close();
        elasticMq.stopAndWait();
        dynamo.close();
    }

    List<String> drain(String url) {
        return sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()
                .stream().map(Message::body).toList();
    }

    @Test
    void anEmergencyReachesEveryMemberOfTheSegmentOnTheirQueuesWithOnlyTheResponseId() {
        world.customers.save(new CustomerProfile("m1", null, null, new Consent(null, false, null),
                new Addresses("m1@example.com", "+4915100000001", null), List.of("storm-area"), null, null));
        world.customers.save(new CustomerProfile("m2", null, null, null,
                new Addresses(null, "+4915100000002", null), List.of("storm-area", "north"), null, null));
        world.customers.save(new CustomerProfile("m3", null, null, null,
                new Addresses("m3@example.com", null, null), List.of("elsewhere"), null, null));
        Signal alert = new Signal("alert-1", "pagerduty", SignalType.EMERGENCY_ALERT, T0, CustomerRef.NONE,
                Map.of("segment", "storm-area", "severity", "high"));

        List<Decision> decisions = service.handle(alert);

        assertThat(decisions).extracting(Decision::customerId, Decision::channel)
                .containsExactlyInAnyOrder(Tuple.tuple("m1", Channel.EMAIL),
                        Tuple.tuple("m2", Channel.SMS));
        assertThat(drain(emailUrl)).containsExactly(ResponseIds.of("alert-1", "m1", Channel.EMAIL));
        assertThat(drain(smsUrl)).containsExactly(ResponseIds.of("alert-1", "m2", Channel.SMS));
        assertThat(world.responses.get(ResponseIds.of("alert-1", "m2", Channel.SMS)).orElseThrow())
                .satisfies(r -> {
                    assertThat(r.status()).isEqualTo(ResponseStatus.SCHEDULED);
                    assertThat(r.dispatchedAt()).as("decide writes no dispatched mark (issue 21)").isNull();
                    assertThat(r.outcome()).isEqualTo(Outcome.SEND_NOW);
                });
        assertThat(world.events.published()).containsExactlyElementsOf(decisions);
        assertThat(world.scheduler.createCalls()).isEmpty();
    }

    @Test
    void aFreshSignalIsDecidedWithoutReadingTheLedgerAndARepeatReadsItOnce() {
        world.customers.save(CustomerProfile.of("m2"));
        Signal ticket = new Signal("zendesk:fresh-1", "zendesk", SignalType.TICKET_OPENED, T0, CustomerRef.ofCustomerId("m2"),
                Map.of("channel", "email"));
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        SignalLedger counting = new SignalLedger() {
            public java.util.Optional<Entry> get(String id) {
                reads.incrementAndGet();
                return world.ledger.get(id);
            }
            public boolean begin(Entry e) {
                return world.ledger.begin(e);
            }
            public void complete(String id) {
                world.ledger.complete(id);
            }
            public List<Entry> forCustomer(String c) {
                return world.ledger.forCustomer(c);
            }
        };
        DecideService.Ports p = world.ports();
        DecideService counted = new DecideService(Playbook.defaults(), new DecideService.Ports(p.customers(), counting,
                p.responses(), p.scheduler(), p.queues(), p.events()), world.clock);

        assertThat(counted.handle(ticket)).extracting(Decision::outcome).containsExactly(Outcome.SEND_NOW);
        assertThat(reads).as("the conditional begin decides, no read first (issue 21)").hasValue(0);
        assertThat(counted.handle(ticket)).extracting(Decision::outcome).containsExactly(Outcome.DUPLICATE);
        assertThat(reads).as("a repeat loses the begin and reads the entry").hasValue(1);
        assertThat(drain(emailUrl)).containsExactly(ResponseIds.of("zendesk:fresh-1", "m2", Channel.EMAIL));
    }

    @Test
    void aConcurrentDeliveryThatLosesTheLedgerRaceActsOnTheWinnersDecisions() {
        world.customers.save(CustomerProfile.of("m1")); // known, so the ticket does not wait for a link
        Signal ticket = new Signal("zendesk:race-1", "zendesk", SignalType.TICKET_OPENED, T0, CustomerRef.ofCustomerId("m1"),
                Map.of("channel", "sms"));
        Decision winners = new Decision("zendesk:race-1", "m1", Outcome.SEND_NOW, Channel.EMAIL, T0, null, null, List.of(),
                List.of(Reason.CUSTOMER_INITIATED));
        world.ledger.begin(new SignalLedger.Entry(ticket, "m1", List.of(winners),
                SignalLedger.State.DECIDED, T0));
        // This delivery decides on its own (no ledger read first: the conditional begin tells) and loses the begin.
        DecideService racing = new DecideService(Playbook.defaults(), world.ports(), world.clock);

        assertThat(racing.handle(ticket)).containsExactly(winners);
        assertThat(drain(emailUrl)).containsExactly(ResponseIds.of(winners));
        assertThat(drain(smsUrl)).isEmpty();
    }
}
