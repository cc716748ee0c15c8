package dev.righttime.flow;

import dev.righttime.deliverability.Attribution;
import dev.righttime.deliverability.QueuedChannelFallback;
import dev.righttime.model.Channel;
import dev.righttime.model.CustomerProfile;
import dev.righttime.model.Decision;
import dev.righttime.model.Outcome;
import dev.righttime.model.Response;
import dev.righttime.model.ResponseIds;
import dev.righttime.model.ResponseStatus;
import dev.righttime.model.Signal;
import dev.righttime.model.SignalType;
import dev.righttime.policy.ConsentChange;
import dev.righttime.policy.Covenants;
import dev.righttime.policy.DecisionEngine;
import dev.righttime.policy.MentionAuthors;
import dev.righttime.policy.Playbook;
import dev.righttime.policy.SignalRules;
import dev.righttime.policy.Subject;
import dev.righttime.port.ApprovalNotifier;
import dev.righttime.port.AutonomyStore;
import dev.righttime.port.EventBus;
import dev.righttime.port.ResponseStore;
import dev.righttime.port.Scheduler;
import dev.righttime.port.SignalLedger;
import dev.righttime.time.SendTime;
import dev.righttime.triage.LexiconTriage;
import dev.righttime.triage.MentionTriage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decide step of the flow, for the Lambda handler and the local runtime alike: resolve who the
 * signal is about, decide with the pure engine, record the decisions, then act on them.
 *
 * <p>Every step after the decision is idempotent and driven by what was recorded, so a redelivery
 * of the same signal either finishes an interrupted run (the ledger entry is still DECIDED) or is
 * a DUPLICATE with no second effect (the entry is DONE):
 * <ol>
 *   <li>ledger entry with the decisions (conditional: the first decision wins, never overwritten);</li>
 *   <li>response records (conditional create: an existing record is kept as it is);</li>
 *   <li>dispatch: SEND_NOW to the channel queue, SCHEDULE and HOLD to a one-time schedule named
 *       after the responseId (an existing schedule means done). Every record of the decisions that
 *       is still SCHEDULED or PENDING_APPROVAL is dispatched, the one this run created and one that
 *       was there already: its id derives from this signal's, so a run of this signal made it (this
 *       run's own create, applied although its answer was lost and the SDK's retry then found it,
 *       or an interrupted or concurrent run), and until the ledger says DONE nothing vouches that
 *       it was handed over. No separate dispatched mark is written: the ledger's DONE says every
 *       response of the signal was handed over (issue 21: one write less per response);</li>
 *   <li>profile updates (recomputed from the signal: applying one twice gives the same profile) and
 *       cancellations (conditional SCHEDULED/PENDING_APPROVAL to CANCELLED, then DeleteSchedule); after
 *       a hard bounce, the bounced and the cancelled marketing go to the next channel (fixed ids);</li>
 *   <li>identity links the signal's reference carries (each link and merge step repeatable);</li>
 *   <li>attribution (an order converts the last reminder; an unsubscribe marks its message), once per response;</li>
 *   <li>decision events on the bus; then the ledger entry becomes DONE.</li>
 * </ol>
 * A crash between a queue send and the ledger's DONE sends the responseId again when the run
 * resumes; the sender's conditional claim (SCHEDULED to SENDING to SENT) makes the second delivery
 * a no-op, and a schedule that exists already is kept.
 */
public final class DecideService {

    private static final Logger LOG = LoggerFactory.getLogger(DecideService.class);

