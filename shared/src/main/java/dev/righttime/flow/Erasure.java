package dev.righttime.flow;

import dev.righttime.model.Response;
import dev.righttime.model.ResponseStatus;
import dev.righttime.port.ProfileStore;
import dev.righttime.port.ResponseStore;
import dev.righttime.port.Scheduler;
import dev.righttime.port.SignalLedger;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erasure of a customer's personal data ({@code DELETE /profiles/{id}}). In this order, each step
 * repeatable, so a failed erasure is finished by asking again:
 * <ol>
 *   <li>pending responses are cancelled (detail {@code erased}) and their schedules deleted, so
 *       nothing goes out afterwards;</li>
 *   <li>every response and signal of the customer is redacted: kept for dedupe and the counts of the
 *       report, without the customerId, the reference, the attributes or any text;</li>
 *   <li>every identity that led to the customer, and the profile, are removed;</li>
 *   <li>the erasure is recorded: when, by whom, how many records (no personal data).</li>
 * </ol>
 * Afterwards the customer's timeline is empty. A signal about them arriving later starts afresh.
 */
public final class Erasure {

    private static final Logger LOG = LoggerFactory.getLogger(Erasure.class);

    private final Customers customers;
    private final ProfileStore profiles;
    private final SignalLedger ledger;
    private final ResponseStore responses;
    private final Scheduler scheduler;
    private final Clock clock;

    public Erasure(Customers customers, ProfileStore profiles, SignalLedger ledger, ResponseStore responses, Scheduler scheduler,
                   Clock clock) {
        this.customers = customers;
        this.profiles = profiles;
        this.ledger = ledger;
        this.responses = responses;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /** Erases the customer; returns what was erased (profile 0 or 1, identities, signals, responses). */
    public Map<String, Integer> erase(String customerId, String by) {
        List<Response> theirs = responses.forCustomer(customerId, Instant.EPOCH);
        for (Response r : theirs) {
            if (r.isMessage() && responses.transition(r.responseId(), ResponseStatus.CANCELLABLE, ResponseStatus.CANCELLED,
                    ResponseStore.Change.detail("erased"))) {
                scheduler.delete(Scheduler.nameFor(r.responseId()));
            }
            responses.redact(r.responseId());
        }
        List<SignalLedger.Entry> signals = ledger.forCustomer(customerId);
        for (SignalLedger.Entry e : signals) {
            ledger.redact(e.signal().signalId());
        }
        boolean hadProfile = customers.get(customerId).isPresent();
        int identities = customers.erase(customerId).size();
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("profiles", hadProfile ? 1 : 0);
        counts.put("identities", identities);
        counts.put("signals", signals.size());
        counts.put("responses", theirs.size());
        profiles.recordErasure(customerId, clock.instant(), by, counts);
        LOG.info("customer data erased: {}", counts);
        return counts;
    }
}
