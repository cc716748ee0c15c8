package dev.righttime.deploy;

import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.Map;

/**
 * Sets this JVM's environment, as Lambda gives each function its own: the handlers' no-arg
 * constructors read {@code System.getenv()}, and Java has no API to set it. Replaces the map
 * behind {@code System.getenv} (needs {@code --add-opens java.base/java.util} and
 * {@code java.base/java.lang}, set in deploy-test's Surefire configuration). Test code only.
 */
final class ProcessEnv {

    private static final Map<String, String> ORIGINAL = Map.copyOf(System.getenv());

    /** Runs {@code work} with exactly {@code env} as the environment, then restores the original one. */
    static void with(Map<String, String> env, Runnable work) {
        set(env);
        try {
            work.run();
        } finally {
            set(ORIGINAL);
        }
    }

    @SuppressWarnings("unchecked")
    private static void set(Map<String, String> env) {
        try {
            Class<?> pe = Class.forName("java.lang.ProcessEnvironment");
            Field unmodifiable = pe.getDeclaredField("theUnmodifiableEnvironment");
            unmodifiable.setAccessible(true);
            Map<String, String> view = (Map<String, String>) unmodifiable.get(null);
            Field inner = view.getClass().getDeclaredField("m");
            inner.setAccessible(true);
            inner.set(view, new HashMap<>(env));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot set the environment (deploy-test's Surefire argLine opens java.base): " + e, e);
        }
    }

    private ProcessEnv() {
    }
}
