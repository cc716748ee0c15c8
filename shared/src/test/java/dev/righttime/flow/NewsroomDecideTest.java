package dev.righttime.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.righttime.model.Addresses;
import dev.righttime.model.Card;
import dev.righttime.model.Consent;
import dev.righttime.model.CustomerProfile;
import dev.righttime.model.CustomerRef;
import dev.righttime.model.Decision;
import dev.righttime.model.Outcome;
import dev.righttime.model.Response;
import dev.righttime.model.Signal;
import dev.righttime.model.SignalType;
import dev.righttime.newsroom.ApprovalNotice;
import dev.righttime.policy.Playbook;
import dev.righttime.port.ApprovalNotifier;
import dev.righttime.testing.DecideFixture;
import dev.righttime.testing.DynamoDbLocal;
import dev.righttime.testing.RecordingQueue;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What decide leaves for the newsroom: the card on the response record (on DynamoDB Local, so it
 * survives the store), deadlines within 15 minutes as SQS delays to the second, and one notice to
 * the approvers per held response.
 */
class NewsroomDecideTest {

    static final Instant T0 = Instant.parse("2026-03-02T10:00:00.400Z");
    static final AtomicInteger RUN = new AtomicInteger();
    static final DynamoDbLocal dynamo = DynamoDbLocal.shared();

    DecideFixture world;
    dev.righttime.testing.InMemoryAutonomyStore autonomy = new dev.righttime.testing.InMemoryAutonomyStore();
    List<Response> notified = new ArrayList<>();
    DecideService service;

    @BeforeEach
    void fresh() {
        world = new DecideFixture(dynamo, "cards" + RUN.incrementAndGet() + "-", T0);
        DecideService.Ports p = world.ports();
        ShortDelays delays = new ShortDelays(world.scheduler, new ChannelQueues(world.email, world.sms, world.webhook), world.clock);
        ApprovalNotifier approvers = notified::add;
        service = new DecideService(Playbook.defaults(),
                new DecideService.Ports(p.customers(), p.ledger(), p.responses(), delays, p.queues(), p.events(), approvers, autonomy),
                world.clock);
    }

    static Signal mention(String id, Map<String, Object> extra) {
        Map<String, Object> a = new LinkedHashMap<>(Map.of("sentiment", "negative", "followers", 250_000,
                "text", "Your app lost my order. Third time this month.", "url", "https://x.com/loud/status/1",
                "verified", true, "authorName", "Lou Dee"));
        a.putAll(extra);
        return new Signal(id, "x", SignalType.SOCIAL_MENTION, T0, new CustomerRef("c1", null, null, "@loud"), a);
    }

    @Test
    void aHeldComplaintKeepsWhoWhatTheTriageTheProposedReplyAndTheFactsUsed() {
        world.customers.save(new CustomerProfile("c1", ZoneId.of("Europe/Berlin"), null, new Consent(true, null, true),
                new Addresses("c1@example.com", null, "@loud"), List.of("vip"), null, Map.of("firstName", "Ada")));

        List<Decision> decisions = service.handle(mention("x:1", Map.of()));

        assertThat(decisions).extracting(Decision::outcome).containsExactly(Outcome.HOLD);
        Response held = world.responses.get(DecideService.responseIds(decisions).get(0)).orElseThrow();
        Card card = held.card();
        assertThat(card.author()).isEqualTo(new Card.Author("Lou Dee", "@loud", 250_000L, true, "https://x.com/loud/status/1"));
        assertThat(card.text()).isEqualTo("Your app lost my order. Third time this month.");
        assertThat(card.triage()).isEqualTo("complaint");
        // A complaint is never proposed the praise template ("Thanks for the mention").
        assertThat(card.proposedText()).isNotBlank().doesNotContain("Thanks for the mention");
        assertThat(card.fallbackText()).isEqualTo(Playbook.defaults().templates()
                .find("holding_reply", dev.righttime.triage.Triage.Kind.COMPLAINT, dev.righttime.model.Channel.SOCIAL).orElseThrow().text());
        assertThat(card.facts()).containsEntry("timezone", "Europe/Berlin").containsEntry("firstName", "Ada")
                .containsEntry("segments", List.of("vip")).containsEntry("consent", Map.of("email", true, "social", true));
    }

