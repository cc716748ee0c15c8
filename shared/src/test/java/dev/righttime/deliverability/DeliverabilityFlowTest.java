package dev.righttime.deliverability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.righttime.aws.DynamoDbProfileStore;
import dev.righttime.aws.Tables;
import dev.righttime.flow.ChannelQueues;
import dev.righttime.flow.DecideService;
import dev.righttime.model.Addresses;
import dev.righttime.model.Channel;
import dev.righttime.model.Consent;
import dev.righttime.model.CustomerProfile;
import dev.righttime.model.CustomerRef;
import dev.righttime.model.Decision;
import dev.righttime.model.Feedback;
import dev.righttime.model.Outcome;
import dev.righttime.model.Response;
import dev.righttime.model.ResponseStatus;
import dev.righttime.model.Signal;
import dev.righttime.model.SignalType;
import dev.righttime.policy.Playbook;
import dev.righttime.port.OutcomeEvent;
import dev.righttime.port.SignalLedger;
import dev.righttime.send.DeliveryException;
import dev.righttime.send.Message;
import dev.righttime.send.SendResult;
import dev.righttime.send.SendService;
import dev.righttime.testing.DecideFixture;
import dev.righttime.testing.DynamoDbLocal;
import dev.righttime.testing.RecordingSender;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The deliverability paths end to end on DynamoDB Local: decide, send (recording channel), the
 * recipient's routes and the feedback consumer sharing one set of tables, consent changes going
 * through the decide step as in the decide Lambda.
 */
class DeliverabilityFlowTest {

    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    static final AtomicInteger TABLES = new AtomicInteger();
    static final DynamoDbLocal dynamo = DynamoDbLocal.shared();
    static final String KEY = "flow-test-unsubscribe-key-0123";

    DecideFixture world;
    DynamoDbProfileStore profiles;
    DecideService decide;
    SendService send;
    RecordingSender channel;
    FeedbackService feedback;
    PreferencesApi preferences;
    UnsubscribeTokens tokens = new UnsubscribeTokens(List.of(KEY));
    final List<Signal> submitted = new ArrayList<>();

    @BeforeEach
    void fresh() {
        String prefix = "deliv" + TABLES.incrementAndGet() + "-";
        world = new DecideFixture(dynamo, prefix, T0);
        profiles = new DynamoDbProfileStore(dynamo.client(), Tables.Names.withPrefix(prefix).profiles());
        world.customers.save(new CustomerProfile("c1", java.time.ZoneOffset.UTC, null, new Consent(true, true, true),
                new Addresses("ada@example.com", "+4915112345678", "@ada"), List.of(), Channel.EMAIL, Map.of("firstName", "Ada <b>")));
        Playbook playbook = Playbook.defaults();
        decide = new DecideService(playbook, world.ports(), world.clock);
        channel = new RecordingSender();
        var sink = (dev.righttime.port.SignalSink) s -> {
            submitted.add(s);
            decide.handle(s);
        };
        send = new SendService(playbook.templates(), new SendService.Ports(world.responses, world.ledger, profiles,
                SendService.Ports.senders(channel, Channel.values()), null), world.clock,
                new SendService.Options(new UnsubscribeLinks(URI.create("https://api.example.com"), "unsubscribe@example.com", tokens,
                        playbook.deliverability().unsubscribeTokenTtl(), world.clock), world.events, sink,
                        new QueuedChannelFallback(playbook, world.responses, profiles, new ChannelQueues(world.email, world.sms, world.webhook),
                                world.clock)));
        feedback = new FeedbackService(world.responses, sink, world.events, world.clock);
        preferences = new PreferencesApi(tokens, profiles, sink, world.clock);
    }

    Signal cart(String id, Instant at) {
        return new Signal("shopify:" + id, "shopify", SignalType.CART_ABANDONED, at, CustomerRef.ofCustomerId("c1"), Map.of());
    }

    /** Decides the signal and sends its one response at its send time; returns the record. */
    Response decidedAndSent(Signal s) {
        Decision d = decide.handle(s).get(0);
        assertThat(d.outcome()).isEqualTo(Outcome.SCHEDULE);
        world.clock.set(d.sendAt());
        String id = DecideService.responseIds(List.of(d)).get(0);
        assertThat(send.send(id).kind()).isEqualTo(SendResult.Kind.SENT);
        return world.responses.get(id).orElseThrow();
    }

    static String token(Message m) {
        String list = m.headers().get("List-Unsubscribe");
        String url = list.substring(1, list.indexOf('>'));
        return URLDecoder.decode(url.substring(url.indexOf("token=") + 6), StandardCharsets.UTF_8);
    }

