package dev.righttime.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.righttime.flow.Customers;
import dev.righttime.model.Addresses;
import dev.righttime.model.Channel;
import dev.righttime.model.Consent;
import dev.righttime.model.CustomerProfile;
import dev.righttime.model.CustomerRef;
import dev.righttime.model.Decision;
import dev.righttime.model.Fallback;
import dev.righttime.model.Outcome;
import dev.righttime.model.Reason;
import dev.righttime.model.Response;
import dev.righttime.model.ResponseStatus;
import dev.righttime.model.Signal;
import dev.righttime.model.SignalType;
import dev.righttime.port.ResponseStore;
import dev.righttime.port.SignalLedger;
import dev.righttime.testing.DynamoDbLocal;
import dev.righttime.time.QuietHours;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DynamoDbStoresTest {

    static final Instant T0 = Instant.parse("2026-03-01T20:30:00Z");

    static DynamoDbLocal dynamo;
    static DynamoDbProfileStore profiles;
    static DynamoDbIdentityStore identities;
    static DynamoDbSignalLedger ledger;
    static DynamoDbResponseStore responses;

    @BeforeAll
    static void start() {
        dynamo = DynamoDbLocal.start();
        Tables.Names names = dynamo.createTables("stores-");
        profiles = new DynamoDbProfileStore(dynamo.client(), names.profiles());
        identities = new DynamoDbIdentityStore(dynamo.client(), names.identities());
        ledger = new DynamoDbSignalLedger(dynamo.client(), names.signals());
        responses = new DynamoDbResponseStore(dynamo.client(), names.responses());
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    static CustomerProfile ada(String id, String email, List<String> segments) {
        return new CustomerProfile(id, ZoneId.of("Europe/Berlin"), new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0)),
                new Consent(true, false, null), new Addresses(email, "+49 151 1234", "@Ada"), segments, Channel.EMAIL,
                Map.of("firstName", "Ada"));
    }

    @Test
    void profilesRoundTripAndSegmentsListTheirMembers() {
        CustomerProfile p1 = ada("p1", "p1@example.com", List.of("storm-area", "vip"));
        profiles.put(p1);
        profiles.put(ada("p2", "p2@example.com", List.of("vip")));
        profiles.put(CustomerProfile.of("p3"));

        assertThat(profiles.get("p1")).contains(p1);
        assertThat(profiles.get("nobody")).isEmpty();
        assertThat(profiles.membersOf("storm-area")).extracting(CustomerProfile::customerId).containsExactly("p1");
        assertThat(profiles.membersOf("vip")).extracting(CustomerProfile::customerId).containsExactlyInAnyOrder("p1", "p2");
        assertThat(profiles.membersOf("nowhere")).isEmpty();
    }

    @Test
    void unlinkOnlyRemovesAKeyThatStillPointsAtTheCustomer() {
        identities.link("email:shared@example.com", "i1");
        identities.link("email:shared@example.com", "i2");
        identities.unlink("email:shared@example.com", "i1");
        assertThat(identities.resolve("email:shared@example.com")).contains("i2");

        identities.unlink("email:shared@example.com", "i2");
        assertThat(identities.resolve("email:shared@example.com")).isEmpty();
    }

    @Test
    void customersResolveByNormalisedAddressAndFollowAChangedEmail() {
        Customers customers = new Customers(profiles, identities);
        customers.save(ada("c-ident", "Old@Example.com", null));
        Signal bySms = signal("s-ident-1", SignalType.TICKET_OPENED, new CustomerRef(null, null, "+491511234", null));
        assertThat(customers.resolve(bySms).customerId()).isEqualTo("c-ident");

        customers.update("c-ident", new Signal("s-ident-2", "segment", SignalType.PROFILE_UPDATED, T0,
                CustomerRef.ofCustomerId("c-ident"), Map.of("addresses", Map.of("email", "new@example.com"))));

        assertThat(identities.resolve("email:old@example.com")).isEmpty();
        assertThat(customers.resolve(signal("s-ident-3", SignalType.TICKET_OPENED,
                new CustomerRef(null, "NEW@example.com", null, null))).profile().addresses().email())
                .isEqualTo("new@example.com");
        identities.link(Customers.providerKey("shopify-77"), "c-ident");
        assertThat(customers.resolve(signal("s-ident-4", SignalType.ORDER_PLACED, CustomerRef.ofCustomerId("shopify-77")))
                .isKnown()).isTrue();
    }

    @Test
    void theLedgerKeepsTheFirstDecisionsOfASignal() {
        Signal s = signal("s-ledger", SignalType.CART_ABANDONED, CustomerRef.ofCustomerId("c-ledger"));
        Decision first = new Decision("s-ledger", "c-ledger", Outcome.SCHEDULE, Channel.EMAIL, T0.plusSeconds(3600), null, null,
                List.of(), List.of(Reason.MARKETING_DELAY));
        Decision second = new Decision("s-ledger", "c-ledger", Outcome.SUPPRESS, null, null, null, null, List.of(),
                List.of(Reason.FREQUENCY_CAP));

        assertThat(ledger.begin(new SignalLedger.Entry(s, "c-ledger", List.of(first), SignalLedger.State.DECIDED, T0))).isTrue();
        assertThat(ledger.begin(new SignalLedger.Entry(s, "c-ledger", List.of(second), SignalLedger.State.DECIDED, T0))).isFalse();

        SignalLedger.Entry stored = ledger.get("s-ledger").orElseThrow();
        assertThat(stored.decisions()).containsExactly(first);
        assertThat(stored.signal()).isEqualTo(s);
        assertThat(stored.state()).isEqualTo(SignalLedger.State.DECIDED);
        ledger.complete("s-ledger");
        assertThat(ledger.get("s-ledger").orElseThrow().state()).isEqualTo(SignalLedger.State.DONE);
        assertThat(ledger.forCustomer("c-ledger")).extracting(e -> e.signal().signalId()).containsExactly("s-ledger");
        // The index is KEYS_ONLY (issue 21): the entries come whole from the table, state included.
        assertThat(ledger.forCustomer("c-ledger")).singleElement().satisfies(e -> {
            assertThat(e.state()).isEqualTo(SignalLedger.State.DONE);
            assertThat(e.decisions()).containsExactly(first);
        });
    }

    @Test
    void aResponseIsCreatedOnceAndTheSecondWriteChangesNothing() {
        Response r = response("s-once", "c-once", Outcome.SCHEDULE, T0.plusSeconds(3600), null);
        assertThat(responses.create(r)).isTrue();
        assertThat(responses.transition(r.responseId(), ResponseStatus.CANCELLABLE, ResponseStatus.CANCELLED)).isTrue();

        assertThat(responses.create(r)).isFalse();
        assertThat(responses.get(r.responseId())).contains(r.withStatus(ResponseStatus.CANCELLED));
    }

    @Test
    void onlyScheduledOrPendingResponsesCanBeCancelled() {
        Response r = response("s-sent", "c-sent", Outcome.SEND_NOW, T0, null);
        responses.create(r);
        assertThat(responses.transition(r.responseId(), java.util.Set.of(ResponseStatus.SCHEDULED), ResponseStatus.SENT)).isTrue();

        assertThat(responses.transition(r.responseId(), ResponseStatus.CANCELLABLE, ResponseStatus.CANCELLED)).isFalse();
        assertThat(responses.get(r.responseId()).orElseThrow().status()).isEqualTo(ResponseStatus.SENT);
        assertThat(responses.transition("r-missing", ResponseStatus.CANCELLABLE, ResponseStatus.CANCELLED)).isFalse();
    }

    @Test
    void aResponseIsMarkedDispatchedOnce() {
        Response r = response("s-disp", "c-disp", Outcome.SEND_NOW, T0, null);
        responses.create(r);
        assertThat(responses.markDispatched(r.responseId(), T0)).isTrue();
        assertThat(responses.markDispatched(r.responseId(), T0.plusSeconds(5))).isFalse();
        assertThat(responses.get(r.responseId()).orElseThrow().dispatchedAt()).isEqualTo(T0);
        assertThat(responses.markDispatched("r-missing", T0)).isFalse();
    }

    @Test
    void aCustomersResponsesAreFoundByDueTimeCancelledOnesIncluded() {
        Response early = response("s-hist-1", "c-hist", Outcome.SEND_NOW, T0, null);
        Response later = response("s-hist-2", "c-hist", Outcome.SCHEDULE, T0.plusSeconds(7200), null);
        Response other = response("s-hist-3", "c-other", Outcome.SCHEDULE, T0.plusSeconds(7200), null);
        responses.create(later);
        responses.create(early);
        responses.create(other);
        responses.transition(later.responseId(), ResponseStatus.CANCELLABLE, ResponseStatus.CANCELLED);

        assertThat(responses.forCustomer("c-hist", T0.minusSeconds(1))).extracting(Response::signalId)
                .containsExactly("s-hist-1", "s-hist-2");
        assertThat(responses.forCustomer("c-hist", T0.plusSeconds(1))).singleElement()
                .extracting(Response::status).isEqualTo(ResponseStatus.CANCELLED);
    }

    @Test
    void theKeysOnlyIndexGivesWholeCurrentRecordsInDueOrderBeyondOneBatchGet() {
        // 130 records: more than BatchGetItem's 100 keys, created in reverse due order.
        List<Response> all = new java.util.ArrayList<>();
        for (int i = 129; i >= 0; i--) {
            Response r = response("s-many-" + i, "c-many", Outcome.SCHEDULE, T0.plusSeconds(60L * (i + 1)), null);
            responses.create(r);
            all.add(0, r);
        }
        responses.claim(all.get(3).responseId(), ResponseStatus.CANCELLABLE, T0, java.time.Duration.ofMinutes(5));
        responses.transition(all.get(3).responseId(), java.util.Set.of(ResponseStatus.SENDING), ResponseStatus.SENT,
                ResponseStore.Change.sent(T0.plusSeconds(5), "hello", null));

        List<Response> found = responses.forCustomer("c-many", T0);
        assertThat(found).extracting(Response::signalId).containsExactlyElementsOf(all.stream().map(Response::signalId).toList());
        // The status and fields a sender set after the index entry was written come from the table.
        assertThat(found.get(3).status()).isEqualTo(ResponseStatus.SENT);
        assertThat(found.get(3).sentAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(found.get(3).sentText()).isEqualTo("hello");
        assertThat(found.get(4)).isEqualTo(all.get(4));
    }

    @Test
    void pendingApprovalsListHeldResponsesByDeadlineUntilTheyLeaveTheState() {
        Response late = response("s-hold-1", "c-hold", Outcome.HOLD, null, T0.plusSeconds(900));
        Response soon = response("s-hold-2", null, Outcome.HOLD, null, T0.plusSeconds(300));
        responses.create(late);
        responses.create(soon);
        responses.create(response("s-hold-3", "c-hold", Outcome.SCHEDULE, T0.plusSeconds(60), null));

        assertThat(responses.pendingApprovals(10)).extracting(Response::signalId).containsExactly("s-hold-2", "s-hold-1");
        assertThat(responses.pendingApprovals(1)).extracting(Response::signalId).containsExactly("s-hold-2");

        responses.transition(soon.responseId(), java.util.Set.of(ResponseStatus.PENDING_APPROVAL), ResponseStatus.APPROVED);
        assertThat(responses.pendingApprovals(10)).extracting(Response::signalId).containsExactly("s-hold-1");
    }

    static Signal signal(String id, SignalType type, CustomerRef ref) {
        return new Signal(id, "test", type, T0, ref, Map.of());
    }

    @Test
    void theDeliveryLedgerKeepsMessagesUntilSettledAndListsTheUnsettled() {
        String table = "stores-deliveries";
        dynamo.client().createTable(b -> b.tableName(table)
                .billingMode(software.amazon.awssdk.services.dynamodb.model.BillingMode.PAY_PER_REQUEST)
                .keySchema(software.amazon.awssdk.services.dynamodb.model.KeySchemaElement.builder()
                        .attributeName(DynamoDbDeliveryLedger.KEY).keyType(software.amazon.awssdk.services.dynamodb.model.KeyType.HASH).build())
                .attributeDefinitions(software.amazon.awssdk.services.dynamodb.model.AttributeDefinition.builder()
                        .attributeName(DynamoDbDeliveryLedger.KEY)
                        .attributeType(software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType.S).build()));
        DynamoDbDeliveryLedger deliveries = new DynamoDbDeliveryLedger(dynamo.client(), table).keepingMessages();
        assertThat(deliveries.claim("d-queued", "{\"m\":1}", T0)).isEqualTo(dev.righttime.port.DeliveryLedger.Claim.CLAIMED);
        deliveries.markQueued("d-queued", T0);
        deliveries.claim("d-pending", "{\"m\":2}", T0);
        deliveries.claim("d-failed", "{\"m\":3}", T0);
        deliveries.markFailed("d-failed", T0);
        deliveries.claim("d-bare", T0);
        deliveries.markQueued("d-bare", T0);

        List<dev.righttime.port.DeliveryLedger.Unsettled> open = new java.util.ArrayList<>();
        deliveries.forEachUnsettled(open::add);
        assertThat(open).containsExactlyInAnyOrder(
                new dev.righttime.port.DeliveryLedger.Unsettled("d-queued", "{\"m\":1}", true),
                new dev.righttime.port.DeliveryLedger.Unsettled("d-pending", "{\"m\":2}", false));

        deliveries.settle("d-queued", T0);
        open.clear();
        deliveries.forEachUnsettled(open::add);
        assertThat(open).extracting(dev.righttime.port.DeliveryLedger.Unsettled::signalId).containsExactly("d-pending");
        assertThat(deliveries.claim("d-queued", "{}", T0.plusSeconds(3600)))
                .as("a settled delivery is a duplicate").isEqualTo(dev.righttime.port.DeliveryLedger.Claim.ALREADY_QUEUED);
        deliveries.settle("d-never-claimed", T0); // expired or never there: nothing to do, no error

        DynamoDbDeliveryLedger lambda = new DynamoDbDeliveryLedger(dynamo.client(), table);
        lambda.claim("d-lambda", "{\"m\":4}", T0);
        open.clear();
        lambda.forEachUnsettled(open::add);
        assertThat(open).as("the Lambda's ledger keeps no message").extracting(dev.righttime.port.DeliveryLedger.Unsettled::signalId)
                .doesNotContain("d-lambda");

        // Queue first (issue 21): one conditional write after the send, keeping the message for the sweep.
        assertThat(deliveries.queueFirst()).isTrue();
        assertThat(deliveries.isQueued("d-first")).isFalse();
        assertThat(deliveries.recordQueued("d-first", "{\"m\":5}", T0)).isTrue();
        assertThat(deliveries.isQueued("d-first")).isTrue();
        assertThat(deliveries.recordQueued("d-first", "{\"m\":5}", T0)).as("recorded by a concurrent delivery").isFalse();
        assertThat(deliveries.recordQueued("d-failed", "{\"m\":3}", T0)).as("a FAILED claim of the older order").isTrue();
        assertThat(deliveries.isQueued("d-queued")).as("settled").isTrue();
        open.clear();
        deliveries.forEachUnsettled(open::add);
        assertThat(open).contains(new dev.righttime.port.DeliveryLedger.Unsettled("d-first", "{\"m\":5}", true));
    }

    @Test
    void responsesAreListedByStatus() {
        Response scheduled = response("s-list-1", "c-list", Outcome.SEND_NOW, T0, null);
        Response cancelled = response("s-list-2", "c-list", Outcome.SEND_NOW, T0, null);
        responses.create(scheduled);
        responses.create(cancelled);
        responses.transition(cancelled.responseId(), java.util.Set.of(ResponseStatus.SCHEDULED), ResponseStatus.CANCELLED);
        assertThat(responses.withStatus(java.util.Set.of(ResponseStatus.CANCELLED)))
                .extracting(Response::responseId).contains(cancelled.responseId()).doesNotContain(scheduled.responseId());
        assertThat(responses.withStatus(java.util.Set.of(ResponseStatus.SCHEDULED, ResponseStatus.CANCELLED)))
                .extracting(Response::responseId).contains(cancelled.responseId(), scheduled.responseId());
    }

    static Response response(String signalId, String customerId, Outcome outcome, Instant sendAt, Instant deadline) {
        Decision d = new Decision(signalId, customerId, outcome, outcome == Outcome.HOLD ? Channel.SOCIAL : Channel.EMAIL,
                sendAt, deadline, outcome == Outcome.HOLD ? Fallback.HOLDING_REPLY : null, List.of(),
                List.of(Reason.CUSTOMER_INITIATED));
        return Response.of(d, new Signal(signalId, "test", SignalType.SOCIAL_MENTION, T0, CustomerRef.NONE, Map.of()), T0);
    }
}
