package dev.righttime.flow;

import dev.righttime.model.CustomerProfile;
import dev.righttime.model.CustomerRef;
import dev.righttime.model.IdentityKeys;
import dev.righttime.model.Signal;
import dev.righttime.model.SignalType;
import dev.righttime.policy.ProfileMerge;
import dev.righttime.policy.ProfileUpdates;
import dev.righttime.policy.Subject;
import dev.righttime.port.IdentityStore;
import dev.righttime.port.ProfileStore;
import dev.righttime.time.QuietHours;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Profiles and the identities that lead to them: who a signal is about, and keeping both in step.
 *
 * <p>Links come from the signals themselves: a reference that names several identities (a Stripe
 * customer with its email, a Zendesk requester with theirs, a Segment userId with its traits) ties
 * them all to the customer it resolves to. The rules (README, "Profiles and identities"):
 * <ul>
 *   <li>an identity nobody has yet is linked to the customer, and fills a missing address;</li>
 *   <li>a provider id or an email that already belongs to another known customer means the two are
 *       one: they are merged ({@link #merge});</li>
 *   <li>a phone number or an X handle that belongs to another customer is left where it is: phones
 *       are shared by households and handles are recycled, so neither is proof of one person.</li>
 * </ul>
 */
public final class Customers {

    private static final Logger LOG = LoggerFactory.getLogger(Customers.class);
    private static final int ATTEMPTS = 5;
    /** The customerIds Right Time makes from a provider's id when it first links one ("stripe:cus_..."). */
    private static final Pattern PROVIDER_MADE = Pattern.compile("^(stripe|shopify|zendesk|segment|x):.+");

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
     * customerId (directly, or as a linked provider id), then by email, phone or X handle. With no
     * profile found, the id the source gave (or the one an identity points at) is kept.
     */
    public Subject resolve(Signal signal) {
        if (signal.type() == SignalType.EMERGENCY_ALERT) {
            return Subject.segment(profiles.membersOf(signal.stringAttribute("segment")));
        }
        CustomerRef ref = signal.customerRef();
        Subject unknown = null;
        if (ref.customerId() != null) {
            Optional<CustomerProfile> own = profiles.get(ref.customerId());
            if (own.isPresent()) {
                return Subject.customer(own.get());
            }
            Optional<Subject> linked = byKey(providerKey(ref.customerId()));
            if (linked.isPresent() && linked.get().isKnown()) {
                return linked.get();
            }
            unknown = linked.orElse(Subject.unknown(ref.customerId()));
        }
        for (String key : IdentityKeys.of(ref)) {
            Optional<Subject> s = byKey(key);
            if (s.isPresent() && s.get().isKnown()) {
                return s.get();
            }
            if (unknown == null && s.isPresent()) {
                unknown = s.get();
            }
        }
        return unknown != null ? unknown : Subject.unknown(null);
    }

    private Optional<Subject> byKey(String key) {
        return identities.resolve(key).map(id -> profiles.get(id).map(Subject::customer).orElse(Subject.unknown(id)));
    }

    public Optional<CustomerProfile> get(String customerId) {
        return profiles.get(customerId);
    }

    /** Applies an UPDATE signal to the customer's profile (creating it if missing). Idempotent. */
    public CustomerProfile update(String customerId, Signal signal) {
        return change(customerId, current -> ProfileUpdates.apply(customerId, current, signal));
    }

    /** As {@link #update(String, Signal)}, a partial quietHours merging over the brand's default ones. */
    public CustomerProfile update(String customerId, Signal signal, QuietHours defaultQuietHours) {
        return change(customerId, current -> ProfileUpdates.apply(customerId, current, signal, defaultQuietHours));
    }

    /**
     * Ties every identity the signal's reference names to {@code customerId} (a known customer),
     * merging another known customer into it when a strong identity says they are one. Idempotent:
     * a redelivery finds every key already in place.
     */
    public void link(Signal signal, String customerId) {
        CustomerRef ref = signal.customerRef();
        boolean nothingElse = ref.email() == null && ref.phone() == null && ref.x() == null
                && (ref.customerId() == null || ref.customerId().equals(customerId));
        if (customerId == null || nothingElse || signal.type() == SignalType.EMERGENCY_ALERT || profiles.get(customerId).isEmpty()) {
            return;
        }
        String target = customerId;
        if (ref.customerId() != null && !ref.customerId().equals(target)) {
            target = claim(providerKey(ref.customerId()), target, true);
        }
        String email = claimed(IdentityKeys.email(ref.email()), ref.email(), true, target);
        target = email == null ? target : email;
        String phone = claimed(IdentityKeys.phone(ref.phone()), ref.phone(), false, target);
        String x = claimed(IdentityKeys.x(ref.x()), ref.x(), false, target);
        CustomerRef accepted = new CustomerRef(null, email == null ? null : ref.email(),
                phone == null ? null : ref.phone(), x == null ? null : ref.x());
        if (!accepted.isEmpty()) {
            change(target, current -> current == null ? null : ProfileMerge.fillAddresses(current, accepted));
        }
    }

    /** The customer the key ends up with, or null when it stays with someone else (a weak identity). */
    private String claimed(String key, String value, boolean strong, String target) {
        return key == null || value == null ? null : claim(key, target, strong);
    }

    /** Links the key to the target; a strong key owned by another known customer merges the two. Returns the survivor. */
    private String claim(String key, String target, boolean strong) {
        Optional<String> owner = identities.resolve(key);
        if (owner.isPresent() && owner.get().equals(target)) {
            return target;
        }
        if (owner.isEmpty() || profiles.get(owner.get()).isEmpty()) {
            identities.link(key, target);
            return target;
        }
        if (!strong) {
            LOG.info("identity of kind {} belongs to another customer; left there", key.substring(0, key.indexOf(':')));
            return null;
        }
        return merge(target, owner.get());
    }

    /**
     * Two known customers are one person. The survivor is the one the business named (a customerId
     * Right Time did not make from a provider id), else the one the signal resolved to. The other's
     * profile fills the survivor's gaps (a refused consent on either side stays refused), every key
     * that led to it and its own id then lead to the survivor, and its profile is removed. Each step
     * can be repeated, so a crash in between is finished by the redelivery.
     */
    public String merge(String resolved, String other) {
        boolean swap = PROVIDER_MADE.matcher(resolved).matches() && !PROVIDER_MADE.matcher(other).matches();
        String survivor = swap ? other : resolved;
        String absorbed = swap ? resolved : other;
        Optional<CustomerProfile> gone = profiles.get(absorbed);
        if (gone.isPresent()) {
            change(survivor, current -> current == null ? null : ProfileMerge.merge(current, gone.get()));
        }
        for (String key : identities.keysOf(absorbed)) {
            identities.link(key, survivor);
        }
        identities.link(providerKey(absorbed), survivor);
        profiles.delete(absorbed, 0);
        LOG.info("customers merged: {} into {}", absorbed, survivor);
        return survivor;
    }

    /** Stores a profile (whatever its version) and points its addresses' identity keys at it. */
    public void save(CustomerProfile profile) {
        CustomerProfile previous = profiles.get(profile.customerId()).orElse(null);
        link(profile);
        profiles.put(profile);
        unlinkStale(profile, previous);
    }

    /**
     * Read, change, write conditionally on the version read; again on a conflict, so a concurrent
     * writer's change is never lost. {@code change} gets null when there is no profile and may
     * return null for "leave it".
     */
    public CustomerProfile change(String customerId, UnaryOperator<CustomerProfile> change) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<ProfileStore.Versioned> read = profiles.read(customerId);
            CustomerProfile current = read.map(ProfileStore.Versioned::profile).orElse(null);
            CustomerProfile updated = change.apply(current);
            if (updated == null || updated.equals(current)) {
                return current;
            }
            if (write(updated, current, read.map(ProfileStore.Versioned::version).orElse(0L)) > 0) {
                return updated;
            }
        }
        throw new IllegalStateException("the profile kept changing under this write; retry");
    }

    /** Writes {@code profile} if the stored version is {@code expectedVersion}; the new version, or -1. */
    public long write(CustomerProfile profile, CustomerProfile previous, long expectedVersion) {
        link(profile);
        long version = profiles.put(profile, expectedVersion);
        if (version > 0) {
            unlinkStale(profile, previous);
        }
        return version;
    }

    public Optional<ProfileStore.Versioned> read(String customerId) {
        return profiles.read(customerId);
    }

    private void link(CustomerProfile profile) {
        for (String key : IdentityKeys.of(profile.addressesOrNone())) {
            identities.link(key, profile.customerId());
        }
    }

    private void unlinkStale(CustomerProfile profile, CustomerProfile previous) {
        if (previous == null) {
            return;
        }
        Set<String> stale = new HashSet<>(IdentityKeys.of(previous.addressesOrNone()));
        IdentityKeys.of(profile.addressesOrNone()).forEach(stale::remove);
        for (String key : stale) {
            identities.unlink(key, profile.customerId());
        }
    }

    /**
     * Erasure: the profile and every identity that led to it are removed. Returns the keys removed
     * (how many, for the erasure record; never logged).
     */
    public List<String> erase(String customerId) {
        List<String> keys = identities.keysOf(customerId);
        for (String key : keys) {
            identities.unlink(key, customerId);
        }
        profiles.delete(customerId, 0);
        return keys;
    }
}
