package dev.righttime.policy;

import dev.righttime.model.Channel;
import dev.righttime.model.Consent;
import dev.righttime.model.CustomerProfile;
import dev.righttime.model.Decision;
import dev.righttime.model.Outcome;
import dev.righttime.model.Reason;
import dev.righttime.model.Signal;
import dev.righttime.time.QuietHours;
import dev.righttime.time.SendTime;
import dev.righttime.triage.LexiconTriage;
import dev.righttime.triage.MentionTriage;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
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
            case TICKET_OPENED -> List.of(ticketOpened(signal, subject));
            case CANCEL_REQUESTED -> List.of(cancelRequested(signal, subject));
            case SOCIAL_MENTION -> List.of(mentions.mention(signal, subject, history));
            case CART_ABANDONED -> List.of(marketing(signal, subject, history, playbook.marketing().cartAbandonedDelay()));
            case PRODUCT_VIEWED -> List.of(marketing(signal, subject, history, playbook.marketing().productViewedDelay()));
            case ORDER_PLACED -> List.of(orderPlaced(signal, subject, history, now));
            case TREND_DETECTED -> List.of(mentions.trend(signal));
            case EMERGENCY_ALERT -> emergency(signal, subject);
        };
    }

    private Decision profileUpdated(Signal signal, Subject subject) {
        if (subject.customerId() == null) {
            return bare(signal, null, Outcome.SUPPRESS, Reason.UNKNOWN_CUSTOMER);
        }
        return bare(signal, subject.customerId(), Outcome.UPDATE, Reason.PROFILE_UPDATED);
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

    /** Answer on the channel the customer used; failing that, their preferred one. */
    private Decision ticketOpened(Signal signal, Subject subject) {
        Channel channel = Channel.parse(signal.attribute("channel"))
                .orElse(subject.isKnown() ? subject.profile().preferredChannel() : null);
        if (channel == null) {
            return bare(signal, subject.customerId(), Outcome.SUPPRESS, Reason.CUSTOMER_INITIATED, Reason.NO_CHANNEL);
        }
        return sendNow(signal, subject.customerId(), channel, Reason.CUSTOMER_INITIATED);
    }

    /** Retention offer on the preferred channel if consented, else back on the channel the request came in on. */
    private Decision cancelRequested(Signal signal, Subject subject) {
        CustomerProfile p = subject.profile();
        if (p != null && p.preferredChannel() != null && p.consentOrNone().granted(p.preferredChannel())) {
            return sendNow(signal, subject.customerId(), p.preferredChannel(), Reason.CUSTOMER_INITIATED, Reason.RETENTION_OFFER);
        }
        Channel channel = Channel.parse(signal.attribute("channel")).orElse(null);
        if (channel == null) {
            return bare(signal, subject.customerId(), Outcome.SUPPRESS, Reason.CUSTOMER_INITIATED, Reason.NO_CHANNEL);
        }
        return sendNow(signal, subject.customerId(), channel, Reason.CUSTOMER_INITIATED, Reason.RETENTION_OFFER);
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
        long windowNanos = cap.window().toNanos();
        int count = 0;
        for (PastMessage m : history.messagesFor(customerId)) {
            if (m.cancelled() || !m.type().isMarketing() || m.sendAt() == null) {
                continue;
            }
            long apart = Math.abs(Duration.between(m.sendAt(), sendAt).toNanos());
            if (apart < windowNanos && ++count >= cap.messages()) {
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
