package dev.righttime.newsroom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.righttime.flow.ChannelQueues;
import dev.righttime.model.Card;
import dev.righttime.model.Channel;
import dev.righttime.model.Decision;
import dev.righttime.model.Fallback;
import dev.righttime.model.Json;
import dev.righttime.model.Outcome;
import dev.righttime.model.Reason;
import dev.righttime.model.Response;
import dev.righttime.model.Signal;
import dev.righttime.model.SignalType;
import dev.righttime.port.SignalLedger;
import dev.righttime.testing.InMemoryResponseStore;
import dev.righttime.testing.InMemorySignalLedger;
import dev.righttime.testing.MutableClock;
import dev.righttime.testing.RecordingQueue;
import dev.righttime.testing.RecordingScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The newsroom's routes on in-memory stores: cards, approve/reject/assign, conflicts, decoded ids, the feed. */
class NewsroomApiTest {

    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    static final String PROPOSED = "Thanks for reaching out. We're looking into this and will get back to you shortly.";

    InMemoryResponseStore responses = new InMemoryResponseStore();
    InMemorySignalLedger ledger = new InMemorySignalLedger();
    RecordingQueue webhook = new RecordingQueue();
    MutableClock clock = new MutableClock(T0.plusSeconds(60));
    List<Decision> feed = new java.util.ArrayList<>();
    dev.righttime.testing.InMemoryAutonomyStore autonomy = new dev.righttime.testing.InMemoryAutonomyStore();
    NewsroomApi api;
    Response held;

    @BeforeEach
    void fresh() {
        Approvals approvals = new Approvals(responses, new RecordingScheduler(),
                new ChannelQueues(new RecordingQueue(), new RecordingQueue(), webhook), clock);
        api = new NewsroomApi(approvals, new Timeline(ledger, responses), responses, new Approver("t0ken"), clock,
                new NewsroomApi.Extras(limit -> feed.stream().limit(limit).toList(), null, null,
                        new AutonomySettings(autonomy, dev.righttime.policy.Playbook.defaults(), responses, clock)));
        held = decide("x:1", "c1", Outcome.HOLD, T0, List.of(Reason.HIGH_REACH, Reason.NEEDS_APPROVAL));
    }

    Response decide(String signalId, String customerId, Outcome outcome, Instant at, List<Reason> reasons) {
        Signal s = new Signal(signalId, "x", SignalType.SOCIAL_MENTION, at, null, Map.of("sentiment", "negative"));
        Decision d = new Decision(signalId, customerId, outcome, Channel.SOCIAL, outcome == Outcome.HOLD ? null : at,
                outcome == Outcome.HOLD ? at.plus(Duration.ofMinutes(5)) : null,
                outcome == Outcome.HOLD ? Fallback.HOLDING_REPLY : null, List.of(), reasons);
        Card card = new Card(new Card.Author("Lou", "@loud", 250_000L, true, "https://x.com/loud/status/1"),
                "you lost my order", null, "complaint", 0.9, null, PROPOSED, PROPOSED, Map.of("timezone", "Europe/Berlin"));
        Response r = Response.of(d, s, at).withCard(card);
        responses.create(r);
        ledger.begin(new SignalLedger.Entry(s, customerId, List.of(d), SignalLedger.State.DONE, at));
        return r;
    }

    NewsroomApi.Answer call(String method, String path, String body, String who) {
        Map<String, String> claims = who == null ? null : Map.of("email", who);
        return api.handle(new NewsroomApi.Request(method, path, Map.of(), Map.of(), body, claims));
    }

    static JsonNode json(NewsroomApi.Answer a) throws Exception {
        return Json.mapper().readTree(a.body());
    }

