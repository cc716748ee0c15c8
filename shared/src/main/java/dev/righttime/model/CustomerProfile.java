package dev.righttime.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.righttime.time.QuietHours;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/** A customer as the brand knows them. Every field but customerId may be missing. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CustomerProfile(
        String customerId,
        ZoneId timezone,
        QuietHours quietHours,
        Consent consent,
        Addresses addresses,
        List<String> segments,
        Channel preferredChannel,
        Map<String, Object> attributes) {

    public CustomerProfile {
        if (customerId == null || customerId.isBlank()) {
            throw new IllegalArgumentException("customerId is required");
        }
    }

    public static CustomerProfile of(String customerId) {
        return new CustomerProfile(customerId, null, null, null, null, null, null, null);
    }

    public Consent consentOrNone() {
        return consent == null ? Consent.NONE : consent;
    }

    public Addresses addressesOrNone() {
        return addresses == null ? Addresses.NONE : addresses;
    }

    public List<String> segmentsOrNone() {
        return segments == null ? List.of() : segments;
    }

    public Map<String, Object> attributesOrNone() {
        return attributes == null ? Map.of() : attributes;
    }

    public CustomerProfile withConsent(Consent c) {
        return new CustomerProfile(customerId, timezone, quietHours, c, addresses, segments, preferredChannel, attributes);
    }
}
