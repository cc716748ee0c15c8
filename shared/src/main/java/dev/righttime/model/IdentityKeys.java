package dev.righttime.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Normalised lookup keys for identities, so "Ada@Example.com" and "ada@example.com", or "@Ada" and
 * "ada", resolve to the same customer. Keys are prefixed by kind: {@code email:}, {@code phone:}, {@code x:}.
 */
public final class IdentityKeys {

    private IdentityKeys() {
    }

    public static String email(String email) {
        return email == null || email.isBlank() ? null : "email:" + email.trim().toLowerCase(Locale.ROOT);
    }

    /** Digits only, keeping a leading '+': "+49 151-123 45" and "+4915112345" match. */
    public static String phone(String phone) {
        if (phone == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(phone.length());
        String p = phone.trim();
        if (p.startsWith("+")) {
            b.append('+');
        }
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c >= '0' && c <= '9') {
                b.append(c);
            }
        }
        return b.length() == 0 || (b.length() == 1 && b.charAt(0) == '+') ? null : "phone:" + b;
    }

    public static String x(String handle) {
        if (handle == null) {
            return null;
        }
        String h = handle.trim();
        if (h.startsWith("@")) {
            h = h.substring(1);
        }
        return h.isEmpty() ? null : "x:" + h.toLowerCase(Locale.ROOT);
    }

    /** The keys a reference can be looked up by, most specific identity first. */
    public static List<String> of(CustomerRef ref) {
        List<String> keys = new ArrayList<>(3);
        addIfPresent(keys, email(ref.email()));
        addIfPresent(keys, phone(ref.phone()));
        addIfPresent(keys, x(ref.x()));
        return keys;
    }

    /** The keys a profile's addresses are reachable by. */
    public static List<String> of(Addresses a) {
        List<String> keys = new ArrayList<>(3);
        addIfPresent(keys, email(a.email()));
        addIfPresent(keys, phone(a.phone()));
        addIfPresent(keys, x(a.x()));
        return keys;
    }

    private static void addIfPresent(List<String> keys, String key) {
        if (key != null) {
            keys.add(key);
        }
    }
}
