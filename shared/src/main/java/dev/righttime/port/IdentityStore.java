package dev.righttime.port;

import java.util.List;
import java.util.Optional;

/**
 * Identity keys (normalised by {@link dev.righttime.model.IdentityKeys}: {@code email:..},
 * {@code phone:..}, {@code x:..}, or a provider's customer id as {@code ref:<id>}) to customerIds.
 */
public interface IdentityStore {

    Optional<String> resolve(String identityKey);

    /** Points the key at the customer (the latest link wins). */
    void link(String identityKey, String customerId);

    /** Removes the key, but only if it still points at this customer. */
    void unlink(String identityKey, String customerId);

    /** Every key pointing at the customer (merges and erasure; rare, so a scan is fine). */
    List<String> keysOf(String customerId);
}
