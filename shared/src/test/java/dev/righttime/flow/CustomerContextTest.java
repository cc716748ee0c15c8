package dev.righttime.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import dev.righttime.testing.DecideFixture;
import dev.righttime.testing.DynamoDbLocal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One customer across every tool, through the decide step on DynamoDB Local: provider links,
 * merges, the wait for a link, staleness and the context that cancels pending marketing.
 */
class CustomerContextTest {

    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    static final AtomicInteger RUN = new AtomicInteger();
    static DynamoDbLocal dynamo;
    DecideFixture world;
    DecideService service;

    @BeforeAll
    static void start() {
        dynamo = DynamoDbLocal.start();
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    @BeforeEach
    void fresh() {
        world = new DecideFixture(dynamo, "ctx" + RUN.incrementAndGet() + "-", T0);
        service = new DecideService(Playbook.defaults(), world.ports(), world.clock);
    }

    static Signal signal(String id, SignalType type, Instant at, CustomerRef ref, Map<String, Object> attributes) {
        return new Signal(id, "test", type, at, ref, attributes);
    }

    static Signal link(String id, String providerId, String email, String phone) {
        return signal(id, SignalType.PROFILE_UPDATED, T0.minusSeconds(60), new CustomerRef(providerId, email, phone, null), Map.of());
    }

    @Test
    void aStripeCustomerFirstSeenInCustomerCreatedIsAnsweredByEmailWhenTheyAskToCancel() {
        List<Decision> linked = service.handle(link("stripe:evt_c", "stripe:cus_1", "new@example.com", null));
        assertThat(linked).singleElement().satisfies(d -> {
            assertThat(d.outcome()).isEqualTo(Outcome.UPDATE);
            assertThat(d.reasons()).containsExactly(Reason.PROFILE_UPDATED, Reason.IDENTITY_LINKED);
        });
        assertThat(world.customers.get("stripe:cus_1").orElseThrow().addressesOrNone().email()).isEqualTo("new@example.com");

        List<Decision> cancel = service.handle(signal("stripe:evt_x", SignalType.CANCEL_REQUESTED, T0,
                CustomerRef.ofCustomerId("stripe:cus_1"), Map.of()));

        assertThat(cancel).singleElement().satisfies(d -> {
            assertThat(d.outcome()).isEqualTo(Outcome.SEND_NOW);
            assertThat(d.channel()).isEqualTo(Channel.EMAIL);
            assertThat(d.reasons()).containsExactly(Reason.CUSTOMER_INITIATED, Reason.RETENTION_OFFER);
        });
        assertThat(world.email.bodies()).containsExactly(ResponseIds.of("stripe:evt_x", "stripe:cus_1", Channel.EMAIL));
        // Reachable by email now too.
        assertThat(world.customers.resolve(signal("x", SignalType.TICKET_OPENED, T0,
                new CustomerRef(null, "NEW@example.com", null, null), Map.of())).customerId()).isEqualTo("stripe:cus_1");
    }

    @Test
    void aZendeskRequesterLinkedByAUserEventReachesThePreferredChannel() {
        world.customers.save(new CustomerProfile("c3", null, null, new Consent(true, true, null),
                new Addresses("ken@example.com", "+819012345678", null), null, Channel.SMS, null));
        service.handle(link("zendesk:u1", "zendesk:77", "Ken@Example.com", null));

        List<Decision> ticket = service.handle(signal("zendesk:t1", SignalType.TICKET_OPENED, T0,
                CustomerRef.ofCustomerId("zendesk:77"), Map.of()));

        assertThat(ticket).singleElement().satisfies(d -> {
            assertThat(d.customerId()).isEqualTo("c3");
            assertThat(d.channel()).isEqualTo(Channel.SMS);
        });
        assertThat(world.sms.bodies()).hasSize(1);
    }

    @Test
    void twoKnownCustomersNamedByOneStrongLinkAreMergedIntoTheBusinessesOwn() {
        world.customers.save(new CustomerProfile("c1", null, null, new Consent(true, null, null),
                new Addresses("ada@example.com", null, null), List.of("vip"), Channel.EMAIL, Map.of("firstName", "Ada")));
        // Stripe saw the same person under another email first: a provider-made customer.
        service.handle(link("stripe:evt_1", "stripe:cus_2", "ada.work@example.com", "+4915100000009"));
        world.customers.change("stripe:cus_2", p -> p.withConsent(new Consent(false, null, null)));

        // Segment's identify says userId c1 has that work email: the two are one.
        service.handle(signal("segment:m1", SignalType.PROFILE_UPDATED, T0, new CustomerRef("c1", "ada.work@example.com", null, null),
                Map.of()));

        assertThat(world.customers.get("stripe:cus_2")).isEmpty();
        CustomerProfile ada = world.customers.get("c1").orElseThrow();
        assertThat(ada.addressesOrNone().email()).isEqualTo("ada@example.com");
        assertThat(ada.addressesOrNone().phone()).isEqualTo("+4915100000009");
        assertThat(ada.consentOrNone().email()).as("a refusal on either side stays").isFalse();
        assertThat(ada.segmentsOrNone()).containsExactly("vip");
        for (CustomerRef ref : List.of(CustomerRef.ofCustomerId("stripe:cus_2"), new CustomerRef(null, "ada.work@example.com", null, null),
                new CustomerRef(null, null, "+49 151 0000 0009", null), new CustomerRef(null, "ada@example.com", null, null))) {
            assertThat(world.customers.resolve(signal("r", SignalType.TICKET_OPENED, T0, ref, Map.of())).customerId())
                    .as(ref.toString()).isEqualTo("c1");
        }
    }

    @Test
    void aPhoneThatBelongsToAnotherCustomerIsNotProofOfOnePerson() {
        world.customers.save(new CustomerProfile("c1", null, null, null, new Addresses("ada@example.com", "+4915100000001", null),
                null, null, null));
        world.customers.save(new CustomerProfile("c2", null, null, null, new Addresses("bob@example.com", null, null),
                null, null, null));

        service.handle(link("shopify:e1", "shopify:9", "bob@example.com", "+4915100000001"));

        assertThat(world.customers.get("c1")).isPresent();
        assertThat(world.customers.get("c2").orElseThrow().addressesOrNone().phone()).isNull();
        assertThat(world.customers.resolve(signal("r", SignalType.TICKET_OPENED, T0,
                new CustomerRef(null, null, "+4915100000001", null), Map.of())).customerId()).isEqualTo("c1");
        assertThat(world.customers.resolve(signal("r", SignalType.TICKET_OPENED, T0,
                CustomerRef.ofCustomerId("shopify:9"), Map.of())).customerId()).isEqualTo("c2");
    }

    @Test
    void aCancelRequestForACustomerNotKnownYetWaitsForItsLinkThenIsDecided() {
        Signal cancel = signal("stripe:evt_early", SignalType.CANCEL_REQUESTED, T0, CustomerRef.ofCustomerId("stripe:cus_7"), Map.of());

        assertThatThrownBy(() -> service.handle(cancel)).isInstanceOfSatisfying(DecideService.NotYet.class,
                wait -> assertThat(wait.after()).isEqualTo(Duration.ofMinutes(2)));
        assertThat(world.ledger.get("stripe:evt_early")).as("nothing recorded while it waits").isEmpty();

        // The customer.updated arrives meanwhile; the redelivered cancellation finds the customer.
        world.clock.set(T0.plusSeconds(30));
        service.handle(link("stripe:evt_upd", "stripe:cus_7", "late@example.com", null));
        assertThat(service.handle(cancel)).singleElement().satisfies(d -> {
            assertThat(d.outcome()).isEqualTo(Outcome.SEND_NOW);
            assertThat(d.channel()).isEqualTo(Channel.EMAIL);
        });
    }

    @Test
    void afterTheWaitAnUnknownCustomersTicketIsDecidedWithWhatIsKnown() {
        world.clock.set(T0.plus(Duration.ofMinutes(2)));
        List<Decision> d = service.handle(signal("zendesk:t9", SignalType.TICKET_OPENED, T0, CustomerRef.ofCustomerId("zendesk:404"),
                Map.of("channel", "email")));
        assertThat(d).singleElement().satisfies(x -> {
            assertThat(x.outcome()).isEqualTo(Outcome.SEND_NOW);
            assertThat(x.customerId()).isEqualTo("zendesk:404");
        });
    }

    @Test
    void aYearOldCartIsSuppressedAsStaleAndNothingIsScheduled() {
        world.customers.save(new CustomerProfile("c1", null, null, new Consent(true, null, null),
                new Addresses("ada@example.com", null, null), null, Channel.EMAIL, null));
        List<Decision> d = service.handle(signal("shopify:old", SignalType.CART_ABANDONED, T0.minus(Duration.ofDays(365)),
                CustomerRef.ofCustomerId("c1"), Map.of()));
        assertThat(d).singleElement().satisfies(x -> {
            assertThat(x.outcome()).isEqualTo(Outcome.SUPPRESS);
            assertThat(x.reasons()).containsExactly(Reason.STALE);
        });
        assertThat(world.scheduler.createCalls()).isEmpty();
        assertThat(world.messagesQueued()).isZero();
    }

    @Test
    void aTicketDecidedADayLateIsStillAnsweredMarkedLate() {
        world.customers.save(new CustomerProfile("c1", null, null, null, new Addresses("ada@example.com", null, null), null, null, null));
        List<Decision> d = service.handle(signal("zendesk:late", SignalType.TICKET_OPENED, T0.minus(Duration.ofHours(25)),
                CustomerRef.ofCustomerId("c1"), Map.of("channel", "email")));
        assertThat(d).singleElement().satisfies(x -> {
            assertThat(x.outcome()).isEqualTo(Outcome.SEND_NOW);
            assertThat(x.reasons()).containsExactly(Reason.CUSTOMER_INITIATED, Reason.LATE);
        });
        assertThat(world.email.bodies()).hasSize(1);
    }

    @Test
    void aLaterComplaintCancelsTheScheduledCartReminderWithTheReason() {
        world.customers.save(new CustomerProfile("c1", null, null, new Consent(true, null, true),
                new Addresses("ada@example.com", null, "@ada"), null, Channel.EMAIL, null));
        service.handle(signal("shopify:cart", SignalType.CART_ABANDONED, T0, CustomerRef.ofCustomerId("c1"), Map.of()));
        String reminder = ResponseIds.of("shopify:cart", "c1", Channel.EMAIL);
        assertThat(world.scheduler.createCalls()).hasSize(1);

        world.clock.set(T0.plus(Duration.ofMinutes(20)));
        List<Decision> complaint = service.handle(signal("x:1", SignalType.SOCIAL_MENTION, T0.plus(Duration.ofMinutes(20)),
                new CustomerRef("x:42", null, null, "@Ada"), Map.of("sentiment", "negative", "followers", 10)));

        assertThat(complaint).singleElement().satisfies(d -> {
            assertThat(d.cancels()).containsExactly("shopify:cart");
            assertThat(d.reasons()).containsExactly(Reason.PUBLIC_COMPLAINT, Reason.MARKETING_PAUSED);
        });
        assertThat(world.responses.get(reminder).orElseThrow()).satisfies(r -> {
            assertThat(r.status()).isEqualTo(ResponseStatus.CANCELLED);
            assertThat(r.detail()).isEqualTo("marketing_paused");
        });
        assertThat(world.scheduler.deleted()).hasSize(1);
        // The X user id is linked to Ada on the way.
        assertThat(world.customers.resolve(signal("r", SignalType.SOCIAL_MENTION, T0, CustomerRef.ofCustomerId("x:42"), Map.of()))
                .customerId()).isEqualTo("c1");
    }

    @Test
    void aStoredTimeAtTheEndOfTimeDoesNotBreakTheCustomersLaterCarts() {
        world.customers.save(new CustomerProfile("c1", null, null, new Consent(true, null, null),
                new Addresses("ada@example.com", null, null), null, Channel.EMAIL, null));
        // As stored before ingest refused future times: a cart dated 9999-12-31.
        world.clock.set(Instant.parse("9999-12-31T00:00:00Z"));
        service.handle(signal("shopify:far", SignalType.CART_ABANDONED, Instant.parse("9999-12-31T00:00:00Z"),
                CustomerRef.ofCustomerId("c1"), Map.of()));
        world.clock.set(T0);

        List<Decision> d = service.handle(signal("shopify:now", SignalType.CART_ABANDONED, T0, CustomerRef.ofCustomerId("c1"), Map.of()));

        assertThat(d).singleElement().extracting(Decision::outcome).isEqualTo(Outcome.SCHEDULE);
    }

    @Test
    void aPartialQuietHoursUpdateMergesOverTheBrandsDefaultInDecide() {
        world.customers.save(new CustomerProfile("c1", null, null, null, null, null, null, null));
        service.handle(signal("segment:q", SignalType.PROFILE_UPDATED, T0, CustomerRef.ofCustomerId("c1"),
                Map.of("quietHours", Map.of("end", "09:00"))));
        assertThat(world.customers.get("c1").orElseThrow().quietHours())
                .isEqualTo(new dev.righttime.time.QuietHours(java.time.LocalTime.of(21, 0), java.time.LocalTime.of(9, 0)));
    }
}
