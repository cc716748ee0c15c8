package dev.righttime.webhook;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** HTTP request headers, looked up case-insensitively (API Gateway lower-cases them, others do not). */
public final class Headers {

    private final Map<String, String> values;

    private Headers(Map<String, String> values) {
        this.values = values;
    }

    public static Headers of(Map<String, String> headers) {
        TreeMap<String, String> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((k, v) -> {
                if (k != null && v != null) {
                    m.put(k, v);
                }
            });
        }
        return new Headers(Collections.unmodifiableMap(m));
    }

    /** The header's value, trimmed, or empty when it is missing or blank. */
    public Optional<String> get(String name) {
        String v = values.get(name);
        if (v == null || v.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(v.trim());
    }

    /** The header's value or a 401 {@code missing_signature} naming the header. */
    public String require(String name) {
        return get(name).orElseThrow(() -> new WebhookException(Failure.MISSING_SIGNATURE, "missing header " + name));
    }
}