    /** The stores and outlets decide works with. */
    public record Ports(Customers customers, SignalLedger ledger, ResponseStore responses, Scheduler scheduler,
                        ChannelQueues queues, EventBus events, ApprovalNotifier approvers, AutonomyStore autonomy) {
        public Ports(Customers customers, SignalLedger ledger, ResponseStore responses, Scheduler scheduler,
                     ChannelQueues queues, EventBus events) {
            this(customers, ledger, responses, scheduler, queues, events, ApprovalNotifier.NONE, null);
        }

        public Ports(Customers customers, SignalLedger ledger, ResponseStore responses, Scheduler scheduler,
                     ChannelQueues queues, EventBus events, ApprovalNotifier approvers) {
            this(customers, ledger, responses, scheduler, queues, events, approvers, null);
        }

        public Ports {
            approvers = approvers == null ? ApprovalNotifier.NONE : approvers;
            Objects.requireNonNull(customers, "customers");
            Objects.requireNonNull(ledger, "ledger");
            Objects.requireNonNull(responses, "responses");
            Objects.requireNonNull(scheduler, "scheduler");
            Objects.requireNonNull(queues, "queues");
            Objects.requireNonNull(events, "events");
        }
    }

    private final DecisionEngine engine;
    private final Cards cards;
    private final Covenants defaultCovenants;
    private final Playbook playbook;
    private final Ports ports;
    private final Clock clock;
    private final Attribution attribution;
    private final MentionTriage triage;
    private final QueuedChannelFallback fallback;

    /** The consent.changed reason of a hard bounce (FeedbackService): pending marketing moves to the next channel. */
    static final String BOUNCED = "bounced";

    /** With the built-in offline triage of mention texts. */
    public DecideService(Playbook playbook, Ports ports, Clock clock) {
        this(playbook, ports, clock, LexiconTriage.shared());
    }

    /** With a triage of choice (the decide function's MENTION_TRIAGE: builtin or comprehend). */
    public DecideService(Playbook playbook, Ports ports, Clock clock, MentionTriage triage) {
        this.attribution = new Attribution(playbook.deliverability().attributionWindow(), ports.responses(), ports.events());
        this.engine = new DecisionEngine(playbook, triage);
        this.cards = new Cards(playbook.templates());
        this.defaultCovenants = Covenants.defaults(playbook);
        this.playbook = playbook;
        this.ports = ports;
        this.clock = clock;
        this.triage = Objects.requireNonNull(triage, "triage");
        this.fallback = new QueuedChannelFallback(playbook, ports.responses(), ports.customers()::get, ports.queues(), clock);
    }

    /**
     * Decides and acts on one signal; returns its decisions (a DUPLICATE if it was handled before).
     * Throws on invalid signals (IllegalArgumentException) and on store or outlet failures, after
     * which the same call completes the work; throws {@link NotYet} for a customer-initiated signal
     * whose customer may still be linked (see {@link #waitForLink}).
     */
    public List<Decision> handle(Signal signal) {
        SignalRules.validate(signal);
        Instant now = clock.instant();
        // The ledger's conditional begin comes first and the entry is read only when it loses: nearly
        // every signal here is fresh (ingest drops a repeated delivery), so this spares a read per
        // signal (issue 21); a resumed or repeated one is decided again and then loses to its record.
        Subject subject = ports.customers().resolve(signal);
        Duration wait = waitForLink(signal, subject, now);
        SignalLedger.Entry first = null;
        if (wait.isPositive()) {
            // Decided before (its customer erased or unlinked since): not held back, it resumes or is a duplicate.
            first = ports.ledger().get(signal.signalId()).orElse(null);
            if (first == null) {
                LOG.info("signal {} of type {} waits {} for its customer to be linked", signal.signalId(), signal.type().wire(), wait);
                throw new NotYet(wait);
            }
        } else {
            SignalLedger.Entry entry = decide(signal, subject, now);
            if (ports.ledger().begin(entry)) {
                act(entry, subject, now);
                return entry.decisions();
            }
            // An earlier or concurrent delivery recorded its decisions first: those are the ones that count.
            first = ports.ledger().get(signal.signalId()).orElseThrow();
        }
        if (first.state() == SignalLedger.State.DONE) {
            return duplicate(signal, first, now);
        }
        LOG.info("resuming signal {} of type {} decided at {}", signal.signalId(), signal.type().wire(), first.decidedAt());
        // The profiles as the first run saw them are re-read by customerId (act's profile()).
        act(first, null, now);
        return first.decisions();
    }