    static String sesEvent(String eventId, String type, String responseId, String extra) {
        return """
                {"version":"0","id":"%s","detail-type":"Email %s","source":"aws.ses","time":"2026-03-02T12:00:00Z",
                 "detail":{"eventType":"%s","mail":{"timestamp":"2026-03-02T11:00:00.000Z","messageId":"m-1",
                   "destination":["ada@example.com"],"tags":{"responseId":["%s"],"ses:configuration-set":["rt-feedback"]}}%s}}
                """.formatted(eventId, type, type, responseId, extra);
    }

    @Test
    void marketingEmailIsMultipartWithOneClickUnsubscribeAndEscapedHtml() {
        Response r = decidedAndSent(cart("cart-1", T0));

        Message m = channel.sent().get(0);
        assertThat(m.headers()).containsEntry("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        assertThat(m.headers().get("List-Unsubscribe")).startsWith("<https://api.example.com/unsubscribe?token=")
                .contains(">, <mailto:unsubscribe@example.com?subject=unsubscribe%20");
        assertThat(m.text()).startsWith("Hi Ada <b>, your cart").contains("\n--\nUnsubscribe: https://api.example.com/unsubscribe?token=");
        assertThat(m.html()).contains("<p>Hi Ada &lt;b&gt;, your cart").doesNotContain("Ada <b>")
                .contains("<a ses:no-track href=\"https://api.example.com/unsubscribe?token=").contains("Email preferences");
        assertThat(tokens.verify(token(m), world.clock.instant())).hasValueSatisfying(c -> {
            assertThat(c.customerId()).isEqualTo("c1");
            assertThat(c.channel()).isEqualTo(Channel.EMAIL);
            assertThat(c.responseId()).isEqualTo(r.responseId());
        });
        assertThat(world.events.outcomes()).extracting(OutcomeEvent::kind).containsExactly("sent");
    }

    @Test
    void aTransactionalReplyIsNotUnsubscribableAndSaysSo() {
        Signal ticket = new Signal("zendesk:t1", "zendesk", SignalType.TICKET_OPENED, T0, CustomerRef.ofCustomerId("c1"),
                Map.of("channel", "email", "ticketId", "T-1"));
        String id = DecideService.responseIds(decide.handle(ticket)).get(0);
        assertThat(send.send(id).kind()).isEqualTo(SendResult.Kind.SENT);

        Message m = channel.sent().get(0);
        assertThat(m.headers()).doesNotContainKeys("List-Unsubscribe", "List-Unsubscribe-Post");
        assertThat(m.text()).endsWith("not marketing, so it has no unsubscribe link.").doesNotContain("/unsubscribe");
        assertThat(m.html()).contains("not marketing").doesNotContain("/unsubscribe");
    }

    @Test
    void aMarketingSmsSaysHowToStopAndAServiceSmsDoesNot() {
        CustomerProfile ada = profiles.get("c1").orElseThrow();
        world.customers.save(new CustomerProfile("c1", ada.timezone(), null, ada.consent(), ada.addresses(), List.of(), Channel.SMS,
                ada.attributes()));
        Response reminder = decidedAndSent(cart("cart-1", T0));
        Signal ticket = new Signal("zendesk:t1", "zendesk", SignalType.TICKET_OPENED, world.clock.instant(), CustomerRef.ofCustomerId("c1"),
                Map.of("channel", "sms", "ticketId", "T-1"));
        assertThat(send.send(DecideService.responseIds(decide.handle(ticket)).get(0)).kind()).isEqualTo(SendResult.Kind.SENT);

        assertThat(channel.sent()).extracting(Message::channel).containsExactly(Channel.SMS, Channel.SMS);
        assertThat(channel.sent().get(0).text()).endsWith("\nReply STOP to opt out.");
        assertThat(world.responses.get(reminder.responseId()).orElseThrow().sentText()).doesNotContain("STOP");
        assertThat(channel.sent().get(1).text()).doesNotContain("STOP");
    }

    @Test
    void marketingEmailWithoutUnsubscribeLinksIsNotSent() {
        SendService bare = new SendService(Playbook.defaults().templates(), new SendService.Ports(world.responses, world.ledger, profiles,
                SendService.Ports.senders(channel, Channel.values()), null), world.clock);
        Decision d = decide.handle(cart("cart-1", T0)).get(0);
        world.clock.set(d.sendAt());
        String id = DecideService.responseIds(List.of(d)).get(0);

        assertThat(bare.send(id)).isEqualTo(new SendResult(SendResult.Kind.FAILED, "no_unsubscribe_link", null));
        assertThat(channel.sent()).isEmpty();
    }

    @Test
    void oneClickUnsubscribeRevokesConsentCancelsPendingMarketingAndMarksTheMessage() {
        Response first = decidedAndSent(cart("cart-1", T0));
        String token = token(channel.sent().get(0));
        // Another reminder, 25 h later (outside the frequency cap), is pending when the customer unsubscribes.
        world.clock.set(T0.plus(Duration.ofHours(25)));
        Decision pending = decide.handle(cart("cart-2", T0.plus(Duration.ofHours(25)))).get(0);
        assertThat(pending.outcome()).isEqualTo(Outcome.SCHEDULE);

        PreferencesApi.Answer a = preferences.handle("POST", "/unsubscribe", Map.of("token", token), "List-Unsubscribe=One-Click");

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body()).contains("\"unsubscribed\"");
        assertThat(profiles.get("c1").orElseThrow().consentOrNone().email()).isFalse();
        assertThat(world.responses.get(DecideService.responseIds(List.of(pending)).get(0)).orElseThrow().status())
                .isEqualTo(ResponseStatus.CANCELLED);
        assertThat(world.responses.get(first.responseId()).orElseThrow().feedbackAt(Feedback.UNSUBSCRIBED)).isPresent();
        assertThat(submitted).singleElement().satisfies(s -> assertThat(s.attributes())
                .containsEntry("channel", "email").containsEntry("granted", false).containsEntry("reason", "unsubscribed"));
    }

