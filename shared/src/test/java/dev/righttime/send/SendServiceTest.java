package dev.righttime.send;

import dev.righttime.triage.Triage;
import dev.righttime.model.Decision;
import dev.righttime.model.Outcome;
import dev.righttime.port.ResponseStore;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.righttime.testing.SendFixture.hold;
import static dev.righttime.testing.SendFixture.schedule;
import static dev.righttime.testing.SendFixture.sendNow;
import static dev.righttime.testing.SendFixture.signal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.righttime.model.Channel;
import dev.righttime.model.Consent;
import dev.righttime.model.Fallback;
import dev.righttime.model.Reason;
import dev.righttime.model.Response;
import dev.righttime.model.ResponseStatus;
import dev.righttime.model.Signal;
import dev.righttime.model.SignalType;
import dev.righttime.port.ResponseStore.Change;
import dev.righttime.testing.DynamoDbLocal;
import dev.righttime.testing.RecordingSender;
import dev.righttime.testing.SendFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SendService on DynamoDB Local with a recording channel: what it sends, skips and records. */
class SendServiceTest {

    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    static final AtomicInteger TABLES = new AtomicInteger();
    static final DynamoDbLocal dynamo = DynamoDbLocal.shared();

    SendFixture world;
    RecordingSender channel;
    SendService service;

    @BeforeEach
    void fresh() {
        world = new SendFixture(dynamo, "send" + TABLES.incrementAndGet() + "-", T0.plusSeconds(90));
        channel = new RecordingSender();
        service = world.service(SendService.Ports.senders(channel, Channel.values()));
    }

    Response ticket(Channel via) {
        Signal s = signal("zendesk:t1", SignalType.TICKET_OPENED, T0, Map.of("channel", via.wire(), "ticketId", "T-1"));
        return world.decided(s, sendNow(s, via, Reason.CUSTOMER_INITIATED));
    }

    @Test
    void sendsTheRenderedTemplateMarksSentAndRecordsTheTimeToResponse() {
        Response r = ticket(Channel.EMAIL);

        SendResult result = service.send(r.responseId());

        assertThat(result.kind()).isEqualTo(SendResult.Kind.SENT);
        assertThat(channel.sent()).singleElement().satisfies(m -> {
            assertThat(m.to()).isEqualTo("ada@example.com");
            assertThat(m.subject()).isEqualTo("We got your request");
            assertThat(m.text()).startsWith("Hi Ada, thanks for contacting us.");
            assertThat(m.replyTo()).isEqualTo("T-1");
        });
        Response sent = world.get(r.responseId());
        assertThat(sent.status()).isEqualTo(ResponseStatus.SENT);
        assertThat(sent.sentAt()).isEqualTo(T0.plusSeconds(90));
        // sentText is the reply itself; the email's footer (service note or unsubscribe links) is added after it.
        assertThat(channel.sent().get(0).text()).startsWith(sent.sentText() + "\n\n--\n");
        assertThat(world.times).containsExactly(
                new SendFixture.Timed(SignalType.TICKET_OPENED, Channel.EMAIL, Duration.ofSeconds(90)));
    }

    @Test
    void aRedeliveryNeverSendsTwice() {
        Response r = ticket(Channel.SMS);

        service.send(r.responseId());
        SendResult again = service.send(r.responseId());

        assertThat(again.kind()).isEqualTo(SendResult.Kind.SKIPPED);
        assertThat(again.detail()).isEqualTo("sent");
        assertThat(channel.sent()).hasSize(1);
        assertThat(world.times).hasSize(1);
    }

    @Test
    void aCancelledResponseIsSkipped() {
        Response r = ticket(Channel.EMAIL);
        world.responses.transition(r.responseId(), ResponseStatus.CANCELLABLE, ResponseStatus.CANCELLED);

        assertThat(service.send(r.responseId()).detail()).isEqualTo("cancelled");
        assertThat(channel.sent()).isEmpty();
    }

    @Test
    void marketingWhoseConsentWasRevokedIsCancelledNotSent() {
        Signal s = signal("shopify:cart-1", SignalType.CART_ABANDONED, T0, Map.of());
        Response r = world.decided(s, schedule(s, Channel.EMAIL, T0.plusSeconds(3600), Reason.MARKETING_DELAY));
        world.profiles.put(SendFixture.ada(new Consent(false, true, true)));

        SendResult result = service.send(r.responseId());

        assertThat(result.detail()).isEqualTo("no_consent");
        assertThat(channel.sent()).isEmpty();
        assertThat(world.get(r.responseId()).status()).isEqualTo(ResponseStatus.CANCELLED);
        assertThat(world.get(r.responseId()).detail()).isEqualTo("no_consent");
    }