    private List<Decision> duplicate(Signal signal, SignalLedger.Entry first, Instant now) {
        List<Decision> decisions = engine.decide(signal, Subject.unknown(first.customerId()), StoredHistory.SEEN, now);
        ports.events().publish(decisions);
        LOG.info("signal {} of type {} is a duplicate", signal.signalId(), signal.type().wire());
        return decisions;
    }

    /**
     * How long a customer-initiated signal (ticket, cancel request) about someone not known yet
     * should wait for a link that is on its way: a Stripe cancellation often arrives before its
     * customer.updated. Until {@code occurredAt + context.unknownCustomerWait}; zero once that has
     * passed, so the signal is then decided with what is known. Nothing is recorded meanwhile.
     */
    Duration waitForLink(Signal signal, Subject subject, Instant now) {
        if (!signal.type().isCustomerInitiated() || subject.isKnown() || signal.customerRef().isEmpty()) {
            return Duration.ZERO;
        }
        Instant until = signal.occurredAt().plus(playbook.context().unknownCustomerWait());
        return now.isBefore(until) ? Duration.between(now, until) : Duration.ZERO;
    }

    /**
     * The signal is not to be decided yet: the caller leaves it on its queue and has it delivered
     * again after {@link #after()} (an SQS visibility change), when its customer may be linked.
     */
    public static final class NotYet extends RuntimeException {
        private final Duration after;

        public NotYet(Duration after) {
            super("waiting for the customer to be linked", null, false, false);
            this.after = after;
        }

        public Duration after() {
            return after;
        }
    }

    private SignalLedger.Entry decide(Signal incoming, Subject subject, Instant now) {
        // Triage once, before the ledger entry: a resumed run and the sender read the same triage.
        Signal signal = triage.triage(incoming);
        Instant earliest = now.isBefore(signal.occurredAt()) ? now : signal.occurredAt();
        StoredHistory history = new StoredHistory(ports.responses(), earliest.minus(playbook.marketing().cap().window()));
        List<Decision> decisions = covenanted(signal, engine.decide(signal, subject, history, now));
        return new SignalLedger.Entry(signal, subject.customerId(), decisions, SignalLedger.State.DECIDED, now);
    }

    /**
     * The sandbox covenants applied to a mention's or trend's decisions: the latest saved version,
     * read on every such signal (a change applies to the next one, no redeploy), else the
     * playbook's defaults. A store that does not answer leaves the engine's decisions as they are.
     */
    private List<Decision> covenanted(Signal signal, List<Decision> decisions) {
        if (ports.autonomy() == null || (signal.type() != SignalType.SOCIAL_MENTION && signal.type() != SignalType.TREND_DETECTED)) {
            return decisions;
        }
        Covenants covenants;
        try {
            covenants = ports.autonomy().current().orElse(defaultCovenants);
        } catch (RuntimeException e) {
            LOG.warn("covenants not read ({}); the playbook's defaults apply", e.getClass().getSimpleName());
            covenants = defaultCovenants;
        }
        return covenants.apply(decisions, signal, Facts.triage(signal, decisions.isEmpty() ? List.of() : decisions.get(0).reasons()),
                playbook.approval().reachThreshold());
    }

