package dev.righttime.policy;

import dev.righttime.model.Channel;
import dev.righttime.model.Consent;
import dev.righttime.model.CustomerProfile;
import dev.righttime.model.CustomerRef;
import dev.righttime.model.Decision;
import dev.righttime.model.Fallback;
import dev.righttime.model.Outcome;
import dev.righttime.model.Reason;
import dev.righttime.model.Signal;
import dev.righttime.model.SignalType;
import dev.righttime.time.QuietHours;
import dev.righttime.time.SendTime;
import dev.righttime.triage.LexiconTriage;
import dev.righttime.triage.MentionTriage;
import dev.righttime.triage.Triage;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The playbook as code: {@code (signal, subject, history, now, playbook) -> decisions}. Pure: no
 * I/O, no clock of its own, no AWS. One signal yields one decision, except emergency fan-out.
 */
public final class DecisionEngine {

    private final Playbook playbook;
    private final MentionPolicy mentions;

    /** The engine with the built-in offline triage for mentions that carry no triage yet. */
    public DecisionEngine(Playbook playbook) {
        this(playbook, LexiconTriage.shared());
    }

    public DecisionEngine(Playbook playbook, MentionTriage triage) {
        this.playbook = Objects.requireNonNull(playbook, "playbook");
        this.mentions = new MentionPolicy(playbook, triage);
    }

    public Playbook playbook() {
        return playbook;
    }

    /**
     * Decides one signal. {@code now} is the decision time: messages due after it are pending
     * (cancellable, counted by the cap); before it they count as sent.
     */
    public List<Decision> decide(Signal signal, Subject subject, History history, Instant now) {
        if (history.seen(signal.signalId())) {
            return List.of(bare(signal, subject.customerId(), Outcome.DUPLICATE, Reason.DUPLICATE));
        }
        return switch (signal.type()) {
            case PROFILE_UPDATED -> List.of(profileUpdated(signal, subject));
            case CONSENT_CHANGED -> List.of(consentChanged(signal, subject, history, now));
            case TICKET_OPENED -> List.of(late(pauseMarketing(ticketOpened(signal, subject), signal, history, now), signal, now));
            case CANCEL_REQUESTED -> List.of(late(pauseMarketing(cancelRequested(signal, subject, history, now), signal, history, now), signal, now));
            case SOCIAL_MENTION -> {
                // Triaged once here, so the mention rules and the complaint hook read the same triage.
                Signal triaged = mentions.withTriage(signal);
                yield List.of(pauseMarketing(mentions.mention(triaged, subject, history), triaged, history, now));
            }
            case CART_ABANDONED -> List.of(fresh(signal, now)
                    ? marketing(signal, subject, history, playbook.marketing().cartAbandonedDelay()) : stale(signal, subject));
            case PRODUCT_VIEWED -> List.of(fresh(signal, now)
                    ? marketing(signal, subject, history, playbook.marketing().productViewedDelay()) : stale(signal, subject));
            case ORDER_PLACED -> List.of(orderPlaced(signal, subject, history, now));
            case TREND_DETECTED -> List.of(mentions.trend(signal));
            case EMERGENCY_ALERT -> emergency(signal, subject);
        };
    }

    private Decision profileUpdated(Signal signal, Subject subject) {
        if (subject.customerId() == null) {
            return bare(signal, null, Outcome.SUPPRESS, Reason.UNKNOWN_CUSTOMER);
        }
        if (namesSeveralIdentities(signal)) {
            return bare(signal, subject.customerId(), Outcome.UPDATE, Reason.PROFILE_UPDATED, Reason.IDENTITY_LINKED);
        }
        return bare(signal, subject.customerId(), Outcome.UPDATE, Reason.PROFILE_UPDATED);
    }

    /** A provider's link: a reference naming its id together with an email, phone or handle. */
    private static boolean namesSeveralIdentities(Signal signal) {
        CustomerRef ref = signal.customerRef();
        int n = (ref.customerId() != null ? 1 : 0) + (ref.email() != null ? 1 : 0) + (ref.phone() != null ? 1 : 0)
                + (ref.x() != null ? 1 : 0);
        return n > 1;
    }

    private Decision consentChanged(Signal signal, Subject subject, History history, Instant now) {
        if (subject.customerId() == null) {
            return bare(signal, null, Outcome.SUPPRESS, Reason.UNKNOWN_CUSTOMER);
        }
        ConsentChange change = ConsentChange.of(signal);
        if (change.granted()) {
            return bare(signal, subject.customerId(), Outcome.UPDATE, Reason.CONSENT_GRANTED);
        }
        List<String> cancels = new ArrayList<>();
        for (PastMessage m : history.messagesFor(subject.customerId())) {
            if (m.channel() == change.channel() && m.isPendingAt(now) && !cancels.contains(m.signalId())) {
                cancels.add(m.signalId());
            }
        }
        return new Decision(signal.signalId(), subject.customerId(), Outcome.UPDATE, null, null, null, null,
                cancels, List.of(Reason.CONSENT_REVOKED));
    }

