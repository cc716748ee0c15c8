package dev.righttime.decide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.righttime.model.Addresses;
import dev.righttime.model.Channel;
import dev.righttime.model.Consent;
import dev.righttime.model.CustomerProfile;
import dev.righttime.model.Decision;
import dev.righttime.model.Outcome;
import dev.righttime.model.Response;
import dev.righttime.model.ResponseIds;
import dev.righttime.model.ResponseStatus;
import dev.righttime.flow.DecideService;
import dev.righttime.policy.Playbook;
import dev.righttime.port.EventBus;
import dev.righttime.port.ResponseStore;
import dev.righttime.port.Scheduler;
import dev.righttime.port.SignalLedger;
import dev.righttime.testing.DecideFixture;
import dev.righttime.testing.DynamoDbLocal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;

/** The handler on DynamoDB Local, with recording queues, scheduler and bus, fed the events in events/decide. */
class DecideHandlerTest {

    static final Instant CART_AT = Instant.parse("2026-03-02T10:00:00Z");
    static final Instant REMINDER_AT = Instant.parse("2026-03-02T11:00:00Z");
    static final String CART_RESPONSE = ResponseIds.of("shopify:cart-1001", "c1", Channel.EMAIL);
    static final AtomicInteger TABLES = new AtomicInteger();

    static DynamoDbLocal dynamo;
    DecideFixture world;
    DecideHandler handler;

    @BeforeAll
    static void startDynamo() {
        dynamo = DynamoDbLocal.start();
    }

    @AfterAll
    static void stopDynamo() throws Exception {
        dynamo.close();
    }

    @BeforeEach
    void freshWorld() {
        world = new DecideFixture(dynamo, "handler" + TABLES.incrementAndGet() + "-", CART_AT);
        world.customers.save(new CustomerProfile("c1", ZoneId.of("Europe/Berlin"), null, new Consent(true, false, true),
                new Addresses("ada@example.com", "+4915112345678", "@ada"), List.of("storm-area"), Channel.EMAIL, null));
        handler = new DecideHandler(Playbook.defaults(), world.ports(), world.clock);
    }

    static SQSEvent event(String name) {
        return EventLoader.loadSQSEvent("events/decide/" + name);
    }

