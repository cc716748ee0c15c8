package dev.righttime.policy;

import dev.righttime.model.Channel;
import dev.righttime.model.CustomerRef;
import dev.righttime.model.Decision;
import dev.righttime.model.Fallback;
import dev.righttime.model.Outcome;
import dev.righttime.model.Reason;
import dev.righttime.model.Signal;
import dev.righttime.model.SignalType;
import dev.righttime.time.EngagementSlots;
import dev.righttime.time.SendTime;
import dev.righttime.triage.MentionTriage;
import dev.righttime.triage.Triage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The playbook for {@code social.mention} and {@code trend.detected} (issue 15), kept apart from
 * {@link DecisionEngine} so the social rules read in one place:
 * <ol>
 *   <li>no loops: the brand's own posts, retweets and quotes of the brand's replies are suppressed;</li>
 *   <li>an explicit sentiment decides as it always did: negative is a public complaint, neutral and
 *       positive wait for an engagement slot;</li>
 *   <li>otherwise the triage of the text decides (the signal's own {@code triage} attribute when the
 *       decide step or the source set one, else the engine's built-in triage): a complaint or a
 *       question is answered now below the reach threshold and held for a human above it; praise
 *       and other chatter wait for an engagement slot. The triage is one of the reasons;</li>
 *   <li>no pile-ons: an author who already got an automatic public reply in this conversation
 *       within the playbook's window gets a human (HOLD, fallback drop) instead of a second one.</li>
 * </ol>
 */
final class MentionPolicy {

    /** Attributes a source may set on a mention (XMapper does): a retweet, a quote of the brand's reply. */
    static final String RETWEET = "retweet";
    static final String QUOTES_BRAND_REPLY = "quotesBrandReply";
    static final String OWN_POST = "ownPost";
    /** The conversation a mention belongs to (X {@code conversation_id}); absent: the author's whole window. */
    static final String CONVERSATION = "conversationId";

    private final Playbook playbook;
    private final EngagementSlots slots;
    private final MentionTriage triage;

    MentionPolicy(Playbook playbook, MentionTriage triage) {
        this.playbook = playbook;
        this.slots = playbook.engagementSlots();
        this.triage = Objects.requireNonNull(triage, "triage");
    }

    Decision mention(Signal signal, Subject subject, History history) {
        String customerId = subject.customerId();
        Reason ignored = ignored(signal);
        if (ignored != null) {
            return bare(signal, customerId, Outcome.SUPPRESS, ignored);
        }
        boolean highReach = signal.longAttribute("followers", 0L) >= playbook.approval().reachThreshold();
        String sentiment = sentiment(signal);
        if ("negative".equals(sentiment)) {
            return answer(signal, subject, history, highReach, List.of(Reason.PUBLIC_COMPLAINT));
        }
        if (!"unknown".equals(sentiment)) {
            return slot(signal, subject, List.of(Reason.ENGAGEMENT_SLOT));
        }
        Triage t = triageOf(signal);
        List<Reason> why = new ArrayList<>(3);
        if (t.kind().needsAnswer()) {
            why.add(Reason.CUSTOMER_INITIATED);
            why.add(t.kind().reason());
            return answer(signal, subject, history, highReach, why);
        }
        if (t.note() != null && t.note().startsWith("language:")) {
            why.add(Reason.UNSUPPORTED_LANGUAGE);
        }
        if (highReach && "no_text".equals(t.note())) {
            // Nothing to read and a large audience: a human looks, as before triage existed.
            return hold(signal, customerId, playbook.approval().mention().fallback(), Reason.HIGH_REACH, Reason.NEEDS_APPROVAL, t.kind().reason());
        }
        why.add(0, Reason.ENGAGEMENT_SLOT);
        why.add(t.kind().reason());
        return slot(signal, subject, why);
    }

    /** The signal with its triage among its attributes, when it is a mention without a sentiment or triage. */
    Signal withTriage(Signal signal) {
        return MentionTriage.needsTriage(signal) ? triageOf(signal).onto(signal) : signal;
    }

    /** The triage the signal carries, else the built-in one from its text. */
    Triage triageOf(Signal signal) {
        return Triage.of(signal).orElseGet(() -> {
            String text = signal.stringAttribute("text");
            return text == null || text.isBlank() ? new Triage(Triage.Kind.OTHER, 0.5, "no_text") : triage.classify(text);
        });
    }

    /** Customer-initiated: now, or a human above the reach threshold or after an earlier automatic reply. */
    private Decision answer(Signal signal, Subject subject, History history, boolean highReach, List<Reason> why) {
        String customerId = subject.customerId();
        if (highReach) {
            List<Reason> reasons = new ArrayList<>(List.of(Reason.HIGH_REACH, Reason.NEEDS_APPROVAL));
            // An explicit negative keeps its record as before triage (high_reach, needs_approval).
            reasons.addAll(why.stream().filter(r -> r != Reason.CUSTOMER_INITIATED && r != Reason.PUBLIC_COMPLAINT).toList());
            return hold(signal, customerId, playbook.approval().mention().fallback(), reasons.toArray(Reason[]::new));
        }
        if (alreadyAnswered(signal, history)) {
            // A second automatic reply is how pile-ons and bot loops start: a human decides, and
            // nobody acting means no reply (fallback drop), never the holding reply again.
            List<Reason> reasons = new ArrayList<>(List.of(Reason.ALREADY_ANSWERED, Reason.NEEDS_APPROVAL));
            reasons.addAll(why.stream().filter(r -> r != Reason.CUSTOMER_INITIATED).toList());
            return hold(signal, customerId, Fallback.DROP, reasons.toArray(Reason[]::new));
        }
        return new Decision(signal.signalId(), customerId, Outcome.SEND_NOW, Channel.SOCIAL, signal.occurredAt(), null, null,
                List.of(), why);
    }

    private Decision slot(Signal signal, Subject subject, List<Reason> why) {
        // Engagement, not a complaint: a customer who said no to social gets none.
        if (subject.isKnown() && subject.profile().consentOrNone().explicitlyRefused(Channel.SOCIAL)) {
            List<Reason> reasons = new ArrayList<>(List.of(Reason.NO_CONSENT));
            reasons.addAll(why.stream().filter(r -> r != Reason.ENGAGEMENT_SLOT).toList());
            return bare(signal, subject.customerId(), Outcome.SUPPRESS, reasons.toArray(Reason[]::new));
        }
        return new Decision(signal.signalId(), subject.customerId(), Outcome.SCHEDULE, Channel.SOCIAL,
                SendTime.roundUpToMinute(slots.nextAfter(signal.occurredAt())), null, null, List.of(), why);
    }

    /** Automatic public replies (sent now, or held with a holding reply) to this author and conversation within the window. */
    private boolean alreadyAnswered(Signal signal, History history) {
        String author = authorKey(signal);
        if (author == null) {
            return false;
        }
        Instant since = signal.occurredAt().minus(playbook.social().replyWindow());
        for (PastMessage m : history.repliesTo(author)) {
            if (m.cancelled() || m.channel() != Channel.SOCIAL || m.signalId().equals(signal.signalId())) {
                continue;
            }
            Instant at = m.sendAt() != null ? m.sendAt() : m.deadline();
            if (at != null && !at.isBefore(since) && !at.isAfter(signal.occurredAt().plus(playbook.social().replyWindow()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Who a mention is from, for the one-reply-per-window rule: the X handle (case-insensitive),
     * else the email, phone or customer id, plus the conversation when the source names one.
     */
    static String authorKey(Signal signal) {
        if (signal.type() != SignalType.SOCIAL_MENTION) {
            return null;
        }
        CustomerRef ref = signal.customerRef();
        String who = ref.x() != null ? "x:" + ref.x().replaceFirst("^@", "").toLowerCase(Locale.ROOT)
                : ref.email() != null ? "email:" + ref.email().toLowerCase(Locale.ROOT)
                : ref.phone() != null ? "phone:" + ref.phone()
                : ref.customerId() != null ? "customer:" + ref.customerId() : null;
        if (who == null) {
            return null;
        }
        String conversation = signal.stringAttribute(CONVERSATION);
        return conversation == null || conversation.isBlank() ? who : who + "#" + conversation;
    }

    /** A message from the brand itself or an echo of its reply: answering it would start a loop. */
    private Reason ignored(Signal signal) {
        if (truthy(signal.attribute(OWN_POST)) || isBrandHandle(signal.customerRef().x())) {
            return Reason.OWN_POST;
        }
        if (truthy(signal.attribute(RETWEET))) {
            return Reason.RETWEET;
        }
        String text = signal.stringAttribute("text");
        if (text != null && text.stripLeading().regionMatches(true, 0, "RT @", 0, 4)) {
            return Reason.RETWEET;
        }
        if (truthy(signal.attribute(QUOTES_BRAND_REPLY))) {
            return Reason.QUOTE_OF_REPLY;
        }
        return null;
    }

    private boolean isBrandHandle(String handle) {
        if (handle == null) {
            return false;
        }
        String h = handle.replaceFirst("^@", "");
        return playbook.social().brandHandles().stream().anyMatch(b -> b.replaceFirst("^@", "").equalsIgnoreCase(h));
    }

    private static boolean truthy(Object v) {
        return v instanceof Boolean b ? b : v != null && "true".equalsIgnoreCase(v.toString().trim());
    }

    /**
     * {@code trend.detected}: below the playbook's volume or velocity threshold it is suppressed
     * ({@code below_threshold}); a trend that names neither figure is held, as before.
     */
    Decision trend(Signal signal) {
        Playbook.TrendThresholds t = playbook.social().trend();
        double volume = signal.doubleAttribute("volume", Double.NaN);
        double velocity = signal.doubleAttribute("velocity", Double.NaN);
        boolean belowVolume = !Double.isNaN(volume) && volume < t.minVolume();
        boolean belowVelocity = !Double.isNaN(velocity) && velocity < t.minVelocity();
        if (belowVolume || belowVelocity) {
            return bare(signal, null, Outcome.SUPPRESS, Reason.TREND, Reason.BELOW_THRESHOLD);
        }
        Playbook.Hold rule = playbook.approval().trend();
        return hold(signal, null, rule.fallback(), rule, Reason.TREND, Reason.NEEDS_APPROVAL);
    }

    static String sentiment(Signal signal) {
        String s = signal.stringAttribute("sentiment");
        if (s == null) {
            return "unknown";
        }
        s = s.trim().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "negative", "neutral", "positive" -> s;
            default -> "unknown";
        };
    }

    private Decision hold(Signal signal, String customerId, Fallback fallback, Reason... reasons) {
        return hold(signal, customerId, fallback, playbook.approval().mention(), reasons);
    }

    private static Decision hold(Signal signal, String customerId, Fallback fallback, Playbook.Hold rule, Reason... reasons) {
        return new Decision(signal.signalId(), customerId, Outcome.HOLD, Channel.SOCIAL, null,
                signal.occurredAt().plus(rule.deadline()), fallback, List.of(), List.of(reasons));
    }

    private static Decision bare(Signal signal, String customerId, Outcome outcome, Reason... reasons) {
        return new Decision(signal.signalId(), customerId, outcome, null, null, null, null, List.of(), List.of(reasons));
    }
}