    /** Answer on the channel the customer used; failing that, their preferred one, else where they can be reached. */
    private Decision ticketOpened(Signal signal, Subject subject) {
        Channel channel = Channel.parse(signal.attribute("channel"))
                .orElse(subject.isKnown() ? subject.profile().preferredChannel() : null);
        if (channel == null) {
            channel = reachable(subject);
        }
        if (channel == null) {
            return bare(signal, subject.customerId(), Outcome.SUPPRESS, Reason.CUSTOMER_INITIATED, Reason.NO_CHANNEL);
        }
        return sendNow(signal, subject.customerId(), channel, Reason.CUSTOMER_INITIATED);
    }

    /**
     * Retention offer on the preferred channel if consented, else back on the channel the request came
     * in on, else where the customer can be reached (a reply to their own request needs no marketing
     * consent). A request that says the subscription has ended closes the thread instead.
     */
    private Decision cancelRequested(Signal signal, Subject subject, History history, Instant now) {
        if (Boolean.TRUE.equals(signal.attribute("subscriptionEnded")) || "true".equals(signal.stringAttribute("subscriptionEnded"))) {
            return subscriptionEnded(signal, subject, history, now);
        }
        CustomerProfile p = subject.profile();
        if (p != null && p.preferredChannel() != null && p.consentOrNone().granted(p.preferredChannel())) {
            return sendNow(signal, subject.customerId(), p.preferredChannel(), Reason.CUSTOMER_INITIATED, Reason.RETENTION_OFFER);
        }
        Channel channel = Channel.parse(signal.attribute("channel")).orElse(reachable(subject));
        if (channel == null) {
            return bare(signal, subject.customerId(), Outcome.SUPPRESS, Reason.CUSTOMER_INITIATED, Reason.NO_CHANNEL);
        }
        return sendNow(signal, subject.customerId(), channel, Reason.CUSTOMER_INITIATED, Reason.RETENTION_OFFER);
    }

    /** The first of the playbook's marketing channels (email, sms) the known customer has an address for. */
    private Channel reachable(Subject subject) {
        if (!subject.isKnown()) {
            return null;
        }
        for (Channel c : playbook.marketing().channels()) {
            if (subject.profile().addressesOrNone().of(c) != null) {
                return c;
            }
        }
        return null;
    }

    /** The subscription is gone: pending retention offers of the customer are cancelled, nothing is sent. */
    private Decision subscriptionEnded(Signal signal, Subject subject, History history, Instant now) {
        List<String> cancels = new ArrayList<>();
        if (subject.customerId() != null) {
            for (PastMessage m : history.messagesFor(subject.customerId())) {
                if (m.type() == SignalType.CANCEL_REQUESTED && m.isPendingAt(now) && !cancels.contains(m.signalId())) {
                    cancels.add(m.signalId());
                }
            }
        }
        return new Decision(signal.signalId(), subject.customerId(), Outcome.CANCEL, null, null, null, null,
                cancels, List.of(Reason.SUBSCRIPTION_ENDED));
    }

    // --- Reading the signal's age and context (README, "How the spec's open points are read") ---

    /** A marketing signal is fresh while it is at most {@code staleness.marketing} old at decision time. */
    private boolean fresh(Signal signal, Instant now) {
        return !signal.occurredAt().plus(playbook.staleness().marketing()).isBefore(now);
    }

    private static Decision stale(Signal signal, Subject subject) {
        return bare(signal, subject.customerId(), Outcome.SUPPRESS, Reason.STALE);
    }

    /** A customer-initiated answer decided after the staleness age is still sent, marked late. */
    private Decision late(Decision d, Signal signal, Instant now) {
        if (d.isMessage() && !fresh(signal, now) && !d.reasons().contains(Reason.LATE)) {
            return d.withReason(Reason.LATE);
        }
        return d;
    }

    /**
     * A complaint, a ticket or a cancel request (as {@code context.pauseMarketingOn} lists them)
     * cancels the customer's pending marketing; the decision names what it cancels.
     */
    private Decision pauseMarketing(Decision d, Signal signal, History history, Instant now) {
        String kind = signal.type() == SignalType.SOCIAL_MENTION
                ? (isComplaint(signal) ? "complaint" : null) : signal.type().wire();
        if (d.customerId() == null || kind == null || !playbook.context().pausesOn(kind) || d.outcome() == Outcome.CANCEL) {
            return d;
        }
        List<String> cancels = new ArrayList<>(d.cancels());
        for (PastMessage m : history.messagesFor(d.customerId())) {
            if (m.type().isMarketing() && m.isPendingAt(now) && !cancels.contains(m.signalId())) {
                cancels.add(m.signalId());
            }
        }
        return cancels.size() == d.cancels().size() ? d : d.withCancels(cancels).withReason(Reason.MARKETING_PAUSED);
    }