    @Test
    void aForgedOrExpiredTokenIs401AndChangesNothing() {
        decidedAndSent(cart("cart-1", T0));
        String token = token(channel.sent().get(0));
        String forged = new UnsubscribeTokens(List.of("an-attackers-own-key-0123"))
                .sign(new UnsubscribeTokens.Claims("c1", Channel.EMAIL, null, T0.plus(Duration.ofDays(1))));

        assertThat(preferences.handle("POST", "/unsubscribe", Map.of("token", forged), "List-Unsubscribe=One-Click").status()).isEqualTo(401);
        assertThat(preferences.handle("POST", "/unsubscribe", Map.of(), "token=" + forged).status()).isEqualTo(401);
        assertThat(preferences.handle("GET", "/preferences", Map.of("token", forged), null).status()).isEqualTo(401);
        world.clock.set(world.clock.instant().plus(Playbook.defaults().deliverability().unsubscribeTokenTtl()));
        PreferencesApi.Answer expired = preferences.handle("POST", "/unsubscribe", Map.of("token", token), "List-Unsubscribe=One-Click");
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.body()).contains("\"error\":\"invalid_token\"");

        assertThat(submitted).isEmpty();
        assertThat(profiles.get("c1").orElseThrow().consentOrNone().email()).isTrue();
    }

    @Test
    void aLinkOpenedWithGetChangesNothingAndThePreferencePageSavesEachChangedChannel() {
        decidedAndSent(cart("cart-1", T0));
        String token = token(channel.sent().get(0));

        PreferencesApi.Answer opened = preferences.handle("GET", "/unsubscribe", Map.of("token", token), null);
        assertThat(opened.status()).isEqualTo(200);
        assertThat(opened.body()).contains("name=\"email\" checked").contains("name=\"sms\" checked");
        assertThat(submitted).isEmpty();

        PreferencesApi.Answer saved = preferences.handle("POST", "/preferences", Map.of(),
                "token=" + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8) + "&email=on&social=on");

        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.body()).contains("Saved").contains("name=\"email\" checked").contains("name=\"sms\">");
        assertThat(submitted).singleElement().satisfies(s -> assertThat(s.attributes())
                .containsEntry("channel", "sms").containsEntry("granted", false).containsEntry("reason", "preferences"));
        assertThat(profiles.get("c1").orElseThrow().consentOrNone()).isEqualTo(new Consent(true, false, true));
    }

    @Test
    void aPermanentBounceSuppressesTheAddressOnceAndAReplayHasNoSecondEffect() {
        Response r = decidedAndSent(cart("cart-1", T0));
        String bounce = sesEvent("ev-1", "Bounce", r.responseId(),
                ",\"bounce\":{\"bounceType\":\"Permanent\",\"bounceSubType\":\"General\",\"timestamp\":\"2026-03-02T11:00:05Z\"}");

        FeedbackService.Result first = feedback.handle(bounce);
        CustomerProfile after = profiles.get("c1").orElseThrow();
        FeedbackService.Result replay = feedback.handle(bounce);

        assertThat(first).isEqualTo(new FeedbackService.Result("bounced", true));
        assertThat(replay).isEqualTo(new FeedbackService.Result("bounced", false));
        assertThat(after.consentOrNone().email()).isFalse();
        assertThat(profiles.get("c1").orElseThrow()).isEqualTo(after);
        assertThat(world.responses.get(r.responseId()).orElseThrow().feedbackAt(Feedback.BOUNCED))
                .contains(Instant.parse("2026-03-02T11:00:05Z"));
        assertThat(world.events.outcomes()).extracting(OutcomeEvent::kind, OutcomeEvent::detail)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("sent", null), org.assertj.core.groups.Tuple.tuple("bounced", "permanent"));
        // The consent change was decided once; its replay was a duplicate.
        assertThat(world.ledger.get("ses:bounced:" + r.responseId())).hasValueSatisfying(e -> {
            assertThat(e.state()).isEqualTo(SignalLedger.State.DONE);
            assertThat(e.signal().attributes()).containsEntry("reason", "bounced");
        });
        assertThat(world.events.published()).filteredOn(d -> d.signalId().equals("ses:bounced:" + r.responseId()))
                .extracting(Decision::outcome).containsExactly(Outcome.UPDATE, Outcome.DUPLICATE);
    }

    @Test
    void aTransientBounceIsRecordedButKeepsConsentAndDeliveriesOpensClicksAndComplaintsAreRecorded() {
        Response r = decidedAndSent(cart("cart-1", T0));
        feedback.handle(sesEvent("ev-1", "Bounce", r.responseId(), ",\"bounce\":{\"bounceType\":\"Transient\"}"));
        assertThat(profiles.get("c1").orElseThrow().consentOrNone().email()).isTrue();

        feedback.handle(sesEvent("ev-2", "Delivery", r.responseId(), ",\"delivery\":{\"timestamp\":\"2026-03-02T11:00:02Z\"}"));
        feedback.handle(sesEvent("ev-3", "Open", r.responseId(), ",\"open\":{\"timestamp\":\"2026-03-02T11:30:00Z\"}"));
        feedback.handle(sesEvent("ev-4", "Click", r.responseId(), ",\"click\":{\"timestamp\":\"2026-03-02T11:31:00Z\"}"));
        // Through SNS (an SNS event destination) the same event is wrapped in a notification.
        String complaint = sesEvent("ev-5", "Complaint", r.responseId(), ",\"complaint\":{\"complaintFeedbackType\":\"abuse\"}");
        String viaSns = "{\"Type\":\"Notification\",\"MessageId\":\"n-1\",\"Message\":"
                + dev.righttime.model.Json.mapper().valueToTree(complaint).toString() + "}";
        assertThat(FeedbackService.isFeedback(viaSns)).isTrue();
        assertThat(feedback.handle(viaSns).handled()).isEqualTo("complained");

        Response after = world.responses.get(r.responseId()).orElseThrow();
        assertThat(after.feedback()).containsOnlyKeys("bounced", "delivered", "opened", "clicked", "complained");
        assertThat(after.feedbackAt(Feedback.OPENED)).contains(Instant.parse("2026-03-02T11:30:00Z"));
        assertThat(profiles.get("c1").orElseThrow().consentOrNone().email()).isFalse();
        assertThat(feedback.handle(sesEvent("ev-6", "Delivery", "r-unknown", "")).handled()).isEqualTo("unknown_response");
        assertThat(feedback.handle(sesEvent("ev-7", "Send", r.responseId(), "")).handled()).isEqualTo("ignored");
    }

    @Test
    void anInboundStopRevokesSmsConsentByPhoneNumberAndHelpChangesNothing() {
        String stop = "{\"Type\":\"Notification\",\"MessageId\":\"n-9\",\"Message\":"
                + dev.righttime.model.Json.mapper().valueToTree("{\"originationNumber\":\"+4915112345678\",\"destinationNumber\":\"+18005550100\","
                + "\"messageKeyword\":\"KEYWORD_1\",\"messageBody\":\"stop\",\"inboundMessageId\":\"in-1\"}").toString() + "}";
        String help = "{\"originationNumber\":\"+4915112345678\",\"messageBody\":\"HELP\",\"inboundMessageId\":\"in-2\"}";

        assertThat(feedback.handle(help).handled()).isEqualTo("help");
        assertThat(submitted).isEmpty();
        assertThat(feedback.handle(stop).handled()).isEqualTo("sms_stop");
        assertThat(feedback.handle(stop).handled()).isEqualTo("sms_stop");

        assertThat(profiles.get("c1").orElseThrow().consentOrNone().sms()).isFalse();
        assertThat(submitted).extracting(Signal::signalId).containsExactly("sms:in-1", "sms:in-1");
        assertThat(world.ledger.get("sms:in-1")).hasValueSatisfying(e -> assertThat(e.customerId()).isEqualTo("c1"));
    }

    @Test
    void anOptedOutNumberFailsRecordsConsentFalseAndTheReminderFallsBackToEmail() {
        CustomerProfile smsFirst = profiles.get("c1").orElseThrow();
        world.customers.save(new CustomerProfile("c1", java.time.ZoneOffset.UTC, null, smsFirst.consent(), smsFirst.addresses(), List.of(), Channel.SMS,
                smsFirst.attributes()));
        channel.failNext(DeliveryException.permanent(SendService.OPTED_OUT, null));
        Decision d = decide.handle(cart("cart-1", T0)).get(0);
        assertThat(d.channel()).isEqualTo(Channel.SMS);
        world.clock.set(d.sendAt());
        String id = DecideService.responseIds(List.of(d)).get(0);

        assertThat(send.send(id)).isEqualTo(new SendResult(SendResult.Kind.FAILED, "sns_opted_out", null));

        Response failed = world.responses.get(id).orElseThrow();
        assertThat(failed.feedbackAt(Feedback.OPTED_OUT)).isPresent();
        assertThat(profiles.get("c1").orElseThrow().consentOrNone().sms()).isFalse();
        assertThat(world.email.bodies()).containsExactly(id + "-email");
        Response next = world.responses.get(id + "-email").orElseThrow();
        assertThat(next.channel()).isEqualTo(Channel.EMAIL);
        assertThat(next.status()).isEqualTo(ResponseStatus.SCHEDULED);
        assertThat(next.detail()).isEqualTo("channel_fallback");
        assertThat(send.send(id + "-email").kind()).isEqualTo(SendResult.Kind.SENT);
        assertThat(channel.sent()).noneSatisfy(m -> assertThat(m.channel()).isEqualTo(Channel.SMS));
        assertThat(channel.sent()).singleElement().satisfies(m -> assertThat(m.channel()).isEqualTo(Channel.EMAIL));
        assertThat(world.events.outcomes()).extracting(OutcomeEvent::kind).containsExactly("failed", "sent");
    }

    @Test
    void anOrderWithinTheWindowConvertsTheLastReminderAndTheReportShowsIt() {
        Response r = decidedAndSent(cart("cart-1", T0));
        Instant orderAt = r.sentAt().plus(Duration.ofHours(3));
        world.clock.set(orderAt);
        decide.handle(new Signal("shopify:order-1", "shopify", SignalType.ORDER_PLACED, orderAt, CustomerRef.ofCustomerId("c1"), Map.of()));
        decide.handle(new Signal("shopify:order-1", "shopify", SignalType.ORDER_PLACED, orderAt, CustomerRef.ofCustomerId("c1"), Map.of()));
        // An order after the window converts nothing.
        Instant late = r.sentAt().plus(Playbook.defaults().deliverability().attributionWindow()).plusSeconds(1);
        world.clock.set(late);
        decide.handle(new Signal("shopify:order-2", "shopify", SignalType.ORDER_PLACED, late, CustomerRef.ofCustomerId("c1"), Map.of()));

        assertThat(world.responses.get(r.responseId()).orElseThrow().feedbackAt(Feedback.CONVERTED)).contains(orderAt);
        assertThat(new dev.righttime.newsroom.Timeline(world.ledger, world.responses).of("c1"))
                .filteredOn(row -> row.kind().equals("feedback"))
                .singleElement().satisfies(row -> {
                    assertThat(row.at()).isEqualTo(orderAt);
                    assertThat(row.fields()).containsEntry("event", "converted").containsEntry("responseId", r.responseId());
                });
        assertThat(world.events.outcomes()).extracting(OutcomeEvent::kind).containsExactly("sent", "converted");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) OutcomeReport.of(
                world.responses.occurredBetween(T0.minusSeconds(1), T0.plus(Duration.ofDays(1))), T0, T0).get("rows");
        assertThat(rows).singleElement().satisfies(row -> assertThat(row).containsEntry("rule", "commerce.cart_abandoned")
                .containsEntry("delay", "1-2h").containsEntry("sends", 1L).containsEntry("conversions", 1L));
    }

    /** The customer's timeline rows of one response, by kind. */
    List<Map<String, Object>> timelineRows(String responseId) {
        return new dev.righttime.newsroom.Timeline(world.ledger, world.responses).of("c1").stream()
                .filter(row -> responseId.equals(row.fields().get("responseId"))).map(dev.righttime.newsroom.Timeline.Row::fields).toList();
    }

    @Test
    void anEmailSesRefusesForGoodTriesSmsOnceAndARedeliveryFallsBackNothingTwice() {
        channel.failNext(DeliveryException.permanent("ses_InvalidParameterValue", null));
        Decision d = decide.handle(cart("cart-1", T0)).get(0);
        assertThat(d.channel()).isEqualTo(Channel.EMAIL);
        world.clock.set(d.sendAt());
        String id = DecideService.responseIds(List.of(d)).get(0);

        assertThat(send.send(id)).isEqualTo(new SendResult(SendResult.Kind.FAILED, "ses_InvalidParameterValue", null));
        // SQS delivers the same message again: FAILED is skipped and the fallback is not queued a second time.
        assertThat(send.send(id)).isEqualTo(new SendResult(SendResult.Kind.SKIPPED, "failed", null));

        assertThat(world.sms.bodies()).containsExactly(id + "-sms");
        Response next = world.responses.get(id + "-sms").orElseThrow();
        assertThat(next.channel()).isEqualTo(Channel.SMS);
        assertThat(next.detail()).isEqualTo("channel_fallback");
        assertThat(next.reasons()).contains(dev.righttime.model.Reason.CHANNEL_FALLBACK);
        assertThat(send.send(id + "-sms").kind()).isEqualTo(SendResult.Kind.SENT);
        assertThat(send.send(id + "-sms")).as("the SMS redelivered").isEqualTo(new SendResult(SendResult.Kind.SKIPPED, "sent", null));
        assertThat(channel.sent()).singleElement().satisfies(m -> {
            assertThat(m.channel()).isEqualTo(Channel.SMS);
            assertThat(m.to()).isEqualTo("+4915112345678");
        });
        assertThat(world.events.outcomes()).extracting(OutcomeEvent::kind).containsExactly("failed", "sent");
        // The timeline tells the switch and its reason on the message that went out.
        assertThat(timelineRows(id + "-sms")).anySatisfy(f -> assertThat(f).containsEntry("fallbackFrom", id)
                .containsEntry("fallbackReason", "ses_InvalidParameterValue").containsEntry("channel", "sms"));
        assertThat(timelineRows(id)).allSatisfy(f -> assertThat(f).containsEntry("status", "FAILED").doesNotContainKey("fallbackFrom"));
    }

    @Test
    void aCrashAfterTheFailureIsRecordedAndBeforeTheFallbackIsQueuedIsFinishedByTheRedelivery() {
        java.util.concurrent.atomic.AtomicBoolean crashed = new java.util.concurrent.atomic.AtomicBoolean();
        QueuedChannelFallback real = new QueuedChannelFallback(Playbook.defaults(), world.responses, profiles,
                new ChannelQueues(world.email, world.sms, world.webhook), world.clock);
        SendService crashing = new SendService(Playbook.defaults().templates(), new SendService.Ports(world.responses, world.ledger, profiles,
                SendService.Ports.senders(channel, Channel.values()), null), world.clock, new SendService.Options(
                new UnsubscribeLinks(URI.create("https://api.example.com"), null, tokens, Duration.ofDays(1), world.clock), world.events, null,
                (failed, code) -> {
                    if (crashed.compareAndSet(false, true)) {
                        throw new IllegalStateException("the process died here");
                    }
                    return real.next(failed, code);
                }));
        channel.failNext(DeliveryException.permanent("ses_MessageRejected", null));
        Decision d = decide.handle(cart("cart-1", T0)).get(0);
        world.clock.set(d.sendAt());
        String id = DecideService.responseIds(List.of(d)).get(0);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> crashing.send(id)).hasMessageContaining("died");
        assertThat(world.responses.get(id).orElseThrow().status()).isEqualTo(ResponseStatus.FAILED);
        assertThat(world.sms.bodies()).isEmpty();

        assertThat(crashing.send(id)).isEqualTo(new SendResult(SendResult.Kind.SKIPPED, "failed", null));
        assertThat(crashing.send(id)).isEqualTo(new SendResult(SendResult.Kind.SKIPPED, "failed", null));
        assertThat(world.sms.bodies()).containsExactly(id + "-sms");
        assertThat(channel.sent()).isEmpty();
    }

    /** A second cart reminder, 25 h after the first (outside the frequency cap), decided and still pending. */
    Decision secondReminderPending() {
        world.clock.set(T0.plus(Duration.ofHours(25)));
        return decide.handle(cart("cart-2", T0.plus(Duration.ofHours(25)))).get(0);
    }

    @Test
    void aHardBounceSendsTheBouncedReminderBySmsAndMovesPendingEmailToSmsAtItsTimeOnce() {
        Response first = decidedAndSent(cart("cart-1", T0));
        Decision pending = secondReminderPending();
        String pendingId = DecideService.responseIds(List.of(pending)).get(0);
        assertThat(pending.channel()).isEqualTo(Channel.EMAIL);
        String bounce = sesEvent("ev-1", "Bounce", first.responseId(),
                ",\"bounce\":{\"bounceType\":\"Permanent\",\"bounceSubType\":\"General\",\"timestamp\":\"2026-03-03T11:00:05Z\"}");

        feedback.handle(bounce);
        feedback.handle(bounce);

        assertThat(profiles.get("c1").orElseThrow().consentOrNone().email()).isFalse();
        // The bounced reminder goes by SMS now, once.
        assertThat(world.sms.bodies()).containsExactly(first.responseId() + "-sms");
        assertThat(world.responses.get(first.responseId() + "-sms").orElseThrow().sendAt()).isEqualTo(world.clock.instant());
        // The pending one is cancelled on email (detail bounced) and scheduled by SMS at its own send time.
        Response cancelled = world.responses.get(pendingId).orElseThrow();
        assertThat(cancelled.status()).isEqualTo(ResponseStatus.CANCELLED);
        assertThat(cancelled.detail()).isEqualTo("bounced");
        Response moved = world.responses.get(pendingId + "-sms").orElseThrow();
        assertThat(moved.status()).isEqualTo(ResponseStatus.SCHEDULED);
        assertThat(moved.sendAt()).isEqualTo(pending.sendAt());
        assertThat(moved.dispatchedAt()).isNotNull();
        assertThat(world.scheduler.createCalls()).filteredOn(s -> s.responseId().equals(pendingId + "-sms")).singleElement()
                .satisfies(s -> {
                    assertThat(s.at()).isEqualTo(pending.sendAt());
                    assertThat(s.channel()).isEqualTo(Channel.SMS);
                });
        assertThat(send.send(first.responseId() + "-sms").kind()).isEqualTo(SendResult.Kind.SENT);
        assertThat(timelineRows(first.responseId() + "-sms")).anySatisfy(f -> assertThat(f)
                .containsEntry("fallbackFrom", first.responseId()).containsEntry("fallbackReason", "bounced"));
        assertThat(timelineRows(pendingId + "-sms")).anySatisfy(f -> assertThat(f)
                .containsEntry("fallbackFrom", pendingId).containsEntry("fallbackReason", "bounced"));
        // A later reminder is decided on SMS straight away (email consent is off).
        world.clock.set(T0.plus(Duration.ofDays(3)));
        assertThat(decide.handle(cart("cart-3", T0.plus(Duration.ofDays(3)))).get(0).channel()).isEqualTo(Channel.SMS);
    }

    @Test
    void anUnsubscribeCancelsPendingEmailWithoutMovingItToSms() {
        Response first = decidedAndSent(cart("cart-1", T0));
        Decision pending = secondReminderPending();
        String pendingId = DecideService.responseIds(List.of(pending)).get(0);

        preferences.handle("POST", "/unsubscribe", Map.of("token", token(channel.sent().get(0))), "List-Unsubscribe=One-Click");

        assertThat(world.responses.get(pendingId).orElseThrow().status()).isEqualTo(ResponseStatus.CANCELLED);
        assertThat(world.responses.get(pendingId + "-sms")).isEmpty();
        assertThat(world.responses.get(first.responseId() + "-sms")).isEmpty();
        assertThat(world.sms.bodies()).isEmpty();
    }

    /** What SES email receiving publishes through its SNS action for a mail to the unsubscribe mailbox (AWS's documented shape). */
    static String receivedMail(String sesMessageId, String subject, String spam) {
        String notification = dev.righttime.model.Json.mapper().createObjectNode().put("notificationType", "Received")
                .<com.fasterxml.jackson.databind.node.ObjectNode>set("receipt", dev.righttime.model.Json.mapper().valueToTree(Map.of(
                        "timestamp", "2026-03-02T12:00:00.000Z", "processingTimeMillis", 222, "recipients", List.of("unsubscribe@example.com"),
                        "spamVerdict", Map.of("status", spam), "virusVerdict", Map.of("status", "PASS"),
                        "spfVerdict", Map.of("status", "PASS"), "dkimVerdict", Map.of("status", "PASS"),
                        "dmarcVerdict", Map.of("status", "PASS"),
                        "action", Map.of("type", "SNS", "topicArn", "arn:aws:sns:eu-west-1:123456789012:rt-InboundMailTopic",
                                "encoding", "UTF8"))))
                .<com.fasterxml.jackson.databind.node.ObjectNode>set("mail", dev.righttime.model.Json.mapper().valueToTree(Map.of(
                        "timestamp", "2026-03-02T12:00:00.000Z", "source", "ada@example.com", "messageId", sesMessageId,
                        "destination", List.of("unsubscribe@example.com"), "headersTruncated", false,
                        "headers", List.of(Map.of("name", "Subject", "value", subject)),
                        "commonHeaders", Map.of("returnPath", "ada@example.com", "from", List.of("Ada <ada@example.com>"),
                                "date", "Mon, 2 Mar 2026 12:00:00 +0000", "to", List.of("unsubscribe@example.com"),
                                "messageId", "<m1@mail.example.com>", "subject", subject))))
                .put("content", "From: ada@example.com\r\nTo: unsubscribe@example.com\r\nSubject: " + subject + "\r\n\r\n")
                .toString();
        return dev.righttime.model.Json.mapper().createObjectNode().put("Type", "Notification").put("MessageId", "sns-" + sesMessageId)
                .put("TopicArn", "arn:aws:sns:eu-west-1:123456789012:rt-InboundMailTopic").put("Subject", "Amazon SES Email Receipt Notification")
                .put("Message", notification).put("Timestamp", "2026-03-02T12:00:00.500Z").toString();
    }

    @Test
    void aMailToTheUnsubscribeMailtoWithItsTokenRevokesConsentOnceAndAForgedOneChangesNothing() {
        Response first = decidedAndSent(cart("cart-1", T0));
        String mailto = channel.sent().get(0).headers().get("List-Unsubscribe");
        String subject = URLDecoder.decode(mailto.substring(mailto.indexOf("subject=") + 8, mailto.lastIndexOf('>')), StandardCharsets.UTF_8);
        assertThat(subject).startsWith("unsubscribe ");
        FeedbackService withKey = new FeedbackService(world.responses, s -> {
            submitted.add(s);
            decide.handle(s);
        }, world.events, world.clock, tokens);
        String forged = new UnsubscribeTokens(List.of("an-attackers-own-key-0123"))
                .sign(new UnsubscribeTokens.Claims("c1", Channel.EMAIL, null, T0.plus(Duration.ofDays(1))));

        assertThat(FeedbackService.isFeedback(receivedMail("ses-0", subject, "PASS"))).isTrue();
        assertThat(withKey.handle(receivedMail("ses-1", "unsubscribe " + forged, "PASS")).handled()).isEqualTo("invalid_token");
        assertThat(withKey.handle(receivedMail("ses-2", "Re: hello", "PASS")).handled()).isEqualTo("ignored");
        assertThat(withKey.handle(receivedMail("ses-3", subject, "FAIL")).handled()).as("judged spam").isEqualTo("ignored");
        assertThat(feedback.handle(receivedMail("ses-4", subject, "PASS")).handled()).as("no key configured").isEqualTo("invalid_token");
        assertThat(submitted).isEmpty();
        assertThat(profiles.get("c1").orElseThrow().consentOrNone().email()).isTrue();

        assertThat(withKey.handle(receivedMail("ses-5", subject, "PASS"))).isEqualTo(new FeedbackService.Result("unsubscribed", true));
        CustomerProfile after = profiles.get("c1").orElseThrow();
        withKey.handle(receivedMail("ses-5", subject, "PASS"));   // SNS delivers it again

        assertThat(after.consentOrNone().email()).isFalse();
        assertThat(profiles.get("c1").orElseThrow()).isEqualTo(after);
        assertThat(world.responses.get(first.responseId()).orElseThrow().feedbackAt(Feedback.UNSUBSCRIBED)).isPresent();
        assertThat(world.ledger.get("righttime:unsubscribed:mail:ses-5")).hasValueSatisfying(e -> {
            assertThat(e.state()).isEqualTo(SignalLedger.State.DONE);
            assertThat(e.signal().attributes()).containsEntry("reason", "unsubscribed").containsEntry("responseId", first.responseId());
        });
        assertThat(world.events.published()).filteredOn(d -> d.signalId().equals("righttime:unsubscribed:mail:ses-5"))
                .extracting(Decision::outcome).containsExactly(Outcome.UPDATE, Outcome.DUPLICATE);
    }
}