    @Test
    void aCardCarriesWhoWhatTheTriageTheProposedReplyTimeLeftAndLastInteractions() throws Exception {
        decide("x:0", "c1", Outcome.SEND_NOW, T0.minus(Duration.ofDays(2)), List.of(Reason.PUBLIC_COMPLAINT));

        JsonNode card = json(call("GET", "/approvals", null, "ed@brand.example")).path("approvals").get(0);

        assertThat(card.path("responseId").asText()).isEqualTo(held.responseId());
        assertThat(card.path("card").path("author").path("handle").asText()).isEqualTo("@loud");
        assertThat(card.path("card").path("author").path("followers").asLong()).isEqualTo(250_000L);
        assertThat(card.path("card").path("author").path("verified").asBoolean()).isTrue();
        assertThat(card.path("card").path("author").path("url").asText()).isEqualTo("https://x.com/loud/status/1");
        assertThat(card.path("card").path("text").asText()).isEqualTo("you lost my order");
        assertThat(card.path("card").path("proposedText").asText()).isEqualTo(PROPOSED);
        assertThat(card.path("triage").asText()).isEqualTo("complaint");
        assertThat(card.path("timeLeftMs").asLong()).isEqualTo(Duration.ofMinutes(4).toMillis());
        assertThat(card.path("lastInteractions").findValuesAsText("signalType")).containsExactly("social.mention");
    }

    @Test
    void approvingUntouchedSendsTheProposedReplyAndAnEditReplacesIt() throws Exception {
        JsonNode approved = json(call("POST", "/approvals/" + held.responseId() + "/approve", "", "ed@brand.example"));
        assertThat(approved.path("editedText").asText()).isEqualTo(PROPOSED);
        assertThat(webhook.bodies()).containsExactly(held.responseId());

        Response other = decide("x:2", "c2", Outcome.HOLD, T0, List.of(Reason.NEEDS_APPROVAL));
        JsonNode edited = json(call("POST", "/approvals/" + other.responseId() + "/approve", "{\"text\":\"We're on it, Lou.\"}",
                "ed@brand.example"));
        assertThat(edited.path("editedText").asText()).isEqualTo("We're on it, Lou.");
    }

    @Test
    void aConcurrentApproverWhoLosesGets409AndTheWinnerMayRetry() throws Exception {
        assertThat(call("POST", "/approvals/" + held.responseId() + "/approve", null, "first@brand.example").status()).isEqualTo(200);

        NewsroomApi.Answer loser = call("POST", "/approvals/" + held.responseId() + "/approve", null, "second@brand.example");
        assertThat(loser.status()).isEqualTo(409);
        assertThat(json(loser).path("message").asText()).contains("APPROVED", "first@brand.example");
        assertThat(call("POST", "/approvals/" + held.responseId() + "/reject", null, "second@brand.example").status()).isEqualTo(409);
        assertThat(call("POST", "/approvals/" + held.responseId() + "/approve", null, "first@brand.example").status()).isEqualTo(200);
    }

    @Test
    void rejectKeepsTheReasonAndHandOffIsRecordedUntilDecided() throws Exception {
        Response other = decide("x:2", "c2", Outcome.HOLD, T0, List.of(Reason.NEEDS_APPROVAL));
        JsonNode assigned = json(call("POST", "/approvals/" + other.responseId() + "/assign", "{\"to\":\"lee@brand.example\"}",
                "ed@brand.example"));
        assertThat(assigned.path("assignment").path("to").asText()).isEqualTo("lee@brand.example");
        assertThat(assigned.path("assignment").path("by").asText()).isEqualTo("ed@brand.example");
        assertThat(call("POST", "/approvals/" + other.responseId() + "/assign", "{}", "ed@brand.example").status()).isEqualTo(400);

        JsonNode rejected = json(call("POST", "/approvals/" + held.responseId() + "/reject", "{\"reason\":\"legal must answer\"}",
                "ed@brand.example"));
        assertThat(rejected.path("status").asText()).isEqualTo("CANCELLED");
        assertThat(rejected.path("rejectReason").asText()).isEqualTo("legal must answer");
        assertThat(call("POST", "/approvals/" + held.responseId() + "/assign", "{\"to\":\"lee\"}", "ed@brand.example").status())
                .isEqualTo(409);
        assertThat(call("POST", "/approvals/" + held.responseId() + "/reject", "[1]", "ed@brand.example").status()).isEqualTo(400);
    }

    @Test
    void idsInPathsArePercentDecoded() throws Exception {
        JsonNode timeline = json(call("GET", "/customers/c%31/timeline", null, "ed@brand.example"));
        assertThat(timeline.path("customerId").asText()).isEqualTo("c1");
        assertThat(timeline.path("events").findValuesAsText("kind")).contains("signal", "decision");

        String encoded = held.responseId().replace("-", "%2D");
        assertThat(call("POST", "/approvals/" + encoded + "/approve", null, "ed@brand.example").status()).isEqualTo(200);
        assertThat(call("GET", "/customers/%zz/timeline", null, "ed@brand.example").status()).isEqualTo(400);
    }

