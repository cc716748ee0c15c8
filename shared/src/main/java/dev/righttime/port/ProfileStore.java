package dev.righttime.port;

import dev.righttime.model.CustomerProfile;
import java.util.List;
import java.util.Optional;

/**
 * Customer profiles by customerId. Each stored profile has a version (1 on creation, +1 on every
 * write), so writers that read, change and write back never silently overwrite each other: a write
 * names the version it read and fails when another writer got there first.
 */
public interface ProfileStore {

    /** A profile with the version it was read at. */
    record Versioned(CustomerProfile profile, long version) {
    }

    Optional<CustomerProfile> get(String customerId);

    /** The profile and its version; empty when there is none. */
    Optional<Versioned> read(String customerId);

    /** Creates or replaces the profile, whatever its version (seeding). */
    void put(CustomerProfile profile);

    /**
     * Writes the profile if the stored version is {@code expectedVersion} (0: no profile yet).
     * Returns the new version, or -1 when the stored version was another (nothing written).
     */
    long put(CustomerProfile profile, long expectedVersion);

    /** Removes the profile if its version is {@code expectedVersion} (0: any); false if it was not (or is gone). */
    boolean delete(String customerId, long expectedVersion);

    /**
     * Records that the customer's data was erased: when, by whom, and how much (no personal data).
     * Kept apart from profiles: a lookup by customerId never finds it.
     */
    void recordErasure(String customerId, java.time.Instant at, String by, java.util.Map<String, Integer> counts);

    /** Every profile listing {@code segment} in its segments (emergency fan-out). */
    List<CustomerProfile> membersOf(String segment);
}