    @Test
    void aTriageTemplateInThePlaybookIsTheProposedReply() {
        Cards cards = new Cards(Playbook.defaults().templates());
        // The playbook's triage templates (social.mention.complaint) are the proposed replies.
        assertThat(cards.templateKey(SignalType.SOCIAL_MENTION, "complaint")).isEqualTo("social.mention.complaint");
        // A playbook without one proposes the holding reply to a complaint, never the praise text.
        dev.righttime.policy.Templates bare = dev.righttime.model.Json.mapper().convertValue(Map.of(
                "holding_reply", Map.of("any", Map.of("subject", "s", "text", "We are on it.")),
                "social.mention", Map.of("any", Map.of("subject", "s", "text", "Thanks for the mention!"))),
                dev.righttime.policy.Templates.class);
        assertThat(new Cards(bare).templateKey(SignalType.SOCIAL_MENTION, "complaint")).isEqualTo("holding_reply");
        assertThat(cards.templateKey(SignalType.SOCIAL_MENTION, "praise")).isEqualTo("social.mention");
        assertThat(cards.templateKey(SignalType.TREND_DETECTED, null)).isEqualTo("trend.detected");
        assertThat(Facts.triage(mention("x:t", Map.of("triage", "question")), List.of())).isEqualTo("question");
    }

    @Test
    void aTrendCardShowsItsTopicAndTheProposedBrandPost() {
        Signal trend = new Signal("trends:1", "trends", SignalType.TREND_DETECTED, T0, null, Map.of("topic", "#outage"));

        Response held = world.responses.get(DecideService.responseIds(service.handle(trend)).get(0)).orElseThrow();

        assertThat(held.card().topic()).isEqualTo("#outage");
        assertThat(held.card().proposedText()).contains("#outage");
    }

    @Test
    void aDeadlineWithinFifteenMinutesIsAnSqsDelayToTheSecondNotASchedule() {
        List<Decision> decisions = service.handle(mention("x:2", Map.of()));
        String id = DecideService.responseIds(decisions).get(0);
        Instant deadline = decisions.get(0).deadline();

        assertThat(world.scheduler.createCalls()).isEmpty();
        assertThat(world.webhook.delayed()).containsExactly(new RecordingQueue.Delayed(id, Duration.between(T0, deadline)));
        assertThat(deadline).as("not rounded to the minute").isEqualTo(T0.plus(Duration.ofMinutes(5)));
    }

    @Test
    void aSendTimeBeyondFifteenMinutesStillGetsASchedule() {
        world.customers.save(new CustomerProfile("c2", null, null, new Consent(true, null, null),
                new Addresses("c2@example.com", null, null), null, dev.righttime.model.Channel.EMAIL, null));
        Signal viewed = new Signal("shop:v1", "shopify", SignalType.PRODUCT_VIEWED, T0, CustomerRef.ofCustomerId("c2"), Map.of());

        List<Decision> decisions = service.handle(viewed);

        assertThat(decisions).extracting(Decision::outcome).contains(Outcome.SCHEDULE);
        assertThat(world.scheduler.createCalls()).hasSize(1);
        assertThat(world.email.delayed()).isEmpty();
    }

    @Test
    void approversAreToldOnceWithADeepLink() {
        Signal s = mention("x:3", Map.of());
        service.handle(s);
        service.handle(s);

        assertThat(notified).hasSize(1);
        ApprovalNotice n = ApprovalNotice.of(notified.get(0), "https://news.example/");
        assertThat(n.link()).isEqualTo("https://news.example/#approval/" + notified.get(0).responseId());
        assertThat(n.text()).contains("social.mention (complaint)", "@loud", "250,000 followers", "verified", n.link())
                .doesNotContain("lost my order");
    }

    @Test
    void aSavedCovenantAppliesToTheNextSignal() {
        List<Decision> before = service.handle(mention("x:4", Map.of()));
        assertThat(before).extracting(Decision::outcome).containsExactly(Outcome.HOLD);

        List<dev.righttime.policy.Covenants.Rule> rules = new ArrayList<>(dev.righttime.policy.Covenants.defaults(Playbook.defaults()).rules()
                .stream().filter(r -> !(r.triage().equals("complaint") && r.reach().equals("large"))).toList());
        rules.add(new dev.righttime.policy.Covenants.Rule("social.mention", "complaint", "large",
                dev.righttime.policy.Covenants.Autonomy.AUTO, null, null));
        autonomy.save(new dev.righttime.policy.Covenants(1, "ed@brand.example", T0, rules));

        List<Decision> after = service.handle(mention("x:5", Map.of()));

        assertThat(after).extracting(Decision::outcome).containsExactly(Outcome.SEND_NOW);
        assertThat(after.get(0).reasons()).contains(dev.righttime.model.Reason.COVENANT_AUTO);
        Response sent = world.responses.get(DecideService.responseIds(after).get(0)).orElseThrow();
        assertThat(sent.card().proposedText()).as("what goes out: the complaint's reply, not praise")
                .isNotBlank().doesNotContain("Thanks for the mention");
        assertThat(world.webhook.bodies()).containsExactly(sent.responseId());
        assertThat(notified).hasSize(1);
    }
}
