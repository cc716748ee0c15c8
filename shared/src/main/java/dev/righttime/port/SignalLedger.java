package dev.righttime.port;

import dev.righttime.model.Decision;
import dev.righttime.model.Signal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The signals decide has seen, each with the decisions taken for it: the DUPLICATE check, the
 * intent log that lets a redelivery finish an interrupted signal, and the timeline's signal rows.
 */
public interface SignalLedger {

    enum State {
        /** Decided and recorded; the actions (records, schedules, queues, events) may be incomplete. */
        DECIDED,
        /** Every action done. */
        DONE
    }

    record Entry(Signal signal, String customerId, List<Decision> decisions, State state, Instant decidedAt) {
        public Entry {
            decisions = List.copyOf(decisions);
        }
    }

    Optional<Entry> get(String signalId);

    /** Records a new entry unless one exists for the signal; false if it did (nothing changed). */
    boolean begin(Entry entry);

    /** Marks the signal's actions done. */
    void complete(String signalId);

    /** A customer's signals, oldest first (the timeline). */
    List<Entry> forCustomer(String customerId);

    /**
     * Erasure: keeps the entry (so a redelivery stays a duplicate) but drops who it was about and
     * what it said: the signal keeps its id, source, type and time; its reference and attributes go,
     * the decisions lose their customerId, and the entry leaves the customer's timeline.
     */
    default void redact(String signalId) {
        throw new UnsupportedOperationException("this ledger does not erase");
    }

    /** The entry as erasure leaves it. */
    static Entry redacted(Entry e) {
        dev.righttime.model.Signal s = e.signal();
        return new Entry(new dev.righttime.model.Signal(s.signalId(), s.source(), s.type(), s.occurredAt(), null, null), null,
                e.decisions().stream().map(d -> new dev.righttime.model.Decision(d.signalId(), null, d.outcome(), d.channel(),
                        d.sendAt(), d.deadline(), d.fallback(), d.cancels(), d.reasons())).toList(), e.state(), e.decidedAt());
    }
}
