package dev.righttime.policy;

import dev.righttime.model.CustomerProfile;
import dev.righttime.model.CustomerRef;
import dev.righttime.model.Decision;
import dev.righttime.model.IdentityKeys;
import dev.righttime.model.Outcome;
import dev.righttime.model.Signal;
import dev.righttime.model.SignalType;
import dev.righttime.triage.LexiconTriage;
import dev.righttime.triage.MentionTriage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine over a clock that follows each signal's occurredAt, with profiles and history in
 * memory: what {@code simulate} runs. Updates change the profiles later signals see.
 */
public final class Simulation {

    private final DecisionEngine engine;
    private final InMemoryHistory history = new InMemoryHistory();
    private final Map<String, CustomerProfile> profiles = new LinkedHashMap<>();
    private final Map<String, String> identities = new HashMap<>();

    public Simulation(Playbook playbook, List<CustomerProfile> initial) {
        this(playbook, initial, LexiconTriage.shared());
    }

    /** With a triage of choice for mentions without a sentiment (the built-in one by default). */
    public Simulation(Playbook playbook, List<CustomerProfile> initial, MentionTriage triage) {
        this.engine = new DecisionEngine(playbook, triage);
        for (CustomerProfile p : initial) {
            put(p);
        }
    }

    public List<Decision> step(Signal signal) {
        Subject subject = resolve(signal);
        List<Decision> decisions = engine.decide(signal, subject, history, signal.occurredAt());
        history.record(signal, decisions);
        for (Decision d : decisions) {
            if (d.outcome() == Outcome.UPDATE) {
                put(ProfileUpdates.apply(d.customerId(), profiles.get(d.customerId()), signal,
                        engine.playbook().brand().defaultQuietHours()));
            }
        }
        link(signal, subject.customerId());
        return decisions;
    }

    /**
     * The identities a reference names join its customer, as in decide (flow.Customers): a key
     * nobody has is linked and fills a missing address. (Merges of two known customers happen in
     * decide only; simulate leaves a key with its first owner.)
     */
    private void link(Signal signal, String customerId) {
        CustomerProfile p = customerId == null ? null : profiles.get(customerId);
        if (p == null || signal.type() == SignalType.EMERGENCY_ALERT) {
            return;
        }
        CustomerRef ref = signal.customerRef();
        if (ref.customerId() != null && !ref.customerId().equals(customerId)) {
            identities.putIfAbsent("ref:" + ref.customerId(), customerId);
        }
        CustomerRef free = new CustomerRef(null, free(IdentityKeys.email(ref.email()), customerId) ? ref.email() : null,
                free(IdentityKeys.phone(ref.phone()), customerId) ? ref.phone() : null,
                free(IdentityKeys.x(ref.x()), customerId) ? ref.x() : null);
        put(ProfileMerge.fillAddresses(p, free));
    }

    private boolean free(String key, String customerId) {
        return key != null && customerId.equals(identities.getOrDefault(key, customerId));
    }

    public CustomerProfile profile(String customerId) {
        return profiles.get(customerId);
    }

    private Subject resolve(Signal signal) {
        if (signal.type() == SignalType.EMERGENCY_ALERT) {
            String segment = signal.stringAttribute("segment");
            List<CustomerProfile> members = new ArrayList<>();
            for (CustomerProfile p : profiles.values()) {
                if (p.segmentsOrNone().contains(segment)) {
                    members.add(p);
                }
            }
            return Subject.segment(members);
        }
        CustomerRef ref = signal.customerRef();
        String id = ref.customerId();
        if (id != null && !profiles.containsKey(id)) {
            String linked = identities.get("ref:" + id);
            id = linked != null ? linked : byAddress(ref, id);
        }
        if (id == null) {
            id = byAddress(ref, null);
        }
        if (id == null) {
            return Subject.unknown(null);
        }
        CustomerProfile p = profiles.get(id);
        return p != null ? Subject.customer(p) : Subject.unknown(id);
    }

    /** The customer one of the reference's addresses leads to, else {@code orElse}. */
    private String byAddress(CustomerRef ref, String orElse) {
        for (String key : IdentityKeys.of(ref)) {
            String id = identities.get(key);
            if (id != null && profiles.containsKey(id)) {
                return id;
            }
        }
        return orElse;
    }

    private void put(CustomerProfile p) {
        CustomerProfile old = profiles.put(p.customerId(), p);
        if (old != null) {
            for (String key : IdentityKeys.of(old.addressesOrNone())) {
                identities.remove(key, old.customerId());
            }
        }
        for (String key : IdentityKeys.of(p.addressesOrNone())) {
            identities.put(key, p.customerId());
        }
    }
}