    static List<String> failed(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    Response cartResponse() {
        return world.responses.get(CART_RESPONSE).orElseThrow();
    }

    @Test
    void aCartReminderIsRecordedAndScheduledForItsSendTime() {
        assertThat(failed(handler.handleRequest(event("cart-abandoned.json"), new TestContext()))).isEmpty();

        Response r = cartResponse();
        assertThat(r.status()).isEqualTo(ResponseStatus.SCHEDULED);
        assertThat(r.sendAt()).isEqualTo(REMINDER_AT);
        assertThat(r.signalType().wire()).isEqualTo("commerce.cart_abandoned");
        assertThat(r.dispatchedAt()).as("no per-response dispatched mark: the ledger's DONE says it").isNull();
        assertThat(world.ledger.get("shopify:cart-1001").orElseThrow().state()).isEqualTo(SignalLedger.State.DONE);
        assertThat(world.scheduler.schedules()).containsOnlyKeys(Scheduler.nameFor(CART_RESPONSE));
        Scheduler.Delivery d = world.scheduler.schedules().get(Scheduler.nameFor(CART_RESPONSE));
        assertThat(d.at()).isEqualTo(REMINDER_AT);
        assertThat(d.responseId()).isEqualTo(CART_RESPONSE);
        assertThat(d.zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(world.messagesQueued()).isZero();
        assertThat(world.events.published()).extracting(Decision::outcome).containsExactly(Outcome.SCHEDULE);
        assertThat(world.ledger.get("shopify:cart-1001").orElseThrow().state()).isEqualTo(SignalLedger.State.DONE);
    }

    @Test
    void theOutletsHearTheBatchEndOnceEvenWhenARecordFails() {
        AtomicInteger flushes = new AtomicInteger();
        DecideService.Ports p = world.ports();
        EventBus counting = new EventBus() {
            @Override
            public void publish(List<Decision> decisions) {
                p.events().publish(decisions);
            }

            @Override
            public void flush() {
                flushes.incrementAndGet();
            }
        };
        DecideHandler batching = new DecideHandler(Playbook.defaults(), new DecideService.Ports(p.customers(), p.ledger(),
                p.responses(), p.scheduler(), p.queues(), counting, p.approvers(), p.autonomy()), world.clock);
        SQSEvent batch = event("cart-abandoned.json");
        SQSEvent.SQSMessage bad = new SQSEvent.SQSMessage();
        bad.setMessageId("bad-1");
        bad.setBody("{not json");
        batch.setRecords(new java.util.ArrayList<>(List.of(batch.getRecords().get(0), bad)));

        assertThat(failed(batching.handleRequest(batch, null))).containsExactly("bad-1");
        // The newsroom's feed writes one item per batch at this point (DynamoDbDecisionFeed.flush).
        assertThat(flushes).hasValue(1);
        assertThat(world.events.published()).extracting(Decision::outcome).containsExactly(Outcome.SCHEDULE);
    }

    @ParameterizedTest
    @Event(value = "events/decide/cart-abandoned.json", type = SQSEvent.class)
    void aRedeliveryHasNoSecondEffect(SQSEvent event) {
        handler.handleRequest(event, null);
        Response first = cartResponse();
        world.clock.set(CART_AT.plusSeconds(40));

        SQSBatchResponse again = handler.handleRequest(event, null);

        assertThat(failed(again)).isEmpty();
        assertThat(cartResponse()).isEqualTo(first);
        assertThat(world.scheduler.createCalls()).hasSize(1);
        assertThat(world.messagesQueued()).isZero();
        assertThat(world.ledger.get("shopify:cart-1001").orElseThrow().decisions()).extracting(Decision::outcome)
                .containsExactly(Outcome.SCHEDULE);
        assertThat(world.events.published()).extracting(Decision::outcome).containsExactly(Outcome.SCHEDULE, Outcome.DUPLICATE);
    }

    @Test
    void aCrashBetweenPersistAndScheduleIsCompletedByTheRetryWithOneSchedule() {
        world.scheduler.failNext(1);

        SQSBatchResponse crashed = handler.handleRequest(event("cart-abandoned.json"), null);

        assertThat(failed(crashed)).containsExactly("9f1c4a2e-0001-4c1b-9d53-cart00000001");
        assertThat(cartResponse().dispatchedAt()).isNull();
        assertThat(world.ledger.get("shopify:cart-1001").orElseThrow().state()).isEqualTo(SignalLedger.State.DECIDED);
        assertThat(world.scheduler.schedules()).isEmpty();
        assertThat(world.events.published()).isEmpty();

        world.clock.set(CART_AT.plusSeconds(30));
        SQSBatchResponse retried = handler.handleRequest(event("cart-abandoned.json"), null);

        assertThat(failed(retried)).isEmpty();
        assertThat(world.scheduler.schedules()).hasSize(1);
        assertThat(world.scheduler.schedules().get(Scheduler.nameFor(CART_RESPONSE)).at()).isEqualTo(REMINDER_AT);
        assertThat(cartResponse().status()).isEqualTo(ResponseStatus.SCHEDULED);
        assertThat(world.messagesQueued()).isZero();
        assertThat(world.events.published()).extracting(Decision::outcome).containsExactly(Outcome.SCHEDULE);
        assertThat(world.ledger.get("shopify:cart-1001").orElseThrow().state()).isEqualTo(SignalLedger.State.DONE);

        handler.handleRequest(event("cart-abandoned.json"), null);
        assertThat(world.scheduler.createCalls()).hasSize(2);
    }

    @Test
    void revokingConsentCancelsThePendingMessageAndDeletesItsSchedule() {
        handler.handleRequest(event("cart-abandoned.json"), null);
        world.clock.set(Instant.parse("2026-03-02T10:20:00Z"));

        assertThat(failed(handler.handleRequest(event("consent-revoked.json"), null))).isEmpty();

        assertThat(cartResponse().status()).isEqualTo(ResponseStatus.CANCELLED);
        assertThat(world.scheduler.deleted()).containsExactly(Scheduler.nameFor(CART_RESPONSE));
        assertThat(world.scheduler.schedules()).isEmpty();
        assertThat(world.customers.get("c1").orElseThrow().consent().email()).isFalse();
        assertThat(world.events.published()).last().satisfies(d -> {
            assertThat(d.outcome()).isEqualTo(Outcome.UPDATE);
            assertThat(d.cancels()).containsExactly("shopify:cart-1001");
        });
    }

    @Test
    void anOrderBeforeTheRemindersSendTimeCancelsIt() {
        handler.handleRequest(event("cart-abandoned.json"), null);
        world.clock.set(Instant.parse("2026-03-02T10:30:00Z"));

        handler.handleRequest(event("order-placed-before-reminder.json"), null);

        assertThat(cartResponse().status()).isEqualTo(ResponseStatus.CANCELLED);
        assertThat(world.scheduler.schedules()).isEmpty();
        assertThat(world.events.published()).last().extracting(Decision::cancels).asInstanceOf(
                InstanceOfAssertFactories.LIST).containsExactly("shopify:cart-1001");
    }

    @Test
    void anOrderAfterTheRemindersSendTimeHasNothingToCancel() {
        handler.handleRequest(event("cart-abandoned.json"), null);
        world.clock.set(Instant.parse("2026-03-02T11:30:00Z"));

        handler.handleRequest(event("order-placed-after-reminder.json"), null);

        assertThat(cartResponse().status()).isEqualTo(ResponseStatus.SCHEDULED);
        assertThat(world.scheduler.deleted()).isEmpty();
        Decision order = world.events.published().get(world.events.published().size() - 1);
        assertThat(order.outcome()).isEqualTo(Outcome.CANCEL);
        assertThat(order.cancels()).isEmpty();
    }

    @Test
    void aPoisonMessageFailsAloneAndTheRestOfTheBatchIsDone() {
        world.clock.set(Instant.parse("2026-03-02T10:07:00Z"));

        SQSBatchResponse response = handler.handleRequest(event("batch-with-poison.json"), new TestContext());

        assertThat(failed(response)).containsExactly("9f1c4a2e-0006-4c1b-9d53-poison000001",
                "9f1c4a2e-0008-4c1b-9d53-unknowntype1");
        String ticket = ResponseIds.of("zendesk:ticket-4001", "c1", Channel.EMAIL);
        assertThat(world.email.bodies()).containsExactly(ticket);
        assertThat(world.ledger.get("zendesk:ticket-4001").orElseThrow().state()).isEqualTo(SignalLedger.State.DONE);
        // The high-reach complaint waits for a human until its deadline, when the fallback is due:
        // the exact deadline (deployed, ShortDelays turns it into an SQS delay to the second).
        String held = ResponseIds.of("x:mention-4003", "c1", Channel.SOCIAL);
        assertThat(world.responses.get(held).orElseThrow().status()).isEqualTo(ResponseStatus.PENDING_APPROVAL);
        assertThat(world.responses.pendingApprovals(10)).extracting(Response::responseId).containsExactly(held);
        assertThat(world.scheduler.schedules().get(Scheduler.nameFor(held)).at())
                .isEqualTo(Instant.parse("2026-03-02T10:11:30Z"));
        assertThat(world.webhook.bodies()).isEmpty();
    }

    @Test
    void aDecisionWhoseSendTimeHasPassedIsQueuedAtOnce() {
        world.clock.set(Instant.parse("2026-03-02T11:05:00Z"));

        handler.handleRequest(event("cart-abandoned.json"), null);

        assertThat(world.email.bodies()).containsExactly(CART_RESPONSE);
        assertThat(world.scheduler.createCalls()).isEmpty();
    }

    @Test
    void aCrashAfterTheQueueSendAndBeforeDoneQueuesTheResponseAgainOnTheRetry() {
        String ticket = ResponseIds.of("zendesk:ticket-4001", "c1", Channel.EMAIL);
        world.events.failNext(1); // after the SendMessage, before the decision events and DONE

        assertThat(failed(handler.handleRequest(event("ticket-opened.json"), null)))
                .containsExactly("9f1c4a2e-0005-4c1b-9d53-ticket000001");
        assertThat(world.ledger.get("zendesk:ticket-4001").orElseThrow().state()).isEqualTo(SignalLedger.State.DECIDED);

        assertThat(failed(handler.handleRequest(event("ticket-opened.json"), null))).isEmpty();
        handler.handleRequest(event("ticket-opened.json"), null);

        // No dispatched mark tells the resumed run the first send happened: the responseId goes on
        // the queue a second time, and the sender's claim (SCHEDULED to SENDING) drops that copy.
        assertThat(world.email.bodies()).containsExactly(ticket, ticket);
        assertThat(world.responses.get(ticket).orElseThrow().status()).isEqualTo(ResponseStatus.SCHEDULED);
        assertThat(world.ledger.get("zendesk:ticket-4001").orElseThrow().state()).isEqualTo(SignalLedger.State.DONE);
        assertThat(world.events.published()).extracting(Decision::outcome).containsExactly(Outcome.SEND_NOW, Outcome.DUPLICATE);
    }

    @Test
    void aCreateWhoseAnswerWasLostAndWhoseRetryFoundItsOwnRecordStillQueuesTheReply() {
        String ticket = ResponseIds.of("zendesk:ticket-4001", "c1", Channel.EMAIL);
        DecideService.Ports p = world.ports();
        // The SDK's retry of a PutItem whose first attempt was applied meets its own record: "existed".
        ResponseStore answerLost = (ResponseStore) java.lang.reflect.Proxy.newProxyInstance(ResponseStore.class.getClassLoader(),
                new Class<?>[] {ResponseStore.class}, (proxy, method, args) -> {
                    Object out = method.invoke(p.responses(), args);
                    return method.getName().equals("create") ? Boolean.FALSE : out;
                });
        DecideHandler lost = new DecideHandler(Playbook.defaults(), new DecideService.Ports(p.customers(), p.ledger(),
                answerLost, p.scheduler(), p.queues(), p.events(), p.approvers(), p.autonomy()), world.clock);

        assertThat(failed(lost.handleRequest(event("ticket-opened.json"), null))).isEmpty();

        assertThat(world.email.bodies()).as("the reply is handed over, not lost behind a DONE").containsExactly(ticket);
        assertThat(world.ledger.get("zendesk:ticket-4001").orElseThrow().state()).isEqualTo(SignalLedger.State.DONE);
    }

    @Test
    void aQueueOutageOnSendNowIsRetriedAndSendsOnce() {
        String ticket = ResponseIds.of("zendesk:ticket-4001", "c1", Channel.EMAIL);
        world.email.failNext(1);

        assertThat(failed(handler.handleRequest(event("ticket-opened.json"), null)))
                .containsExactly("9f1c4a2e-0005-4c1b-9d53-ticket000001");
        assertThat(world.responses.get(ticket).orElseThrow().dispatchedAt()).isNull();

        assertThat(failed(handler.handleRequest(event("ticket-opened.json"), null))).isEmpty();
        handler.handleRequest(event("ticket-opened.json"), null);

        assertThat(world.email.bodies()).containsExactly(ticket);
        assertThat(world.events.published()).extracting(Decision::outcome).containsExactly(Outcome.SEND_NOW, Outcome.DUPLICATE);
    }

    @Test
    void aBusOutageAfterSchedulingIsRetriedWithoutASecondSchedule() {
        world.events.failNext(1);

        assertThat(failed(handler.handleRequest(event("cart-abandoned.json"), null))).hasSize(1);
        assertThat(world.ledger.get("shopify:cart-1001").orElseThrow().state()).isEqualTo(SignalLedger.State.DECIDED);

        assertThat(failed(handler.handleRequest(event("cart-abandoned.json"), null))).isEmpty();

        // The resumed run asks for the schedule again (no dispatched mark since issue 21); it is there already.
        assertThat(world.scheduler.createCalls()).hasSize(2);
        assertThat(world.scheduler.schedules()).containsOnlyKeys(Scheduler.nameFor(CART_RESPONSE));
        assertThat(world.events.published()).extracting(Decision::outcome).containsExactly(Outcome.SCHEDULE);
        assertThat(world.ledger.get("shopify:cart-1001").orElseThrow().state()).isEqualTo(SignalLedger.State.DONE);
    }

    @Test
    void aPlaybookFileIsMergedOverTheDefaults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("playbook.yaml");
        Files.writeString(file, "brand: {timezone: Europe/Paris}\n");

        Playbook playbook = Playbook.fromEnvironment(Map.of("PLAYBOOK_PATH", file.toString()));

        assertThat(playbook.brand().timezone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(playbook.marketing()).isEqualTo(Playbook.defaults().marketing());
        assertThat(Playbook.fromEnvironment(Map.of()).brand()).isEqualTo(Playbook.defaults().brand());
    }

    @Test
    void mentionTriageIsBuiltinByDefaultComprehendWhenChosenAndAnythingElseFailsAtStartUp() {
        dev.righttime.aws.AwsClients clients = dev.righttime.aws.AwsClients.local(java.net.URI.create("http://127.0.0.1:9"), "eu-west-1");

        assertThat(DecideWiring.triage(dev.righttime.aws.Config.of(Map.of()), clients)).isInstanceOf(dev.righttime.triage.LexiconTriage.class);
        assertThat(DecideWiring.triage(dev.righttime.aws.Config.of(Map.of("MENTION_TRIAGE", "builtin")), clients)).isInstanceOf(dev.righttime.triage.LexiconTriage.class);
        assertThat(DecideWiring.triage(dev.righttime.aws.Config.of(Map.of("MENTION_TRIAGE", " Comprehend ")), clients)).isInstanceOf(dev.righttime.aws.ComprehendTriage.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DecideWiring.triage(dev.righttime.aws.Config.of(Map.of("MENTION_TRIAGE", "gpt")), clients))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("builtin or comprehend");
    }

    @Test
    void inlinePlaybookYamlIsMergedOverTheDefaults() {
        Playbook playbook = Playbook.fromEnvironment(Map.of(
                "PLAYBOOK_YAML", "{brand: {timezone: 'Europe/Berlin'}, approval: {reachThreshold: 500}}"));

        assertThat(playbook.brand().timezone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(playbook.approval().reachThreshold()).isEqualTo(500);
        assertThat(playbook.approval().mention()).isEqualTo(Playbook.defaults().approval().mention());
        assertThat(playbook.marketing()).isEqualTo(Playbook.defaults().marketing());
        assertThat(Playbook.fromEnvironment(Map.of("PLAYBOOK_YAML", " ")).brand()).isEqualTo(Playbook.defaults().brand());
    }

    @Test
    void anInvalidOrAmbiguousPlaybookOverrideFailsAtStartUp(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("playbook.yaml");
        Files.writeString(file, "brand: {timezone: Europe/Paris}\n");

        assertThatThrownBy(() -> Playbook.fromEnvironment(Map.of("PLAYBOOK_YAML", "{brand: {timezone: Mars/Base}}")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Playbook.fromEnvironment(Map.of("PLAYBOOK_YAML", "{brand: [")))
                .hasMessageStartingWith("PLAYBOOK_YAML is not valid YAML");
        assertThatThrownBy(() -> Playbook.fromEnvironment(Map.of("PLAYBOOK_YAML", "{brnd: {}}")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Playbook.fromEnvironment(Map.of("PLAYBOOK_PATH", file.toString(),
                "PLAYBOOK_YAML", "{approval: {reachThreshold: 1}}")))
                .hasMessage("set PLAYBOOK_PATH or PLAYBOOK_YAML, not both");
    }

    @Test
    void aPermanentBounceFromTheFeedbackQueueSuppressesTheAddressOnceAndItsReplayChangesNothing() {
        handler.handleRequest(event("cart-abandoned.json"), null);
        world.responses.transition(CART_RESPONSE, java.util.Set.of(ResponseStatus.SCHEDULED), ResponseStatus.SENT,
                dev.righttime.port.ResponseStore.Change.sent(REMINDER_AT, "Hi", null));
        world.clock.set(REMINDER_AT.plusSeconds(5));

        assertThat(failed(handler.handleRequest(event("ses-bounce.json"), null))).isEmpty();
        assertThat(failed(handler.handleRequest(event("ses-bounce.json"), null))).isEmpty();

        assertThat(cartResponse().feedbackAt(dev.righttime.model.Feedback.BOUNCED)).contains(Instant.parse("2026-03-02T11:00:05Z"));
        assertThat(world.customers.get("c1").orElseThrow().consentOrNone().email()).isFalse();
        assertThat(world.events.published()).filteredOn(d -> d.signalId().equals("ses:bounced:" + CART_RESPONSE))
                .extracting(Decision::outcome).containsExactly(Outcome.UPDATE, Outcome.DUPLICATE);
        assertThat(world.events.outcomes()).extracting(o -> o.kind() + " " + o.detail()).containsExactly("bounced permanent");
    }

    @Test
    void anInboundStopThroughSnsRevokesSmsConsentOfTheNumbersCustomer() {
        world.customers.save(new CustomerProfile("c1", ZoneId.of("Europe/Berlin"), null, new Consent(true, true, true),
                new Addresses("ada@example.com", "+4915112345678", "@ada"), List.of(), Channel.EMAIL, null));

        assertThat(failed(handler.handleRequest(event("sms-stop.json"), null))).isEmpty();

        assertThat(world.customers.get("c1").orElseThrow().consentOrNone().sms()).isFalse();
        assertThat(world.ledger.get("sms:cae173d2-66b9-564c-8309-21f858e9fb84")).hasValueSatisfying(e ->
                assertThat(e.signal().attributes()).containsEntry("reason", "sms_stop").containsEntry("granted", false));
    }

    @Test
    void aTicketOfACustomerNotKnownYetIsLeftOnTheQueueUntilItsWaitIsOverThenDecided() {
        java.util.List<String> redelivered = new java.util.ArrayList<>();
        DecideHandler waiting = new DecideHandler(Playbook.defaults(), world.ports(), world.clock,
                (arn, receipt, delay) -> redelivered.add(arn + " " + receipt + " " + delay));
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId("m-wait");
        m.setReceiptHandle("rh-1");
        m.setEventSourceArn("arn:aws:sqs:eu-central-1:123456789012:signals");
        m.setBody("""
                {"signalId":"stripe:evt_wait","source":"stripe","type":"account.cancel_requested",
                 "occurredAt":"2026-03-02T10:00:00Z","customerRef":{"customerId":"stripe:cus_later"}}""");
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(m));

        assertThat(failed(waiting.handleRequest(event, null))).containsExactly("m-wait");
        assertThat(redelivered).containsExactly("arn:aws:sqs:eu-central-1:123456789012:signals rh-1 PT2M");
        assertThat(world.ledger.get("stripe:evt_wait")).isEmpty();

        world.clock.set(CART_AT.plusSeconds(120));
        assertThat(failed(waiting.handleRequest(event, null))).isEmpty();
        assertThat(world.ledger.get("stripe:evt_wait")).isPresent();
    }
}
