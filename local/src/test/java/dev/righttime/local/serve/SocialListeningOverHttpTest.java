package dev.righttime.local.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.righttime.model.Channel;
import dev.righttime.model.Decision;
import dev.righttime.model.Fallback;
import dev.righttime.model.Json;
import dev.righttime.model.Outcome;
import dev.righttime.model.Reason;
import dev.righttime.model.ResponseIds;
import dev.righttime.model.ResponseStatus;
import dev.righttime.send.Outbox;
import dev.righttime.webhook.XScheme;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 end to end: signed X Account Activity deliveries with no sentiment go through
 * {@code POST /webhooks/x}, are triaged by the built-in triage in decide, and the reply lands in
 * the outbox with the template of its triage; retweets and the brand's own posts get nothing, and a
 * second complaint from someone already answered waits for a human instead of a second reply.
 */
class SocialListeningOverHttpTest {

    static final String BRAND_ID = "2244994945";
    static final String X_SECRET = "x-consumer-secret-for-tests";
    static FastClock clock;
    static LocalRuntime rt;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> env = new HashMap<>(LocalFlow.ENV);
        env.put("RIGHTTIME_SECRET_X", X_SECRET);
        clock = new FastClock(Instant.parse("2026-03-02T22:10:00Z"), 1);
        rt = new LocalRuntime(LocalFlow.options(clock, null).withEnv(env::get));
        rt.seed(List.of());
    }

    @AfterAll
    static void stop() {
        if (rt != null) {
            rt.close();
        }
    }

    @Test
    void aSarcasticComplaintFromASmallAccountIsAnsweredNowWithTheComplaintReply() throws Exception {
        String id = postTweet("1767000000000000101", "6253282", "mia", 120, "@brand thanks for the 3 hour delay 🙄");

        Decision d = decision(id);
        assertThat(d.outcome()).isEqualTo(Outcome.SEND_NOW);
        assertThat(d.reasons()).containsExactly(Reason.CUSTOMER_INITIATED, Reason.COMPLAINT);
        Outbox.Entry reply = sentOnce(id);
        assertThat(reply.channel()).isEqualTo(Channel.SOCIAL);
        assertThat(reply.to()).isEqualTo("@mia");
        assertThat(reply.text()).startsWith("We're sorry about this").contains("DM").doesNotContain("Thanks for the mention");

        // Mia again, an hour later: a human decides, and nobody acting means no second public reply.
        clock.advance(Duration.ofHours(1));
        String again = postTweet("1767000000000000102", "6253282", "mia", 120, "@brand still no answer about my bag, worst");
        Decision held = decision(again);
        assertThat(held.outcome()).isEqualTo(Outcome.HOLD);
        assertThat(held.fallback()).isEqualTo(Fallback.DROP);
        assertThat(held.reasons()).containsExactly(Reason.ALREADY_ANSWERED, Reason.NEEDS_APPROVAL, Reason.COMPLAINT);
        advancePast(held.deadline());
        LocalFlow.awaitStatus(rt, ResponseIds.of(held), ResponseStatus.CANCELLED);
        assertThat(sent(again)).isEmpty();
    }

    @Test
    void praiseWaitsForTheNextEngagementSlotAndGetsThePraiseReply() throws Exception {
        Instant at = clock.instant();
        String id = postTweet("1767000000000000201", "7000001", "fan", 300, "@brand love the crew, best airline #happy");

        Decision d = decision(id);
        assertThat(d.outcome()).isEqualTo(Outcome.SCHEDULE);
        assertThat(d.reasons()).containsExactly(Reason.ENGAGEMENT_SLOT, Reason.PRAISE);
        assertThat(d.sendAt()).isAfter(at);
        advancePast(d.sendAt());
        assertThat(sentOnce(id).text()).startsWith("Thanks for the mention");
    }

    @Test
    void aRetweetIsSuppressedAndTheBrandsOwnPostIsIgnored() throws Exception {
        String retweet = """
                {"for_user_id":"%s","tweet_create_events":[{"id_str":"1767000000000000301","timestamp_ms":"%d",
                 "text":"RT @brand: we're sorry about the delay","user":{"id_str":"7000002","screen_name":"echo","followers_count":5},
                 "retweeted_status":{"id_str":"1767000000000000300","user":{"id_str":"%s","screen_name":"brand"}}}]}"""
                .formatted(BRAND_ID, clock.instant().toEpochMilli(), BRAND_ID);
        HttpResponse<String> r = postX(retweet);
        assertThat(r.statusCode()).isEqualTo(202);
        Decision d = decision(Json.mapper().readTree(r.body()).get("signalId").asText());
        assertThat(d.outcome()).isEqualTo(Outcome.SUPPRESS);
        assertThat(d.reasons()).containsExactly(Reason.RETWEET);

        String own = """
                {"for_user_id":"%s","tweet_create_events":[{"id_str":"1767000000000000302","timestamp_ms":"%d",
                 "text":"@mia so sorry, please DM us","user":{"id_str":"%s","screen_name":"brand","followers_count":90000}}]}"""
                .formatted(BRAND_ID, clock.instant().toEpochMilli(), BRAND_ID);
        HttpResponse<String> ignored = postX(own);
        assertThat(ignored.statusCode()).isEqualTo(200);
        assertThat(ignored.body()).isEqualTo("{\"status\":\"ignored\"}");
    }

    // ---- helpers ----

    static String postTweet(String tweetId, String userId, String handle, int followers, String text) throws Exception {
        String body = """
                {"for_user_id":"%s","tweet_create_events":[{"id_str":"%s","timestamp_ms":"%d","text":%s,
                 "user":{"id_str":"%s","screen_name":"%s","followers_count":%d}}]}"""
                .formatted(BRAND_ID, tweetId, clock.instant().toEpochMilli(), Json.mapper().writeValueAsString(text), userId, handle, followers);
        HttpResponse<String> r = postX(body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        String signalId = Json.mapper().readTree(r.body()).get("signalId").asText();
        assertThat(signalId).isEqualTo("x:" + tweetId);
        return signalId;
    }

    static HttpResponse<String> postX(String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return LocalFlow.HTTP.send(HttpRequest.newBuilder(URI.create(rt.baseUrl() + "/webhooks/x"))
                .header("content-type", "application/json")
                .header(XScheme.SIGNATURE, XScheme.sign(X_SECRET, bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static Decision decision(String signalId) throws Exception {
        AtomicReference<Decision> found = new AtomicReference<>();
        LocalFlow.await(() -> {
            try {
                JsonNode all = Json.mapper().readTree(LocalFlow.get(rt, "/decisions?limit=200", LocalFlow.ENV.get("RIGHTTIME_ADMIN_TOKEN")).body())
                        .get("decisions");
                List<Decision> mine = new ArrayList<>();
                for (JsonNode n : all) {
                    if (signalId.equals(n.get("signalId").asText())) {
                        mine.add(Json.mapper().treeToValue(n, Decision.class));
                    }
                }
                if (mine.size() == 1) {
                    found.set(mine.get(0));
                }
                return mine.size() == 1;
            } catch (Exception e) {
                return false;
            }
        });
        return found.get();
    }

    static List<Outbox.Entry> sent(String signalId) {
        return rt.outbox().entries().stream().filter(e -> signalId.equals(e.signalId())).toList();
    }

    static Outbox.Entry sentOnce(String signalId) throws Exception {
        LocalFlow.await(() -> !sent(signalId).isEmpty());
        LocalFlow.awaitStatus(rt, sent(signalId).get(0).responseId(), ResponseStatus.SENT);
        assertThat(sent(signalId)).as("sent once").hasSize(1);
        return sent(signalId).get(0);
    }

    static void advancePast(Instant t) {
        Duration gap = Duration.between(clock.instant(), t.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1)));
        if (!gap.isNegative()) {
            clock.advance(gap.plusSeconds(1));
        }
    }
}
