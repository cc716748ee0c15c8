package dev.righttime.port;

import dev.righttime.model.CustomerProfile;
import java.util.List;
import java.util.Optional;

/** Customer profiles by customerId. */
public interface ProfileStore {

    Optional<CustomerProfile> get(String customerId);

    /** Creates or replaces the profile. */
    void put(CustomerProfile profile);

    /** Every profile listing {@code segment} in its segments (emergency fan-out). */
    List<CustomerProfile> membersOf(String segment);
}
