package dev.righttime.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.righttime.model.Channel;
import dev.righttime.model.Decision;
import dev.righttime.model.Fallback;
import dev.righttime.model.Outcome;
import dev.righttime.model.Reason;
import dev.righttime.model.Signal;
import dev.righttime.model.SignalType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The sandbox covenants: how much autonomy public answers get, per signal type × triage × reach
 * band: {@code auto} (send without a person), {@code ask} (hold for a human, with a deadline and a
 * fallback) or {@code never} (do not answer). Versioned: who changed them and when. The playbook
 * gives the defaults ({@link #defaults}), which reproduce the engine's own choices, so a brand that
 * never edits them sees no change. Pure: no I/O, applied by decide after the engine.
 *
 * <p>Reach bands, from the playbook's reach threshold T: {@code small} under T/10 followers,
 * {@code medium} under T, {@code large} at or above T. A rule's triage or reach may be {@code any}.
 */
public record Covenants(int version, String changedBy, Instant changedAt, List<Rule> rules) {

    public static final String ANY = "any";
    public static final Set<String> TRIAGES = Set.of("complaint", "question", "praise", "other", ANY);
    public static final List<String> BANDS = List.of("small", "medium", "large");
    static final Set<SignalType> GOVERNED = Set.of(SignalType.SOCIAL_MENTION, SignalType.TREND_DETECTED);

    public enum Autonomy {
        AUTO, ASK, NEVER;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Autonomy fromWire(String wire) {
            try {
                return valueOf(wire.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("autonomy must be auto, ask or never");
            }
        }
    }

    /** One covenant. {@code deadline} and {@code fallback} matter for {@code ask} only. */
    public record Rule(String signalType, String triage, String reach, Autonomy autonomy,
                       @com.fasterxml.jackson.annotation.JsonFormat(shape = com.fasterxml.jackson.annotation.JsonFormat.Shape.STRING)
                       Duration deadline, Fallback fallback) {

        public Rule {
            require(signalType != null, "signalType is required");
            SignalType type = SignalType.fromWire(signalType);
            require(GOVERNED.contains(type), "covenants govern social.mention and trend.detected only");
            triage = triage == null ? ANY : triage.trim().toLowerCase(Locale.ROOT);
            reach = reach == null ? ANY : reach.trim().toLowerCase(Locale.ROOT);
            require(TRIAGES.contains(triage), "triage must be complaint, question, praise, other or any");
            require(reach.equals(ANY) || BANDS.contains(reach), "reach must be small, medium, large or any");
            require(autonomy != null, "autonomy is required (auto, ask or never)");
            if (autonomy == Autonomy.ASK) {
                require(deadline != null && !deadline.isNegative() && deadline.compareTo(Duration.ofHours(24)) <= 0,
                        "an ask covenant needs a deadline between PT0S and PT24H");
                require(fallback != null, "an ask covenant needs a fallback (holding_reply or drop)");
            }
        }

        String key() {
            return signalType + "|" + triage + "|" + reach;
        }
    }

    public Covenants {
        rules = List.copyOf(Objects.requireNonNull(rules, "rules"));
        Set<String> keys = new HashSet<>();
        for (Rule r : rules) {
            require(keys.add(r.key()), "two covenants for " + r.signalType() + " / " + r.triage() + " / " + r.reach());
        }
    }

    /** The playbook's covenants (version 0): what the engine does by itself, written down. */
    public static Covenants defaults(Playbook p) {
        Playbook.Hold mention = p.approval().mention();
        Playbook.Hold trend = p.approval().trend();
        List<Rule> rules = new ArrayList<>();
        String m = SignalType.SOCIAL_MENTION.wire();
        for (String triage : List.of("complaint", "question")) {
            rules.add(new Rule(m, triage, "small", Autonomy.AUTO, null, null));
            rules.add(new Rule(m, triage, "medium", Autonomy.AUTO, null, null));
            rules.add(new Rule(m, triage, "large", Autonomy.ASK, mention.deadline(), mention.fallback()));
        }
        rules.add(new Rule(m, "praise", ANY, Autonomy.AUTO, null, null));
        rules.add(new Rule(m, "other", "small", Autonomy.AUTO, null, null));
        rules.add(new Rule(m, "other", "medium", Autonomy.AUTO, null, null));
        rules.add(new Rule(SignalType.TREND_DETECTED.wire(), ANY, ANY, Autonomy.ASK, trend.deadline(), trend.fallback()));
        return new Covenants(0, "playbook", null, rules);
    }

    public static String band(long followers, long threshold) {
        return followers >= threshold ? "large" : followers * 10 >= threshold ? "medium" : "small";
    }

    /** The covenant for a signal: the most specific rule (exact triage and reach first, then any). */
    public Optional<Rule> find(String signalType, String triage, String reach) {
        String t = triage == null ? "other" : triage;
        for (String[] k : new String[][] {{t, reach}, {t, ANY}, {ANY, reach}, {ANY, ANY}}) {
            for (Rule r : rules) {
                if (r.signalType().equals(signalType) && r.triage().equals(k[0]) && r.reach().equals(k[1])) {
                    return Optional.of(r);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The decisions with the covenant applied, for a mention or trend that the engine answered or
     * held (others pass unchanged): {@code ask} holds it (with the covenant's deadline and fallback),
     * {@code auto} sends a held one now, {@code never} suppresses it. A changed outcome says so in
     * its reasons (covenant_ask / covenant_auto / covenant_never).
     */
    public List<Decision> apply(List<Decision> decisions, Signal signal, String triage, long reachThreshold) {
        if (!GOVERNED.contains(signal.type())) {
            return decisions;
        }
        String reach = band(signal.longAttribute("followers", 0L), reachThreshold);
        Optional<Rule> rule = find(signal.type().wire(), signal.type() == SignalType.TREND_DETECTED ? ANY : triage, reach);
        if (rule.isEmpty()) {
            return decisions;
        }
        List<Decision> out = new ArrayList<>(decisions.size());
        for (Decision d : decisions) {
            out.add(apply(d, signal, rule.get()));
        }
        return out;
    }

    private static Decision apply(Decision d, Signal signal, Rule rule) {
        boolean answer = d.outcome() == Outcome.SEND_NOW || d.outcome() == Outcome.SCHEDULE || d.outcome() == Outcome.HOLD;
        if (!answer) {
            return d;
        }
        Channel channel = d.channel() == null ? Channel.SOCIAL : d.channel();
        return switch (rule.autonomy()) {
            case ASK -> new Decision(d.signalId(), d.customerId(), Outcome.HOLD, channel, null,
                    signal.occurredAt().plus(rule.deadline()), rule.fallback(), d.cancels(),
                    d.outcome() == Outcome.HOLD ? d.reasons() : with(d.reasons(), Reason.NEEDS_APPROVAL, Reason.COVENANT_ASK));
            // Only a hold for reach (or a trend) is autonomy's to release; a hold for another reason
            // (the author was already answered automatically) stays.
            case AUTO -> d.outcome() != Outcome.HOLD || !(d.reasons().contains(Reason.HIGH_REACH) || d.reasons().contains(Reason.TREND)) ? d
                    : new Decision(d.signalId(), d.customerId(), Outcome.SEND_NOW, channel, signal.occurredAt(), null, null,
                            d.cancels(), with(without(d.reasons(), Reason.NEEDS_APPROVAL), Reason.COVENANT_AUTO));
            case NEVER -> new Decision(d.signalId(), d.customerId(), Outcome.SUPPRESS, null, null, null, null, d.cancels(),
                    with(without(d.reasons(), Reason.NEEDS_APPROVAL), Reason.COVENANT_NEVER));
        };
    }

    private static List<Reason> with(List<Reason> reasons, Reason... more) {
        List<Reason> out = new ArrayList<>(reasons);
        for (Reason r : more) {
            if (!out.contains(r)) {
                out.add(r);
            }
        }
        return out;
    }

    private static List<Reason> without(List<Reason> reasons, Reason gone) {
        return reasons.stream().filter(r -> r != gone).toList();
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
