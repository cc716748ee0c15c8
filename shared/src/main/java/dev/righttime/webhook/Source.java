package dev.righttime.webhook;

import dev.righttime.model.SignalType;
import java.util.List;
import java.util.Map;

/**
 * One configured webhook source ({@code /webhooks/{name}}): how it signs, where its secrets are,
 * and how its events become signals. HMAC keys are derived on first use and again when a secret changes.
 */
public final class Source {

    private final String name;
    private final SignatureScheme scheme;
    private final SignalMapper mapper;
    private final List<String> secretRefs;
    private final Map<String, SignalType> events;
    private volatile Keys keys;

    Source(String name, SignatureScheme scheme, SignalMapper mapper, List<String> secretRefs,
           Map<String, SignalType> events) {
        this.name = name;
        this.scheme = scheme;
        this.mapper = mapper;
        this.secretRefs = List.copyOf(secretRefs);
        this.events = Map.copyOf(events);
    }

    public String name() {
        return name;
    }

    public SignatureScheme scheme() {
        return scheme;
    }

    public SignalMapper mapper() {
        return mapper;
    }

    public List<String> secretRefs() {
        return secretRefs;
    }

    public Map<String, SignalType> events() {
        return events;
    }

    /** The HMAC keys of every currently valid secret, first one first (derived again only when the secrets change). */
    List<byte[]> keys(SecretRefs secrets) {
        List<String> current = secrets.resolve(secretRefs);
        Keys k = keys;
        if (k == null || !k.secrets().equals(current)) {
            k = new Keys(current, current.stream().map(scheme::key).toList());
            keys = k;
        }
        return k.keys();
    }

    private record Keys(List<String> secrets, List<byte[]> keys) {}
}
