package dev.righttime.policy;

import dev.righttime.model.CustomerProfile;
import java.util.List;

/**
 * Who a signal is about, once resolved: a known customer (profile), a customer id with no profile,
 * nobody, or for emergencies the members of the alerted segment.
 */
public record Subject(String customerId, CustomerProfile profile, List<CustomerProfile> segmentMembers) {

    public Subject {
        segmentMembers = segmentMembers == null ? List.of() : List.copyOf(segmentMembers);
    }

    public static Subject customer(CustomerProfile profile) {
        return new Subject(profile.customerId(), profile, List.of());
    }

    /** Unresolved: an id the source gave but we have no profile for, or null. */
    public static Subject unknown(String customerIdOrNull) {
        return new Subject(customerIdOrNull, null, List.of());
    }

    public static Subject segment(List<CustomerProfile> members) {
        return new Subject(null, null, members);
    }

    public boolean isKnown() {
        return profile != null;
    }
}