    @Test
    void aTicketIsAnsweredWhateverTheConsentAndAnEmergencyUnlessExplicitlyRefused() {
        world.profiles.put(SendFixture.ada(new Consent(false, false, false)));
        Response r = ticket(Channel.EMAIL);
        Signal alert = signal("standard:storm", SignalType.EMERGENCY_ALERT, T0, Map.of("segment", "storm-area", "severity", "red"));
        Response emergency = world.decided(alert, sendNow(alert, Channel.SMS, Reason.EMERGENCY));

        assertThat(service.send(r.responseId()).kind()).isEqualTo(SendResult.Kind.SENT);
        assertThat(service.send(emergency.responseId()).detail()).isEqualTo("no_consent");
        assertThat(channel.sent()).hasSize(1);
    }

    @Test
    void aHoldPastItsDeadlineSendsTheHoldingReply() {
        Signal s = signal("x:tweet-1", SignalType.SOCIAL_MENTION, T0, Map.of("sentiment", "negative", "followers", 50000));
        Response r = world.decided(s, hold(s, Duration.ofMinutes(5), Fallback.HOLDING_REPLY));

        assertThat(service.send(r.responseId()).retryAfter()).isEqualTo(Duration.ofSeconds(210));
        world.clock.set(T0.plusSeconds(300));
        SendResult result = service.send(r.responseId());

        assertThat(result.detail()).isEqualTo("holding_reply");
        assertThat(channel.sent()).singleElement().satisfies(m -> {
            // A negative mention is a complaint: its holding reply apologises (holding_reply.complaint).
            assertThat(m.text()).startsWith("We're sorry about this. We're looking into it");
            assertThat(m.to()).isEqualTo("@ada");
        });
        Response sent = world.get(r.responseId());
        assertThat(sent.status()).isEqualTo(ResponseStatus.SENT);
        assertThat(sent.detail()).isEqualTo("holding_reply");
        assertThat(world.responses.pendingApprovals(10)).isEmpty();
    }

    @Test
    void aHoldOfANeutralMentionSendsTheGeneralHoldingReply() {
        Signal s = signal("x:tweet-2", SignalType.SOCIAL_MENTION, T0, Map.of("sentiment", "unknown", "followers", 50000));
        Response r = world.decided(s, hold(s, Duration.ofMinutes(5), Fallback.HOLDING_REPLY));
        world.clock.set(T0.plusSeconds(300));

        assertThat(service.send(r.responseId()).detail()).isEqualTo("holding_reply");
        assertThat(channel.sent()).singleElement().satisfies(m ->
                assertThat(m.text()).startsWith("Thanks for reaching out. We're looking into this"));
    }

    /** Each triage gets its own reply; a complaint never the praise text ("Thanks for the mention"). */
    @ParameterizedTest
    @CsvSource({
            "complaint, We're sorry about this",
            "question, Happy to help",
            "praise, Thanks for the mention",
            "other, Thanks for the mention"})
    void aMentionIsAnsweredWithTheTemplateOfItsTriage(String triage, String opening) {
        Triage.Kind kind = Triage.Kind.fromWire(triage);
        Signal s = new Triage(kind, 0.9).onto(signal("x:tweet-" + triage, SignalType.SOCIAL_MENTION, T0,
                Map.of("sentiment", "unknown", "followers", 10, "text", "whatever they wrote")));
        Response r = world.decided(s, sendNow(s, Channel.SOCIAL, Reason.CUSTOMER_INITIATED, kind.reason()));

        assertThat(service.send(r.responseId()).kind()).isEqualTo(SendResult.Kind.SENT);
        assertThat(channel.sent()).singleElement().satisfies(m -> assertThat(m.text()).startsWith(opening));
        if (kind == Triage.Kind.COMPLAINT) {
            assertThat(channel.sent().get(0).text()).doesNotContain("Thanks for the mention").contains("DM");
        }
    }

    @Test
    void aComplaintApprovedWithAnEmptyEditBoxGetsTheComplaintReplyNotThePraise() {
        Signal s = new Triage(Triage.Kind.COMPLAINT, 0.8).onto(signal("x:tweet-9", SignalType.SOCIAL_MENTION, T0,
                Map.of("sentiment", "unknown", "followers", 50000, "text", "still waiting on my refund")));
        Decision held = new Decision(s.signalId(), "c1", Outcome.HOLD, Channel.SOCIAL, null, T0.plusSeconds(300),
                Fallback.HOLDING_REPLY, List.of(), List.of(Reason.HIGH_REACH, Reason.NEEDS_APPROVAL, Reason.COMPLAINT));
        Response r = world.decided(s, held);
        world.responses.transition(r.responseId(), Set.of(ResponseStatus.PENDING_APPROVAL), ResponseStatus.APPROVED,
                ResponseStore.Change.reviewed("editor", T0.plusSeconds(60), "  ", null));

        assertThat(service.send(r.responseId()).kind()).isEqualTo(SendResult.Kind.SENT);
        assertThat(channel.sent()).singleElement().satisfies(m ->
                assertThat(m.text()).startsWith("We're sorry about this").doesNotContain("Thanks for the mention"));
    }

