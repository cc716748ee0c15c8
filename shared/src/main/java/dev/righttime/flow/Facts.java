package dev.righttime.flow;

import dev.righttime.model.Channel;
import dev.righttime.model.CustomerProfile;
import dev.righttime.model.Reason;
import dev.righttime.model.Signal;
import dev.righttime.model.SignalType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the newsroom reads off a signal and a profile without rendering anything (so the newsroom
 * function needs no template engine): the triage as a word, and the profile facts a decision used.
 */
public final class Facts {

    private static final Set<String> TRIAGES = Set.of("complaint", "question", "praise", "other");

    private Facts() {
    }

    /**
     * The triage as a word: the signal's {@code triage} attribute (set by the triage step), else a
     * reason naming one, else for a mention its sentiment (negative: complaint, positive: praise).
     */
    public static String triage(Signal signal, List<Reason> reasons) {
        String given = signal.stringAttribute("triage");
        if (given != null && TRIAGES.contains(given.trim().toLowerCase(Locale.ROOT))) {
            return given.trim().toLowerCase(Locale.ROOT);
        }
        return triageOf(reasons).orElseGet(() -> {
            if (signal.type() != SignalType.SOCIAL_MENTION) {
                return null;
            }
            String sentiment = signal.stringAttribute("sentiment");
            return "negative".equalsIgnoreCase(sentiment) ? "complaint"
                    : "positive".equalsIgnoreCase(sentiment) ? "praise" : null;
        });
    }

    /** A triage named by the reasons (complaint/question/praise/other, or public_complaint). */
    public static Optional<String> triageOf(List<Reason> reasons) {
        for (Reason r : reasons) {
            if (TRIAGES.contains(r.wire())) {
                return Optional.of(r.wire());
            }
        }
        return reasons.contains(Reason.PUBLIC_COMPLAINT) ? Optional.of("complaint") : Optional.empty();
    }

    /** The profile facts decisions read: timezone, quiet hours, consent, segments, preferred channel, first name. */
    public static Map<String, Object> of(CustomerProfile p) {
        Map<String, Object> f = new LinkedHashMap<>();
        if (p == null) {
            return f;
        }
        f.put("customerId", p.customerId());
        if (p.timezone() != null) {
            f.put("timezone", p.timezone().getId());
        }
        if (p.quietHours() != null) {
            f.put("quietHours", p.quietHours().start() + "-" + p.quietHours().end());
        }
        Map<String, Object> consent = new LinkedHashMap<>();
        for (dev.righttime.model.Channel c : List.of(Channel.EMAIL, Channel.SMS,
                Channel.SOCIAL)) {
            Boolean v = p.consentOrNone().of(c);
            if (v != null) {
                consent.put(c.wire(), v);
            }
        }
        if (!consent.isEmpty()) {
            f.put("consent", consent);
        }
        if (!p.segmentsOrNone().isEmpty()) {
            f.put("segments", List.copyOf(p.segmentsOrNone()));
        }
        if (p.preferredChannel() != null) {
            f.put("preferredChannel", p.preferredChannel().wire());
        }
        Object first = p.attributesOrNone().get("firstName");
        if (first != null) {
            f.put("firstName", first.toString());
        }
        return f;
    }
}
