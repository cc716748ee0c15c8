package dev.righttime.flow;

import dev.righttime.model.CustomerProfile;
import dev.righttime.model.CustomerRef;
import dev.righttime.model.IdentityKeys;
import dev.righttime.model.Signal;
import dev.righttime.model.SignalType;
import dev.righttime.policy.ProfileUpdates;
import dev.righttime.policy.Subject;
import dev.righttime.port.IdentityStore;
import dev.righttime.port.ProfileStore;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Profiles and the identities that lead to them: who a signal is about, and keeping both in step. */
public final class Customers {

    private final ProfileStore profiles;
    private final IdentityStore identities;

    public Customers(ProfileStore profiles, IdentityStore identities) {
        this.profiles = profiles;
        this.identities = identities;
    }

    /** The identity key of a provider's own customer id (a shop or payment id) linked to one of ours. */
    public static String providerKey(String providerCustomerId) {
        return "ref:" + providerCustomerId;
    }

    /**
     * The subject of a signal: the segment's members for an emergency; else the customer found by
     * customerId (directly, or as a linked provider id), then by email, phone or X handle.
     */
    public Subject resolve(Signal signal) {
        if (signal.type() == SignalType.EMERGENCY_ALERT) {
            return Subject.segment(profiles.membersOf(signal.stringAttribute("segment")));
        }
        CustomerRef ref = signal.customerRef();
        if (ref.customerId() != null) {
            Optional<CustomerProfile> own = profiles.get(ref.customerId());
            if (own.isPresent()) {
                return Subject.customer(own.get());
            }
            Optional<Subject> linked = byKey(providerKey(ref.customerId()));
            return linked.orElse(Subject.unknown(ref.customerId()));
        }
        for (String key : IdentityKeys.of(ref)) {
            Optional<Subject> s = byKey(key);
            if (s.isPresent()) {
                return s.get();
            }
        }
        return Subject.unknown(null);
    }

    private Optional<Subject> byKey(String key) {
        return identities.resolve(key).map(id -> profiles.get(id).map(Subject::customer).orElse(Subject.unknown(id)));
    }

    public Optional<CustomerProfile> get(String customerId) {
        return profiles.get(customerId);
    }

    /** Applies an UPDATE signal to the customer's profile (creating it if missing). Idempotent. */
    public CustomerProfile update(String customerId, Signal signal) {
        CustomerProfile current = profiles.get(customerId).orElse(null);
        CustomerProfile updated = ProfileUpdates.apply(customerId, current, signal);
        save(updated, current);
        return updated;
    }

    /** Stores a profile and points its addresses' identity keys at it. */
    public void save(CustomerProfile profile) {
        save(profile, profiles.get(profile.customerId()).orElse(null));
    }

    private void save(CustomerProfile profile, CustomerProfile previous) {
        List<String> keys = IdentityKeys.of(profile.addressesOrNone());
        for (String key : keys) {
            identities.link(key, profile.customerId());
        }
        profiles.put(profile);
        if (previous != null) {
            Set<String> stale = new HashSet<>(IdentityKeys.of(previous.addressesOrNone()));
            keys.forEach(stale::remove);
            for (String key : stale) {
                identities.unlink(key, profile.customerId());
            }
        }
    }
}