    /** Acts on recorded decisions: a fresh run's, or an interrupted or concurrent run's that this one resumes. */
    private void act(SignalLedger.Entry entry, Subject subject, Instant now) {
        Signal signal = entry.signal();
        Map<String, CustomerProfile> profiles = profiles(subject);
        for (Decision d : entry.decisions()) {
            if (!ResponseStatus.hasRecord(d.outcome())) {
                continue;
            }
            Response fresh = Response.of(d, signal, entry.decidedAt()).withCard(cards.of(d, signal, profile(d, subject, profiles)));
            String author = MentionAuthors.isAutomaticReply(d) ? MentionAuthors.key(signal) : null;
            boolean created = ports.responses().create(fresh, author);
            Response current = created ? fresh : ports.responses().get(fresh.responseId()).orElse(fresh);
            if (current.isMessage()) {
                // Also when it existed (see the class comment): a create retried after its write applied reads as "existed".
                dispatch(current, now);
            }
        }
        for (Decision d : entry.decisions()) {
            if (d.outcome() == Outcome.UPDATE) {
                ports.customers().update(d.customerId(), signal, playbook.brand().defaultQuietHours());
            }
            if (!d.cancels().isEmpty() && d.customerId() != null) {
                cancel(d, signal, entry.decidedAt());
            }
            if (isHardBounce(signal, d)) {
                nextChannelAfterBounce(d, signal, entry.decidedAt(), now);
            }
        }
        // After the update, so a provider's first link finds the profile it just created.
        ports.customers().link(signal, entry.customerId());
        // Conversions and unsubscribes this signal means for earlier messages (each recorded once).
        attribution.after(signal, entry.customerId());
        ports.events().publish(entry.decisions());
        ports.ledger().complete(signal.signalId());
        LOG.info("signal {} of type {} decided: {}", signal.signalId(), signal.type().wire(),
                entry.decisions().stream().map(d -> d.outcome().name()).toList());
    }

    /** The profiles decide resolved, by customerId (a segment's members, or the one customer). */
    private static Map<String, CustomerProfile> profiles(Subject subject) {
        Map<String, CustomerProfile> byId = new HashMap<>();
        if (subject != null) {
            subject.segmentMembers().forEach(p -> byId.put(p.customerId(), p));
            if (subject.profile() != null) {
                byId.put(subject.profile().customerId(), subject.profile());
            }
        }
        return byId;
    }

    /** The profile a decision was about: as decide resolved it, or read again when resuming an interrupted run. */
    private CustomerProfile profile(Decision d, Subject subject, Map<String, CustomerProfile> resolved) {
        if (d.customerId() == null) {
            return null;
        }
        CustomerProfile p = resolved.get(d.customerId());
        if (p == null && subject == null) {
            p = ports.customers().get(d.customerId()).orElse(null);
            resolved.put(d.customerId(), p);
        }
        return p;
    }

    /**
     * Hands a message to its queue now, or to a one-time delivery at its send time or deadline (the
     * scheduler port: an SQS message delay up to 15 minutes, a schedule beyond; see ShortDelays).
     * A held response also tells the approvers (again, if a crash interrupted the run that created it).
     * True when it was handed over now.
     */
    private boolean dispatch(Response r, Instant now) {
        if (r.dispatchedAt() != null || !ResponseStatus.CANCELLABLE.contains(r.status())) {
            return false;
        }
        Instant due = r.dueAt() == null ? now : r.dueAt();
        if (r.outcome() == Outcome.SEND_NOW || !due.isAfter(now)) {
            // Due already (SEND_NOW, or a signal that arrived after its send time): no schedule to wait on.
            ports.queues().of(r.channel()).send(r.responseId(), r.responseId());
            LOG.info("response {} queued on {}", r.responseId(), r.channel().wire());
        } else {
            boolean created = ports.scheduler().create(new Scheduler.Delivery(Scheduler.nameFor(r.responseId()), due,
                    playbook.brand().timezone(), r.channel(), r.responseId()));
            LOG.info("response {} scheduled for {} ({})", r.responseId(), due, created ? "created" : "already there");
        }
        if (r.status() == ResponseStatus.PENDING_APPROVAL) {
            notifyApprovers(r);
        }
        return true;
    }

    private void notifyApprovers(Response held) {
        try {
            ports.approvers().held(held);
        } catch (RuntimeException e) {
            LOG.warn("response {}: approvers not notified ({})", held.responseId(), e.getClass().getSimpleName());
        }
    }

