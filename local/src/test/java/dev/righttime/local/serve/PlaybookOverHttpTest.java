package dev.righttime.local.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.righttime.aws.DynamoDbProfileStore;
import dev.righttime.aws.Tables;
import dev.righttime.model.Channel;
import dev.righttime.model.CustomerProfile;
import dev.righttime.model.Decision;
import dev.righttime.model.Fallback;
import dev.righttime.model.Json;
import dev.righttime.model.Outcome;
import dev.righttime.model.Reason;
import dev.righttime.model.ResponseIds;
import dev.righttime.model.ResponseStatus;
import dev.righttime.send.Outbox;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The spec's default playbook table end to end through HTTP, one row per row of the table: each
 * row's signals go in signed through {@code POST /webhooks/standard}, and the effect is observed in
 * the running flow — decision records ({@code GET /decisions}), the outbox, the local scheduler,
 * {@code GET /approvals} and the response records — moving the clock past sendAt or deadline where
 * the row has a "when". One runtime for the class; each row has its own customers.
 */
class PlaybookOverHttpTest {

    static final String TOKEN = LocalFlow.ENV.get("RIGHTTIME_ADMIN_TOKEN");

    static final List<String> PROFILES = List.of(
            """
            {"customerId":"dup","consent":{"email":true},"addresses":{"email":"dup@example.com"},"preferredChannel":"email"}""",
            """
            {"customerId":"mover","timezone":"Europe/Berlin","consent":{"email":true},"addresses":{"email":"mover@example.com"}}""",
            """
            {"customerId":"revoker","timezone":"Europe/Berlin","quietHours":{"start":"23:00","end":"06:00"},"consent":{"email":true},"addresses":{"email":"revoker@example.com"},"preferredChannel":"email"}""",
            """
            {"customerId":"ticket","consent":{"email":true},"addresses":{"email":"ticket@example.com","phone":"+4915100000001"},"preferredChannel":"email"}""",
            """
            {"customerId":"leaver","consent":{"email":true,"sms":true},"addresses":{"email":"leaver@example.com","phone":"+4915100000002"},"preferredChannel":"sms"}""",
            """
            {"customerId":"fan","consent":{"social":true},"addresses":{"x":"@fan"}}""",
            """
            {"customerId":"cart","timezone":"Europe/Berlin","quietHours":{"start":"23:00","end":"06:00"},"consent":{"email":true},"addresses":{"email":"cart@example.com"},"preferredChannel":"email"}""",
            """
            {"customerId":"viewer","timezone":"America/New_York","quietHours":{"start":"23:00","end":"06:00"},"consent":{"email":false,"sms":true},"addresses":{"email":"viewer@example.com","phone":"+12125550101"},"preferredChannel":"email"}""",
            """
            {"customerId":"buyer","timezone":"Europe/Berlin","quietHours":{"start":"23:00","end":"06:00"},"consent":{"email":true},"addresses":{"email":"buyer@example.com"},"preferredChannel":"email"}""",
            """
            {"customerId":"storm1","consent":{"email":true,"sms":true},"addresses":{"email":"storm1@example.com","phone":"+4915100000003"},"segments":["flood-zone"]}""",
            """
            {"customerId":"storm2","addresses":{"email":"storm2@example.com"},"segments":["flood-zone"]}""",
            """
            {"customerId":"storm3","consent":{"sms":false},"addresses":{"phone":"+4915100000004"},"segments":["flood-zone"]}""");

    static FastClock clock;
    static LocalRuntime rt;

    @BeforeAll
    static void start() throws Exception {
        clock = new FastClock(Instant.parse("2026-03-02T10:00:00Z"), 1);
        rt = new LocalRuntime(LocalFlow.options(clock, null));
        List<CustomerProfile> profiles = new ArrayList<>();
        for (String p : PROFILES) {
            profiles.add(Json.mapper().readValue(p, CustomerProfile.class));
        }
        rt.seed(profiles);
    }

    @AfterAll
    static void stop() {
        if (rt != null) {
            rt.close();
        }
    }

    /** One row of the spec's playbook table and how to check it end to end. */
    record Row(String signal, String outcome, Play play) {
        @Override
        public String toString() {
            return signal + " -> " + outcome;
        }
    }

    @FunctionalInterface
    interface Play {
        void run() throws Exception;
    }

