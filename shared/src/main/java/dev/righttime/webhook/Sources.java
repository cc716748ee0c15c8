package dev.righttime.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.righttime.model.SignalType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The configured sources, read once at start-up from YAML ({@code sources.yaml} in the jar by
 * default). Each entry names a {@code scheme}, a {@code mapper}, optional {@code secrets}
 * (default {@code env:RIGHTTIME_SECRET_<NAME>}) and {@code events}: provider event name to signal type.
 */
public final class Sources {

    public static final String DEFAULT_RESOURCE = "/sources.yaml";

    private static final Map<String, Supplier<SignatureScheme>> SCHEMES = Map.of(
            "standard-webhooks", StandardWebhooksScheme::new,
            "stripe", StripeScheme::new,
            "shopify", ShopifyScheme::new,
            "zendesk", ZendeskScheme::new,
            "segment", SegmentScheme::new,
            "x", XScheme::new);

    private static final Map<String, Supplier<SignalMapper>> MAPPERS = Map.of(
            "canonical", CanonicalMapper::new,
            "stripe", StripeMapper::new,
            "shopify", ShopifyMapper::new,
            "zendesk", ZendeskMapper::new,
            "segment", SegmentMapper::new,
            "x", XMapper::new);

    private static final Set<String> KEYS = Set.of("scheme", "mapper", "secrets", "events");

    private final Map<String, Source> byName;

    private Sources(Map<String, Source> byName) {
        this.byName = Map.copyOf(byName);
    }

    public static Sources defaults() {
        try (InputStream in = Sources.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_RESOURCE + " is missing from the classpath");
            }
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads and checks a sources file; any unknown key, scheme, mapper or signal type is an error. */
    public static Sources load(InputStream yaml) throws IOException {
        JsonNode root = new YAMLMapper().readTree(yaml);
        JsonNode sources = root == null ? null : root.get("sources");
        if (sources == null || !sources.isObject() || sources.isEmpty()) {
            throw new IllegalArgumentException("sources: a mapping of at least one source is required");
        }
        Map<String, Source> byName = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = sources.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            byName.put(e.getKey(), source(e.getKey(), e.getValue()));
        }
        return new Sources(byName);
    }

    public Optional<Source> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(byName.get(name));
    }

    public Set<String> names() {
        return byName.keySet();
    }

    /** {@code RIGHTTIME_SECRET_<SOURCE>}: the environment variable a source's secret defaults to. */
    public static String defaultSecretVariable(String source) {
        return "RIGHTTIME_SECRET_" + source.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static Source source(String name, JsonNode node) {
        String where = "sources." + name;
        if (!name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException(where + ": a source name is lower-case letters, digits and '-'");
        }
        node.fieldNames().forEachRemaining(k -> {
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException(where + ": unknown key '" + k + "'");
            }
        });
        SignatureScheme scheme = lookup(SCHEMES, node.path("scheme").asText(null), where + ".scheme");
        SignalMapper mapper = lookup(MAPPERS, node.path("mapper").asText(null), where + ".mapper");
        List<String> secrets = new ArrayList<>();
        JsonNode s = node.path("secrets");
        if (s.isTextual()) {
            secrets.add(s.asText());
        } else if (s.isArray()) {
            s.forEach(v -> secrets.add(v.asText()));
        } else if (!s.isMissingNode()) {
            throw new IllegalArgumentException(where + ".secrets: a reference or a list of references");
        }
        if (secrets.isEmpty()) {
            secrets.add("env:" + defaultSecretVariable(name));
        }
        secrets.forEach(SecretRefs::validate);
        Map<String, SignalType> events = new LinkedHashMap<>();
        node.path("events").fields().forEachRemaining(e -> {
            try {
                events.put(e.getKey(), SignalType.fromWire(e.getValue().asText()));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(where + ".events." + e.getKey() + ": " + ex.getMessage());
            }
        });
        return new Source(name, scheme, mapper, secrets, events);
    }

    private static <T> T lookup(Map<String, Supplier<T>> known, String key, String where) {
        Supplier<T> s = key == null ? null : known.get(key);
        if (s == null) {
            throw new IllegalArgumentException(where + ": one of " + new java.util.TreeSet<>(known.keySet()) + " is required");
        }
        return s.get();
    }
}