    /**
     * Cancels the pending responses a decision names: order_placed, a complaint, a ticket or a cancel
     * request cancel every response of those signals for the customer; a consent revocation only
     * those on the revoked channel. The record's detail keeps why (the decision's last reason).
     */
    private void cancel(Decision d, Signal signal, Instant decidedAt) {
        Channel only = signal.type() == SignalType.CONSENT_CHANGED ? ConsentChange.of(signal).channel() : null;
        Set<String> signalIds = new HashSet<>(d.cancels());
        for (Response r : ports.responses().forCustomer(d.customerId(), decidedAt)) {
            if (!signalIds.contains(r.signalId()) || !r.isMessage() || (only != null && r.channel() != only)) {
                continue;
            }
            String why = isHardBounce(signal, d) ? BOUNCED : d.reasons().get(d.reasons().size() - 1).wire();
            boolean cancelled = ports.responses().transition(r.responseId(), ResponseStatus.CANCELLABLE, ResponseStatus.CANCELLED,
                    ResponseStore.Change.detail(why));
            if (cancelled || r.status() == ResponseStatus.CANCELLED) {
                ports.scheduler().delete(Scheduler.nameFor(r.responseId()));
                LOG.info("response {} cancelled by signal {}", r.responseId(), signal.signalId());
            }
        }
    }

    /** A revocation of consent because the address bounced for good (FeedbackService's consent.changed, reason bounced). */
    private static boolean isHardBounce(Signal signal, Decision d) {
        return signal.type() == SignalType.CONSENT_CHANGED && d.outcome() == Outcome.UPDATE && d.customerId() != null
                && BOUNCED.equals(signal.attribute("reason")) && !ConsentChange.of(signal).granted();
    }

    /**
     * After a hard bounce the address is gone, not the customer's wish: the bounced marketing message
     * tries the next channel now, and each pending marketing message the revocation cancelled (detail
     * {@code bounced}) moves to the next channel at its own send time (README "Deliverability";
     * playbook {@code deliverability.channelFallback}). Each new response has a fixed id and is
     * dispatched once, so a resumed or replayed signal moves nothing twice.
     */
    private void nextChannelAfterBounce(Decision d, Signal signal, Instant decidedAt, Instant now) {
        Channel bounced = ConsentChange.of(signal).channel();
        Set<String> signalIds = new HashSet<>(d.cancels());
        for (Response r : ports.responses().forCustomer(d.customerId(), decidedAt)) {
            if (signalIds.contains(r.signalId()) && r.channel() == bounced && r.status() == ResponseStatus.CANCELLED
                    && BOUNCED.equals(r.detail())) {
                fallback.prepare(r, r.dueAt() == null ? now : r.dueAt()).ifPresent(next -> moved(r, next, now));
            }
        }
        Object from = signal.attribute("responseId");
        if (from instanceof String id) {
            ports.responses().get(id).filter(r -> r.status() == ResponseStatus.SENT && r.channel() == bounced
                            && d.customerId().equals(r.customerId()))
                    .ifPresent(r -> fallback.prepare(r, now).ifPresent(next -> moved(r, next, now)));
        }
    }

    /**
     * A record moved to the next channel belongs to another signal than this run's, so this run's
     * DONE does not vouch for it: it keeps its own dispatched mark, as a sender's fallback does
     * (RecoverySweep reads it; a rare path, so the write is cheap).
     */
    private void moved(Response from, Response next, Instant now) {
        if (dispatch(next, now)) {
            ports.responses().markDispatched(next.responseId(), now);
        }
        LOG.info("response {} bounced on {}: {} goes on {}", from.responseId(), from.channel().wire(), next.responseId(),
                next.channel().wire());
    }

    /** The responseIds a signal's decisions produce (for tests and tools). */
    public static List<String> responseIds(List<Decision> decisions) {
        return decisions.stream().filter(d -> ResponseStatus.hasRecord(d.outcome())).map(ResponseIds::of).toList();
    }
}
