package dev.righttime.local.serve;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.righttime.model.Json;
import dev.righttime.webhook.Sources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The local runtime's secrets: each source's {@code RIGHTTIME_SECRET_<SOURCE>} and the newsroom's
 * {@code RIGHTTIME_ADMIN_TOKEN}, from the environment where given, else generated (and, with
 * {@code --data}, kept in {@code secrets.json} so a restart keeps the same ones).
 */
public final class LocalSecrets {

    public static final String ADMIN_TOKEN = "RIGHTTIME_ADMIN_TOKEN";
    /** The whsec_ key outbound webhooks (social replies, chat) are signed with. */
    public static final String OUTBOUND_WEBHOOK_SECRET = "OUTBOUND_WEBHOOK_SECRET";
    /** The key unsubscribe links and the preference page's tokens are signed with. */
    public static final String UNSUBSCRIBE_SECRET = "UNSUBSCRIBE_SECRET";

    private final Map<String, String> values = new LinkedHashMap<>();
    private final Set<String> generated = new java.util.LinkedHashSet<>();

    public LocalSecrets(Set<String> sources, UnaryOperator<String> env, Path dataDir) {
        Map<String, String> kept = load(dataDir);
        SecureRandom random = new SecureRandom();
        for (String source : new java.util.TreeSet<>(sources)) {
            String name = Sources.defaultSecretVariable(source);
            resolve(name, env, kept, () -> {
                byte[] key = new byte[24];
                random.nextBytes(key);
                // Standard Webhooks secrets are whsec_ + base64; the others are plain shared strings.
                return source.equals("standard") ? "whsec_" + Base64.getEncoder().encodeToString(key)
                        : HexFormat.of().formatHex(key);
            });
        }
        resolve(OUTBOUND_WEBHOOK_SECRET, env, kept, () -> {
            byte[] key = new byte[24];
            random.nextBytes(key);
            return "whsec_" + Base64.getEncoder().encodeToString(key);
        });
        resolve(LocalFeedback.SECRET, env, kept, () -> {
            byte[] key = new byte[24];
            random.nextBytes(key);
            return "whsec_" + Base64.getEncoder().encodeToString(key);
        });
        resolve(UNSUBSCRIBE_SECRET, env, kept, () -> {
            byte[] key = new byte[24];
            random.nextBytes(key);
            return HexFormat.of().formatHex(key);
        });
        resolve(ADMIN_TOKEN, env, kept, () -> {
            byte[] token = new byte[18];
            random.nextBytes(token);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
        });
        save(dataDir);
    }

    private void resolve(String name, UnaryOperator<String> env, Map<String, String> kept, java.util.function.Supplier<String> make) {
        String v = env.apply(name);
        if (v == null || v.isBlank()) {
            v = kept.get(name);
            if (v == null) {
                v = make.get();
            }
            generated.add(name);
        }
        values.put(name, v);
    }

    public Map<String, String> values() {
        return values;
    }

    public String get(String name) {
        return values.get(name);
    }

    /** The names whose value was not given in the environment (so start-up prints them). */
    public Set<String> generated() {
        return generated;
    }

    private static Map<String, String> load(Path dataDir) {
        if (dataDir == null || !Files.exists(dataDir.resolve("secrets.json"))) {
            return Map.of();
        }
        try {
            return Json.mapper().readValue(dataDir.resolve("secrets.json").toFile(), new TypeReference<Map<String, String>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dataDir.resolve("secrets.json"), e);
        }
    }

    private void save(Path dataDir) {
        if (dataDir == null) {
            return;
        }
        try {
            Files.createDirectories(dataDir);
            Map<String, String> kept = new LinkedHashMap<>();
            generated.forEach(n -> kept.put(n, values.get(n)));
            Path file = dataDir.resolve("secrets.json");
            Files.writeString(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(kept));
            file.toFile().setReadable(false, false);
            file.toFile().setReadable(true, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write secrets.json in " + dataDir, e);
        }
    }
}