    /**
     * The complaint hook: a negative sentiment, or a triage (attributes.triage, set by the mention
     * triage) that says complaint.
     */
    static boolean isComplaint(Signal signal) {
        return "negative".equals(sentiment(signal))
                || Triage.Kind.COMPLAINT.wire().equalsIgnoreCase(String.valueOf(signal.attribute(Triage.ATTRIBUTE)));
    }

    private static String sentiment(Signal signal) {
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

    private Decision marketing(Signal signal, Subject subject, History history, Duration delay) {
        if (!subject.isKnown()) {
            return bare(signal, subject.customerId(), Outcome.SUPPRESS, Reason.UNKNOWN_CUSTOMER);
        }
        CustomerProfile p = subject.profile();
        List<Reason> reasons = new ArrayList<>(3);
        reasons.add(Reason.MARKETING_DELAY);
        Channel channel = marketingChannel(p, reasons);
        if (channel == null) {
            return bare(signal, p.customerId(), Outcome.SUPPRESS, Reason.NO_CONSENT);
        }
        ZoneId zone = p.timezone() != null ? p.timezone() : playbook.brand().timezone();
        QuietHours quiet = p.quietHours() != null ? p.quietHours() : playbook.brand().defaultQuietHours();
        Instant sendAt = SendTime.roundUpToMinute(signal.occurredAt().plus(delay));
        Instant allowed = quiet.nextAllowed(sendAt, zone);
        if (!allowed.equals(sendAt)) {
            reasons.add(Reason.QUIET_HOURS);
            sendAt = SendTime.roundUpToMinute(allowed);
        }
        if (capReached(p.customerId(), sendAt, history)) {
            return bare(signal, p.customerId(), Outcome.SUPPRESS, Reason.FREQUENCY_CAP);
        }
        return new Decision(signal.signalId(), p.customerId(), Outcome.SCHEDULE, channel, sendAt, null, null, List.of(), reasons);
    }

    private Channel marketingChannel(CustomerProfile p, List<Reason> reasons) {
        Consent consent = p.consentOrNone();
        if (p.preferredChannel() != null && consent.granted(p.preferredChannel())) {
            return p.preferredChannel();
        }
        for (Channel c : playbook.marketing().channels()) {
            if (consent.granted(c)) {
                if (p.preferredChannel() != null) {
                    reasons.add(Reason.CHANNEL_FALLBACK);
                }
                return c;
            }
        }
        return null;
    }

    /** Sent or pending marketing within the cap window of this sendAt, either side. */
    private boolean capReached(String customerId, Instant sendAt, History history) {
        Playbook.Cap cap = playbook.marketing().cap();
        int count = 0;
        for (PastMessage m : history.messagesFor(customerId)) {
            if (m.cancelled() || !m.type().isMarketing() || m.sendAt() == null) {
                continue;
            }
            // Compared as Durations: any two stored instants (even 9999-12-31 against today) compare without overflow.
            Duration apart = Duration.between(m.sendAt(), sendAt).abs();
            if (apart.compareTo(cap.window()) < 0 && ++count >= cap.messages()) {
                return true;
            }
        }
        return false;
    }

    private Decision orderPlaced(Signal signal, Subject subject, History history, Instant now) {
        if (subject.customerId() == null) {
            return bare(signal, null, Outcome.CANCEL, Reason.ORDER_PLACED, Reason.UNKNOWN_CUSTOMER);
        }
        List<String> cancels = new ArrayList<>();
        for (PastMessage m : history.messagesFor(subject.customerId())) {
            if (m.type().isMarketing() && m.isPendingAt(now) && !cancels.contains(m.signalId())) {
                cancels.add(m.signalId());
            }
        }
        return new Decision(signal.signalId(), subject.customerId(), Outcome.CANCEL, null, null, null, null,
                cancels, List.of(Reason.ORDER_PLACED));
    }

    /** One SEND_NOW per segment member and channel with an address and consent not explicitly false. */
    private List<Decision> emergency(Signal signal, Subject subject) {
        List<Decision> out = new ArrayList<>();
        for (CustomerProfile member : subject.segmentMembers()) {
            for (Channel c : playbook.emergency().channels()) {
                if (member.addressesOrNone().of(c) != null && !member.consentOrNone().explicitlyRefused(c)) {
                    out.add(sendNow(signal, member.customerId(), c, Reason.EMERGENCY));
                }
            }
        }
        if (out.isEmpty()) {
            out.add(bare(signal, null, Outcome.SUPPRESS, Reason.EMERGENCY, Reason.EMPTY_SEGMENT));
        }
        return out;
    }

    private static Decision sendNow(Signal signal, String customerId, Channel channel, Reason... reasons) {
        return new Decision(signal.signalId(), customerId, Outcome.SEND_NOW, channel, signal.occurredAt(), null, null,
                List.of(), List.of(reasons));
    }

    private static Decision bare(Signal signal, String customerId, Outcome outcome, Reason... reasons) {
        return new Decision(signal.signalId(), customerId, outcome, null, null, null, null, List.of(), List.of(reasons));
    }
}