    static Stream<Row> table() {
        return Stream.of(
                new Row("duplicate signalId", "DUPLICATE", PlaybookOverHttpTest::duplicate),
                new Row("profile.updated", "UPDATE", PlaybookOverHttpTest::profileUpdated),
                new Row("consent.changed (revoked)", "UPDATE", PlaybookOverHttpTest::consentRevoked),
                new Row("support.ticket_opened", "SEND_NOW", PlaybookOverHttpTest::ticket),
                new Row("account.cancel_requested", "SEND_NOW", PlaybookOverHttpTest::cancelRequested),
                new Row("social.mention negative, followers >= threshold", "HOLD", PlaybookOverHttpTest::heldMention),
                new Row("social.mention negative, below threshold", "SEND_NOW", PlaybookOverHttpTest::complaint),
                new Row("social.mention positive", "SCHEDULE", PlaybookOverHttpTest::praise),
                new Row("commerce.cart_abandoned", "SCHEDULE", PlaybookOverHttpTest::cartAbandoned),
                new Row("commerce.product_viewed", "SCHEDULE", PlaybookOverHttpTest::productViewed),
                new Row("commerce.order_placed", "CANCEL", PlaybookOverHttpTest::orderPlaced),
                new Row("trend.detected", "HOLD", PlaybookOverHttpTest::trend),
                new Row("emergency.alert", "SEND_NOW", PlaybookOverHttpTest::emergency));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void playbookRow(Row row) throws Exception {
        row.play().run();
    }

    // ---- the rows ----

    static void duplicate() throws Exception {
        String body = signal("support.ticket_opened", "{\"customerId\":\"dup\"}", "{\"channel\":\"email\"}");
        String id = post("dup_1", body);
        HttpResponse<String> again = LocalFlow.post(rt, "dup_1", body, clock.instant());
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(Json.mapper().readTree(again.body()).get("status").asText()).isEqualTo("duplicate");
        Decision first = only(decisions(id, 1));
        assertThat(first.outcome()).isEqualTo(Outcome.SEND_NOW);
        LocalFlow.await(() -> sent(id).size() == 1);

        // SQS delivers at least once: the same signal reaching decide again is a DUPLICATE decision, no second send.
        Instant occurredAt = first.sendAt();
        String queued = "{\"signalId\":\"" + id + "\",\"source\":\"standard\",\"type\":\"support.ticket_opened\",\"occurredAt\":\""
                + occurredAt + "\",\"customerRef\":{\"customerId\":\"dup\"},\"attributes\":{\"channel\":\"email\"}}";
        rt.sqs().sendMessage(b -> b.queueUrl(rt.queues().get("signals").url()).messageBody(queued));
        List<Decision> both = decisions(id, 2);
        assertThat(both.get(0).outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(both.get(0).reasons()).containsExactly(Reason.DUPLICATE);
        Thread.sleep(500);
        assertThat(sent(id)).as("no second effect").hasSize(1);
    }

    static void profileUpdated() throws Exception {
        String id = post("mover_1", signal("profile.updated", "{\"email\":\"MOVER@example.com\"}", "{\"timezone\":\"Asia/Tokyo\"}"));
        Decision d = only(decisions(id, 1));
        assertThat(d.outcome()).isEqualTo(Outcome.UPDATE);
        assertThat(d.customerId()).isEqualTo("mover");
        assertThat(d.reasons()).containsExactly(Reason.PROFILE_UPDATED);
        CustomerProfile now = new DynamoDbProfileStore(rt.dynamo(), Tables.Names.withPrefix(LocalRuntime.PREFIX).profiles())
                .get("mover").orElseThrow();
        assertThat(now.timezone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
        assertThat(sentTo("mover")).isEmpty();
    }

    static void consentRevoked() throws Exception {
        cancelsAPendingCartReminder("revoker", "consent.changed", "{\"channel\":\"email\",\"granted\":false}",
                Outcome.UPDATE, Reason.CONSENT_REVOKED);
    }

    static void ticket() throws Exception {
        // Comes in by SMS from a customer who prefers email and never consented to SMS: answered now, by SMS.
        String id = post("ticket_1", signal("support.ticket_opened", "{\"customerId\":\"ticket\"}", "{\"channel\":\"sms\",\"subject\":\"Broken\"}"));
        Decision d = only(decisions(id, 1));
        assertThat(d.outcome()).isEqualTo(Outcome.SEND_NOW);
        assertThat(d.channel()).isEqualTo(Channel.SMS);
        assertThat(d.reasons()).containsExactly(Reason.CUSTOMER_INITIATED);
        Outbox.Entry e = sentOnce(id);
        assertThat(e.channel()).isEqualTo(Channel.SMS);
        assertThat(e.to()).isEqualTo("+4915100000001");
    }

    static void cancelRequested() throws Exception {
        String id = post("leaver_1", signal("account.cancel_requested", "{\"customerId\":\"leaver\"}", "{\"channel\":\"email\"}"));
        Decision d = only(decisions(id, 1));
        assertThat(d.outcome()).isEqualTo(Outcome.SEND_NOW);
        assertThat(d.reasons()).containsExactly(Reason.CUSTOMER_INITIATED, Reason.RETENTION_OFFER);
        Outbox.Entry e = sentOnce(id);
        assertThat(e.channel()).as("the preferred consented channel").isEqualTo(Channel.SMS);
        assertThat(e.to()).isEqualTo("+4915100000002");
    }

    static void heldMention() throws Exception {
        Decision d = heldUntilTheDeadline("loud_1", "{\"type\":\"social.mention\",\"occurredAt\":\"%s\",\"customerRef\":{\"x\":\"@loud\"},"
                + "\"attributes\":{\"sentiment\":\"negative\",\"followers\":10000,\"text\":\"never again\"}}", Duration.ofMinutes(5),
                Fallback.HOLDING_REPLY);
        // Nobody acted: the holding reply went out at the deadline.
        Outbox.Entry e = sentOnce(d.signalId());
        assertThat(e.responseId()).isEqualTo(ResponseIds.of(d));
        assertThat(e.channel()).isEqualTo(Channel.SOCIAL);
        assertThat(e.text()).isNotBlank();
        assertThat(approvalIds()).doesNotContain(ResponseIds.of(d));
    }

    static void complaint() throws Exception {
        String id = post("stranger_1", "{\"type\":\"social.mention\",\"occurredAt\":\"" + clock.instant() + "\",\"customerRef\":{\"x\":\"@stranger\"},"
                + "\"attributes\":{\"sentiment\":\"negative\",\"followers\":9999,\"text\":\"meh\"}}");
        Decision d = only(decisions(id, 1));
        assertThat(d.outcome()).isEqualTo(Outcome.SEND_NOW);
        assertThat(d.customerId()).as("unknown customers are answered too").isNull();
        assertThat(d.reasons()).containsExactly(Reason.PUBLIC_COMPLAINT);
        assertThat(sentOnce(id).channel()).isEqualTo(Channel.SOCIAL);
    }

    static void praise() throws Exception {
        Instant at = clock.instant();
        String id = post("fan_1", "{\"type\":\"social.mention\",\"occurredAt\":\"" + at + "\",\"customerRef\":{\"x\":\"@fan\"},"
                + "\"attributes\":{\"sentiment\":\"positive\",\"followers\":50000,\"text\":\"love it\"}}");
        Decision d = only(decisions(id, 1));
        assertThat(d.outcome()).isEqualTo(Outcome.SCHEDULE);
        assertThat(d.reasons()).containsExactly(Reason.ENGAGEMENT_SLOT);
        assertThat(d.sendAt()).isAfter(at);
        assertThat(d.sendAt().atZone(ZoneId.of("UTC")).getMinute()).isZero();
        assertThat(d.sendAt().atZone(ZoneId.of("UTC")).getHour()).isIn(9, 13, 17);
        scheduledThenSent(d, Channel.SOCIAL, "@fan");
    }

    static void cartAbandoned() throws Exception {
        marketingReminder("cart_1", "commerce.cart_abandoned", "{\"email\":\"cart@example.com\"}", Duration.ofHours(1),
                Channel.EMAIL, "cart@example.com");
    }

    static void productViewed() throws Exception {
        // Prefers email without consenting to it: the first consented channel, sms.
        marketingReminder("viewer_1", "commerce.product_viewed", "{\"customerId\":\"viewer\"}", Duration.ofHours(4),
                Channel.SMS, "+12125550101");
    }

    /**
     * Posts {@code bodyFormat} (its %s: occurredAt = now) and checks the HOLD: on social, the deadline
     * {@code window} later, the fallback, listed by GET /approvals; then moves the clock past the deadline.
     */
    static Decision heldUntilTheDeadline(String deliveryId, String bodyFormat, Duration window, Fallback fallback) throws Exception {
        Instant at = clock.instant();
        Decision d = only(decisions(post(deliveryId, bodyFormat.formatted(at)), 1));
        assertThat(d.outcome()).isEqualTo(Outcome.HOLD);
        assertThat(d.channel()).isEqualTo(Channel.SOCIAL);
        assertThat(d.deadline()).isEqualTo(at.plus(window));
        assertThat(d.fallback()).isEqualTo(fallback);
        assertThat(d.reasons()).contains(Reason.NEEDS_APPROVAL);
        assertThat(approvalIds()).contains(ResponseIds.of(d));
        assertThat(sent(d.signalId())).isEmpty();
        advancePast(d.deadline());
        return d;
    }

    /** A marketing reminder is scheduled at least {@code delay} later, then sent on {@code channel}. */
    static void marketingReminder(String deliveryId, String type, String customerRef, Duration delay, Channel channel, String to)
            throws Exception {
        Instant at = clock.instant();
        Decision d = only(decisions(post(deliveryId, signal(type, customerRef, "{}")), 1));
        assertThat(d.outcome()).isEqualTo(Outcome.SCHEDULE);
        assertThat(d.sendAt()).isAfterOrEqualTo(at.plus(delay));
        assertThat(d.reasons()).contains(Reason.MARKETING_DELAY);
        scheduledThenSent(d, channel, to);
    }

    static void orderPlaced() throws Exception {
        cancelsAPendingCartReminder("buyer", "commerce.order_placed", "{\"orderId\":\"o-1\"}", Outcome.CANCEL, Reason.ORDER_PLACED);
    }

    static void trend() throws Exception {
        Decision d = heldUntilTheDeadline("trend_1", "{\"type\":\"trend.detected\",\"occurredAt\":\"%s\",\"attributes\":{\"topic\":\"outage\"}}",
                Duration.ofMinutes(15), Fallback.DROP);
        // Nobody acted: the brand post was dropped at the deadline.
        String responseId = ResponseIds.of(d);
        LocalFlow.await(() -> status(responseId) == ResponseStatus.CANCELLED);
        assertNothingSentFor(responseId, d.signalId());
        assertThat(approvalIds()).doesNotContain(responseId);
    }

    static void emergency() throws Exception {
        String id = post("storm_1", "{\"type\":\"emergency.alert\",\"occurredAt\":\"" + clock.instant() + "\","
                + "\"attributes\":{\"segment\":\"flood-zone\",\"severity\":\"high\"}}");
        // storm1: email and sms; storm2: email (no consent recorded); storm3: sms refused explicitly, no email.
        List<Decision> fanOut = decisions(id, 3);
        assertThat(fanOut).allSatisfy(d -> {
            assertThat(d.outcome()).isEqualTo(Outcome.SEND_NOW);
            assertThat(d.reasons()).contains(Reason.EMERGENCY);
        });
        assertThat(fanOut).extracting(d -> d.customerId() + "/" + d.channel().wire())
                .containsExactlyInAnyOrder("storm1/email", "storm1/sms", "storm2/email");
        LocalFlow.await(() -> sent(id).size() == 3);
        assertThat(sent(id)).extracting(e -> e.customerId() + "/" + e.channel().wire() + "/" + e.to())
                .containsExactlyInAnyOrder("storm1/email/storm1@example.com", "storm1/sms/+4915100000003", "storm2/email/storm2@example.com");
        Thread.sleep(300);
        assertThat(sent(id)).as("one per member and channel, once").hasSize(3);
    }

    // ---- helpers ----

    /**
     * The customer's cart reminder is pending in the scheduler; then {@code type} cancels it (decision
     * {@code outcome} with {@code cancels = [the cart signal]}), and past its sendAt nothing goes out.
     */
    static void cancelsAPendingCartReminder(String customer, String type, String attributes, Outcome outcome, Reason reason)
            throws Exception {
        String ref = "{\"customerId\":\"" + customer + "\"}";
        String cart = post(customer + "_cart", signal("commerce.cart_abandoned", ref, "{}"));
        Decision reminder = only(decisions(cart, 1));
        assertThat(reminder.outcome()).isEqualTo(Outcome.SCHEDULE);
        String reminderId = ResponseIds.of(reminder);
        LocalFlow.await(() -> scheduled(reminderId));

        String cancelling = post(customer + "_" + type.replace('.', '_'), signal(type, ref, attributes));
        Decision d = only(decisions(cancelling, 1));
        assertThat(d.outcome()).isEqualTo(outcome);
        assertThat(d.cancels()).containsExactly(cart);
        assertThat(d.reasons()).containsExactly(reason);
        assertThat(status(reminderId)).isEqualTo(ResponseStatus.CANCELLED);

        advancePast(reminder.sendAt());
        assertNothingSentFor(reminderId, cart);
        assertThat(sentTo(customer)).isEmpty();
    }

    /** A canonical signal occurring now (by the runtime's clock). */
    static String signal(String type, String customerRef, String attributes) {
        return "{\"type\":\"" + type + "\",\"occurredAt\":\"" + clock.instant() + "\",\"customerRef\":" + customerRef
                + ",\"attributes\":" + attributes + "}";
    }

    /** Posts a signed signal, expects 202, returns its signalId. */
    static String post(String deliveryId, String body) throws Exception {
        HttpResponse<String> r = LocalFlow.post(rt, deliveryId, body, clock.instant());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        String signalId = Json.mapper().readTree(r.body()).get("signalId").asText();
        assertThat(signalId).isEqualTo("standard:" + deliveryId);
        return signalId;
    }

    /** Waits for {@code count} decision records of the signal on {@code GET /decisions} (newest first) and returns them. */
    static List<Decision> decisions(String signalId, int count) throws Exception {
        AtomicReference<List<Decision>> found = new AtomicReference<>(List.of());
        LocalFlow.await(() -> {
            try {
                HttpResponse<String> r = LocalFlow.get(rt, "/decisions?limit=200", TOKEN);
                JsonNode all = Json.mapper().readTree(r.body()).get("decisions");
                List<Decision> mine = new ArrayList<>();
                for (JsonNode n : all) {
                    if (signalId.equals(n.get("signalId").asText())) {
                        mine.add(Json.mapper().treeToValue(n, Decision.class));
                    }
                }
                found.set(mine);
                return mine.size() >= count;
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(found.get()).hasSize(count);
        return found.get();
    }

    static Decision only(List<Decision> decisions) {
        assertThat(decisions).hasSize(1);
        return decisions.get(0);
    }

    static List<Outbox.Entry> sent(String signalId) {
        return rt.outbox().entries().stream().filter(e -> signalId.equals(e.signalId())).toList();
    }

    static List<Outbox.Entry> sentTo(String customerId) {
        return rt.outbox().entries().stream().filter(e -> customerId.equals(e.customerId())).toList();
    }

    static Outbox.Entry sentOnce(String signalId) throws Exception {
        LocalFlow.await(() -> !sent(signalId).isEmpty());
        Thread.sleep(200);
        assertThat(sent(signalId)).as("sent once").hasSize(1);
        LocalFlow.awaitStatus(rt, sent(signalId).get(0).responseId(), ResponseStatus.SENT);
        return sent(signalId).get(0);
    }

    /** A SCHEDULE decision: pending in the local scheduler, nothing sent; past sendAt, sent once on its channel. */
    static void scheduledThenSent(Decision d, Channel channel, String to) throws Exception {
        String responseId = ResponseIds.of(d);
        assertThat(d.channel()).isEqualTo(channel);
        LocalFlow.await(() -> scheduled(responseId));
        assertThat(status(responseId)).isEqualTo(ResponseStatus.SCHEDULED);
        assertThat(sent(d.signalId())).isEmpty();
        advancePast(d.sendAt());
        Outbox.Entry e = sentOnce(d.signalId());
        assertThat(e.responseId()).isEqualTo(responseId);
        assertThat(e.channel()).isEqualTo(channel);
        assertThat(e.to()).isEqualTo(to);
        assertThat(e.sentAt()).isAfterOrEqualTo(d.sendAt());
        assertThat(scheduled(responseId)).as("the schedule is gone").isFalse();
    }

    /** Past the time (schedule gone, fired or deleted) and still nothing went out for the response. */
    static void assertNothingSentFor(String responseId, String signalId) throws Exception {
        LocalFlow.await(() -> !scheduled(responseId));
        Thread.sleep(500);
        assertThat(sent(signalId)).isEmpty();
        assertThat(status(responseId)).isEqualTo(ResponseStatus.CANCELLED);
    }

    /** Moves the clock past {@code t} rounded up to the minute (the scheduler's precision). */
    static void advancePast(Instant t) {
        Duration gap = Duration.between(clock.instant(), t.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1)));
        if (!gap.isNegative()) {
            clock.advance(gap.plusSeconds(1));
        }
    }

    /** Whether the local scheduler holds a schedule for the response. */
    static boolean scheduled(String responseId) {
        return rt.dynamo().scan(b -> b.tableName(LocalRuntime.PREFIX + "schedules").consistentRead(true)
                        .filterExpression("responseId = :r").expressionAttributeValues(Map.of(":r", AttributeValue.fromS(responseId))))
                .count() > 0;
    }

    static ResponseStatus status(String responseId) {
        return rt.responses().get(responseId).orElseThrow(() -> new AssertionError("no response " + responseId)).status();
    }

    static List<String> approvalIds() throws Exception {
        List<String> ids = new ArrayList<>();
        Json.mapper().readTree(LocalFlow.get(rt, "/approvals", TOKEN).body()).get("approvals")
                .forEach(a -> ids.add(a.get("responseId").asText()));
        return ids;
    }
}
