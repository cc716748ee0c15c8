package dev.righttime.deploy;

import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

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
        set(new HashMap<>(env));
        try {
            work.run();
        } finally {
            set(ORIGINAL);
        }
    }

    /**
     * As {@link #with}, and tells {@code onRead} each variable Right Time's own code looks up (by
     * name, with the class and method that asked): reads by the SDK, Powertools or log4j are not ours.
     */
    static void recording(Map<String, String> env, BiConsumer<String, String> onRead, Runnable work) {
        set(new HashMap<>(env) {
            @Override
            public String get(Object name) {
                if (name instanceof String n) {
                    reader().ifPresent(where -> onRead.accept(n, where));
                }
                return super.get(name);
            }

            @Override
            public String getOrDefault(Object name, String fallback) {
                String v = get(name);
                return v != null ? v : fallback;
            }
        });
        try {
            work.run();
        } finally {
            set(ORIGINAL);
        }
    }

    /** The first caller outside the JDK, this test module and the shared config readers (Config, AwsParts), if it is Right Time's. */
    private static Optional<String> reader() {
        return StackWalker.getInstance().walk(frames -> frames
                .filter(f -> !f.getClassName().startsWith("java.") && !f.getClassName().startsWith("jdk.")
                        && !f.getClassName().startsWith("sun.") && !f.getClassName().startsWith("dev.righttime.deploy.")
                        && !f.getClassName().equals("dev.righttime.aws.Config") && !f.getClassName().equals("dev.righttime.aws.AwsParts"))
                .findFirst()
                .filter(f -> f.getClassName().startsWith("dev.righttime."))
                .map(f -> f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "." + f.getMethodName()));
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
            inner.set(view, env instanceof HashMap<String, String> own ? own : new HashMap<>(env));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot set the environment (deploy-test's Surefire argLine opens java.base): " + e, e);
        }
    }

    private ProcessEnv() {
    }
}