    @Test
    void theTimelineExplainsEachDecisionWithTheFactsItUsed() throws Exception {
        JsonNode decision = json(call("GET", "/customers/c1/timeline", null, "ed@brand.example")).path("events").findParents("explanation").get(0);

        assertThat(decision.path("facts").path("timezone").asText()).isEqualTo("Europe/Berlin");
        assertThat(decision.path("explanation").toString()).contains("the author has a large audience",
                "a person approves the reply before it goes out");
    }

    @Test
    void theExportHoldsEverythingAboutTheCustomer() throws Exception {
        JsonNode export = json(call("GET", "/customers/c1/export", null, "ed@brand.example"));

        assertThat(export.path("customerId").asText()).isEqualTo("c1");
        assertThat(export.path("responses").findValuesAsText("responseId")).containsExactly(held.responseId());
        assertThat(export.path("events").size()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void theDecisionsFeedComesFromTheStoreAndNeedsAnApprover() throws Exception {
        feed.add(new Decision("x:9", "c9", Outcome.SEND_NOW, Channel.SOCIAL, T0, null, null, List.of(), List.of(Reason.PUBLIC_COMPLAINT)));

        assertThat(json(call("GET", "/decisions", null, "ed@brand.example")).path("decisions").findValuesAsText("signalId"))
                .containsExactly("x:9");
        assertThat(call("GET", "/decisions", null, null).status()).isEqualTo(401);
        Map<String, String> bad = new HashMap<>(Map.of("limit", "lots"));
        assertThat(api.handle(new NewsroomApi.Request("GET", "/decisions", bad, Map.of(), null, Map.of("sub", "x"))).status())
                .isEqualTo(400);
    }

    @Test
    void covenantsAreVersionedWithWhoAndWhenAndAStaleEditIsAConflict() throws Exception {
        JsonNode defaults = json(call("GET", "/settings/autonomy", null, "ed@brand.example"));
        assertThat(defaults.path("version").asInt()).isZero();
        assertThat(defaults.path("changedBy").asText()).isEqualTo("playbook");
        com.fasterxml.jackson.databind.node.ArrayNode rules = (com.fasterxml.jackson.databind.node.ArrayNode) defaults.path("covenants");
        JsonNode large = rules.findParents("reach").stream()
                .filter(r -> r.path("triage").asText().equals("complaint") && r.path("reach").asText().equals("large")).findFirst().orElseThrow();
        // The held complaint of the fixture is counted under the rule that governs it (250,000 followers: large).
        assertThat(large.path("evidence").path("held").asInt()).isEqualTo(1);
        ((com.fasterxml.jackson.databind.node.ObjectNode) large).put("autonomy", "auto");
        String body = "{\"version\":0,\"covenants\":" + rules + "}";

        JsonNode saved = json(call("PUT", "/settings/autonomy", body, "lee@brand.example"));

        assertThat(saved.path("version").asInt()).isEqualTo(1);
        assertThat(saved.path("changedBy").asText()).isEqualTo("lee@brand.example");
        assertThat(saved.path("changedAt").asText()).isEqualTo(clock.instant().toString());
        assertThat(saved.path("history").findValuesAsText("changedBy")).containsExactly("lee@brand.example");
        assertThat(autonomy.current().orElseThrow().find("social.mention", "complaint", "large").orElseThrow().autonomy())
                .isEqualTo(dev.righttime.policy.Covenants.Autonomy.AUTO);
        NewsroomApi.Answer stale = call("PUT", "/settings/autonomy", body, "ed@brand.example");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(json(stale).path("message").asText()).contains("version 1 by lee@brand.example");
        assertThat(call("PUT", "/settings/autonomy", "{\"version\":1,\"covenants\":[{\"signalType\":\"social.mention\",\"triage\":\"complaint\","
                + "\"reach\":\"large\",\"autonomy\":\"ask\"}]}", "ed@brand.example").status()).isEqualTo(400);
        assertThat(call("PUT", "/settings/autonomy", "nope", "ed@brand.example").status()).isEqualTo(400);
        assertThat(call("DELETE", "/settings/autonomy", null, "ed@brand.example").status()).isEqualTo(405);
    }
}