    @Test
    void aDropFallbackSendsNothing() {
        Signal s = signal("standard:trend-1", SignalType.TREND_DETECTED, T0, Map.of("topic", "outage"));
        Response r = world.decided(s, hold(s, Duration.ofMinutes(1), Fallback.DROP));

        SendResult result = service.send(r.responseId());

        assertThat(result.detail()).isEqualTo("fallback_drop");
        assertThat(channel.sent()).isEmpty();
        assertThat(world.get(r.responseId()).status()).isEqualTo(ResponseStatus.CANCELLED);
    }

    @Test
    void anApprovedReplySendsTheEditedText() {
        Signal s = signal("x:tweet-2", SignalType.SOCIAL_MENTION, T0, Map.of("sentiment", "negative", "followers", 50000));
        Response r = world.decided(s, hold(s, Duration.ofMinutes(5), Fallback.HOLDING_REPLY));
        world.responses.transition(r.responseId(), Set.of(ResponseStatus.PENDING_APPROVAL), ResponseStatus.APPROVED,
                Change.reviewed("editor@brand.example", T0.plusSeconds(60), "Sorry Ada, fixing it now.", null));

        service.send(r.responseId());

        assertThat(channel.sent()).singleElement().extracting(Message::text).isEqualTo("Sorry Ada, fixing it now.");
        assertThat(world.get(r.responseId()).status()).isEqualTo(ResponseStatus.SENT);
    }

    @Test
    void aRetryableFailureGivesTheResponseBackAndAPermanentOneFailsIt() {
        Response r = ticket(Channel.CHAT);
        channel.failNext(DeliveryException.retry("http_429", Duration.ofSeconds(30), null));

        SendResult first = service.send(r.responseId());
        assertThat(first.retry()).isTrue();
        assertThat(first.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(world.get(r.responseId()).status()).isEqualTo(ResponseStatus.SCHEDULED);

        channel.failNext(DeliveryException.permanent("http_404", null));
        assertThat(service.send(r.responseId()).kind()).isEqualTo(SendResult.Kind.FAILED);
        assertThat(world.get(r.responseId()).status()).isEqualTo(ResponseStatus.FAILED);
        assertThat(world.get(r.responseId()).detail()).isEqualTo("http_404");
        assertThat(service.send(r.responseId()).kind()).isEqualTo(SendResult.Kind.SKIPPED);
        assertThat(channel.sent()).isEmpty();
    }

    @Test
    void aLiveClaimMakesASecondDeliveryWaitAndAStaleOneIsTakenOver() {
        Response r = ticket(Channel.EMAIL);
        assertThat(world.responses.claim(r.responseId(), Set.of(ResponseStatus.SCHEDULED), world.clock.instant(),
                SendService.LEASE)).isTrue();

        SendResult meanwhile = service.send(r.responseId());
        assertThat(meanwhile.detail()).isEqualTo("in_progress");
        assertThat(channel.sent()).isEmpty();

        world.clock.set(world.clock.instant().plus(SendService.LEASE));
        assertThat(service.send(r.responseId()).kind()).isEqualTo(SendResult.Kind.SENT);
        assertThat(channel.sent()).hasSize(1);
    }

    @Test
    void anEmailWithoutAnyAddressFails() {
        world.profiles.put(new dev.righttime.model.CustomerProfile("c1", null, null, new Consent(true, true, true),
                null, null, null, null));
        Response r = ticket(Channel.EMAIL);

        assertThat(service.send(r.responseId()).detail()).isEqualTo("no_address");
        assertThat(world.get(r.responseId()).status()).isEqualTo(ResponseStatus.FAILED);
    }

    @Test
    void anUnknownResponseIsSkipped() {
        assertThat(service.send("r-00000000000000000000000000000000").detail()).isEqualTo("no_record");
    }

    @Test
    void theLocalOutboxReceivesWhatSesWouldHaveSent() {
        Outbox outbox = new Outbox(world.clock);
        SendService local = world.service(SendService.Ports.senders(outbox, Channel.EMAIL, Channel.SMS));
        Response r = ticket(Channel.EMAIL);

        local.send(r.responseId());
        local.send(r.responseId());

        assertThat(outbox.entries()).singleElement().satisfies(e -> {
            assertThat(e.responseId()).isEqualTo(r.responseId());
            assertThat(e.customerId()).isEqualTo("c1");
            assertThat(e.to()).isEqualTo("ada@example.com");
            assertThat(e.text()).startsWith("Hi Ada");
            assertThat(e.sentAt()).isEqualTo(world.clock.instant());
        });
    }
}
