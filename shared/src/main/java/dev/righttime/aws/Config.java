package dev.righttime.aws;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The one way a function reads its configuration: environment variables, read once by its
 * composition root. A blank value counts as unset. Errors name the variable, never a value.
 */
public record Config(Map<String, String> env) {

    public Config {
        Objects.requireNonNull(env, "env");
    }

    /** Lambda: this process's environment. */
    public static Config fromEnvironment() {
        return new Config(System.getenv());
    }

    public static Config of(Map<String, String> env) {
        return new Config(env);
    }

    /** The value, or a {@link Missing} naming the variable. */
    public String required(String name) {
        return optional(name).orElseThrow(() -> new Missing(name));
    }

    /** The value when set and not blank. */
    public Optional<String> optional(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }

    public String optional(String name, String fallback) {
        return optional(name).orElse(fallback);
    }

    public boolean has(String name) {
        return optional(name).isPresent();
    }

    /** The variables' names only: a Config in a log or an exception message shows no secret. */
    @Override
    public String toString() {
        return "Config" + new java.util.TreeSet<>(env.keySet());
    }

    /** A required variable is unset or blank: the function cannot start. */
    public static final class Missing extends IllegalStateException {

        private final String variable;

        public Missing(String variable) {
            super("environment variable " + variable + " is required");
            this.variable = variable;
        }

        public String variable() {
            return variable;
        }
    }
}
