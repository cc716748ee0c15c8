package dev.righttime.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.righttime.model.Channel;
import dev.righttime.model.Decision;
import dev.righttime.model.Fallback;
import dev.righttime.model.Json;
import dev.righttime.model.Outcome;
import dev.righttime.model.Reason;
import dev.righttime.model.Signal;
import dev.righttime.model.SignalType;
import dev.righttime.policy.Covenants.Autonomy;
import dev.righttime.policy.Covenants.Rule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The covenants: the playbook's defaults change nothing the engine decides; edited ones ask, release or silence. */
class CovenantsTest {

    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    static final Playbook PLAYBOOK = Playbook.defaults();
    static final DecisionEngine ENGINE = new DecisionEngine(PLAYBOOK);

    static Signal mention(String sentiment, long followers) {
        return new Signal("x:" + sentiment + followers, "x", SignalType.SOCIAL_MENTION, T0, null,
                Map.of("sentiment", sentiment, "followers", followers));
    }

    static List<Decision> engine(Signal s) {
        return ENGINE.decide(s, Subject.unknown(null), new InMemoryHistory(), T0);
    }

    static String triage(Signal s) {
        return dev.righttime.flow.Facts.triage(s, List.of());
    }

    @Test
    void theDefaultsReproduceTheEngine() {
        Covenants defaults = Covenants.defaults(PLAYBOOK);
        for (String sentiment : List.of("negative", "positive", "neutral", "unknown")) {
            for (long followers : List.of(10L, 5_000L, 10_000L, 250_000L)) {
                Signal s = mention(sentiment, followers);
                assertThat(defaults.apply(engine(s), s, triage(s), PLAYBOOK.approval().reachThreshold()))
                        .as(sentiment + " " + followers).isEqualTo(engine(s));
            }
        }
        Signal trend = new Signal("t:1", "trends", SignalType.TREND_DETECTED, T0, null, Map.of("topic", "#x"));
        assertThat(defaults.apply(engine(trend), trend, null, 10_000)).isEqualTo(engine(trend));
    }

    static Covenants with(Rule rule) {
        List<Rule> rules = new ArrayList<>(Covenants.defaults(PLAYBOOK).rules().stream()
                .filter(r -> !(r.signalType().equals(rule.signalType()) && r.triage().equals(rule.triage()) && r.reach().equals(rule.reach())))
                .toList());
        rules.add(rule);
        return new Covenants(1, "ed@brand.example", T0, rules);
    }

    @Test
    void askHoldsAnAnswerWithItsOwnDeadlineAndFallback() {
        Signal s = mention("negative", 5_000);
        Covenants c = with(new Rule("social.mention", "complaint", "medium", Autonomy.ASK, Duration.ofMinutes(2), Fallback.DROP));

        Decision d = c.apply(engine(s), s, "complaint", 10_000).get(0);

        assertThat(d.outcome()).isEqualTo(Outcome.HOLD);
        assertThat(d.deadline()).isEqualTo(T0.plus(Duration.ofMinutes(2)));
        assertThat(d.fallback()).isEqualTo(Fallback.DROP);
        assertThat(d.reasons()).contains(Reason.PUBLIC_COMPLAINT, Reason.NEEDS_APPROVAL, Reason.COVENANT_ASK);
    }

    @Test
    void autoReleasesAHeldAnswerAndNeverSilencesIt() {
        Signal s = mention("negative", 250_000);
        Decision released = with(new Rule("social.mention", "complaint", "large", Autonomy.AUTO, null, null))
                .apply(engine(s), s, "complaint", 10_000).get(0);
        assertThat(released.outcome()).isEqualTo(Outcome.SEND_NOW);
        assertThat(released.channel()).isEqualTo(Channel.SOCIAL);
        assertThat(released.reasons()).contains(Reason.COVENANT_AUTO).doesNotContain(Reason.NEEDS_APPROVAL);

        Decision silenced = with(new Rule("social.mention", "complaint", "large", Autonomy.NEVER, null, null))
                .apply(engine(s), s, "complaint", 10_000).get(0);
        assertThat(silenced.outcome()).isEqualTo(Outcome.SUPPRESS);
        assertThat(silenced.reasons()).contains(Reason.COVENANT_NEVER);
    }

    @Test
    void theMostSpecificRuleWins() {
        Covenants c = new Covenants(1, "ed", T0, List.of(
                new Rule("social.mention", "any", "any", Autonomy.NEVER, null, null),
                new Rule("social.mention", "praise", "any", Autonomy.AUTO, null, null),
                new Rule("social.mention", "praise", "large", Autonomy.ASK, Duration.ofMinutes(5), Fallback.DROP)));
        assertThat(c.find("social.mention", "praise", "large").orElseThrow().autonomy()).isEqualTo(Autonomy.ASK);
        assertThat(c.find("social.mention", "praise", "small").orElseThrow().autonomy()).isEqualTo(Autonomy.AUTO);
        assertThat(c.find("social.mention", "complaint", "small").orElseThrow().autonomy()).isEqualTo(Autonomy.NEVER);
        assertThat(Covenants.band(999, 10_000)).isEqualTo("small");
        assertThat(Covenants.band(1_000, 10_000)).isEqualTo("medium");
        assertThat(Covenants.band(10_000, 10_000)).isEqualTo("large");
    }

    @Test
    void badCovenantsAreRefusedWithAReason() {
        assertThatThrownBy(() -> new Rule("social.mention", "complaint", "large", Autonomy.ASK, null, Fallback.DROP))
                .hasMessageContaining("deadline");
        assertThatThrownBy(() -> new Rule("social.mention", "angry", "large", Autonomy.AUTO, null, null)).hasMessageContaining("triage");
        assertThatThrownBy(() -> new Rule("commerce.cart_abandoned", "any", "any", Autonomy.AUTO, null, null))
                .hasMessageContaining("govern");
        Rule r = new Rule("social.mention", "praise", "any", Autonomy.AUTO, null, null);
        assertThatThrownBy(() -> new Covenants(1, "ed", T0, List.of(r, r))).hasMessageContaining("two covenants");
    }

    @Test
    void theyRoundTripThroughJson() throws Exception {
        Covenants c = with(new Rule("social.mention", "complaint", "medium", Autonomy.ASK, Duration.ofSeconds(90), Fallback.HOLDING_REPLY));
        String json = Json.mapper().writeValueAsString(c);
        assertThat(json).contains("\"deadline\":\"PT1M30S\"", "\"autonomy\":\"ask\"");
        assertThat(Json.mapper().readValue(json, Covenants.class)).isEqualTo(c);
    }
}
