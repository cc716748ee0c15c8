package dev.righttime.policy;

import dev.righttime.model.Addresses;
import dev.righttime.model.Consent;
import dev.righttime.model.CustomerProfile;
import dev.righttime.model.CustomerRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Pure rules for joining what two sources know about one person (README, "Profiles and identities").
 * A provider's link only fills gaps; when two known customers turn out to be one, the survivor's
 * fields win, the other's fill its gaps, a refusal of consent on either side wins, segments add up.
 */
public final class ProfileMerge {

    private ProfileMerge() {
    }

    /** The profile with the reference's email, phone and X handle added where it has none. */
    public static CustomerProfile fillAddresses(CustomerProfile p, CustomerRef ref) {
        Addresses a = p.addressesOrNone();
        Addresses filled = new Addresses(first(a.email(), ref.email()), first(a.phone(), ref.phone()), first(a.x(), ref.x()));
        if (filled.equals(a) || (p.addresses() == null && filled.equals(Addresses.NONE))) {
            return p;
        }
        return new CustomerProfile(p.customerId(), p.timezone(), p.quietHours(), p.consent(), filled, p.segments(),
                p.preferredChannel(), p.attributes());
    }

    /** {@code absorbed} folded into {@code survivor}; the survivor keeps its customerId. */
    public static CustomerProfile merge(CustomerProfile survivor, CustomerProfile absorbed) {
        Addresses a = survivor.addressesOrNone();
        Addresses b = absorbed.addressesOrNone();
        Addresses addresses = new Addresses(first(a.email(), b.email()), first(a.phone(), b.phone()), first(a.x(), b.x()));
        Consent c = survivor.consentOrNone();
        Consent d = absorbed.consentOrNone();
        Consent consent = new Consent(strictest(c.email(), d.email()), strictest(c.sms(), d.sms()), strictest(c.social(), d.social()));
        List<String> segments = new ArrayList<>(new LinkedHashSet<>(concat(survivor.segmentsOrNone(), absorbed.segmentsOrNone())));
        Map<String, Object> attributes = new LinkedHashMap<>(absorbed.attributesOrNone());
        attributes.putAll(survivor.attributesOrNone());
        return new CustomerProfile(survivor.customerId(), first(survivor.timezone(), absorbed.timezone()),
                first(survivor.quietHours(), absorbed.quietHours()),
                consent.equals(Consent.NONE) ? null : consent,
                addresses.equals(Addresses.NONE) ? null : addresses,
                segments.isEmpty() ? null : segments,
                first(survivor.preferredChannel(), absorbed.preferredChannel()),
                attributes.isEmpty() ? null : attributes);
    }

    /** A refusal on either side wins; else a grant on either side; else never asked. */
    static Boolean strictest(Boolean x, Boolean y) {
        if (Boolean.FALSE.equals(x) || Boolean.FALSE.equals(y)) {
            return false;
        }
        return Boolean.TRUE.equals(x) || Boolean.TRUE.equals(y) ? true : null;
    }

    private static <T> T first(T x, T y) {
        return x != null ? x : y;
    }

    private static List<String> concat(List<String> x, List<String> y) {
        List<String> all = new ArrayList<>(x);
        all.addAll(y);
        return all;
    }
}
