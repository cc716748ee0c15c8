package dev.righttime.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.righttime.priming.SnapStartPrimed;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** A handler's SnapStart class list ({@link SnapStartPrimed#CLASS_LIST} beside it), as the function tests read it. */
public final class ClassLists {

    private static final List<String> JDK = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

    private ClassLists() {
    }

    /**
     * What every function's PrimingTest checks of its list: it names the given classes of the
     * request path, every name outside the JDK resolves, and the hook's preload loads them.
     */
    public static void check(Class<?> handler, String... requestPath) {
        assertThat(names(handler)).contains(requestPath);
        assertThat(missing(handler)).as("stale: run scripts/priming-classes.sh").isEmpty();
        assertThat(SnapStartPrimed.preload(handler).loaded()).as("classes primed").isGreaterThan(300);
    }

    /** The class names the list gives, in order. */
    public static List<String> names(Class<?> handler) {
        try (InputStream in = handler.getResourceAsStream(SnapStartPrimed.CLASS_LIST)) {
            if (in == null) {
                throw new AssertionError(handler.getSimpleName() + " has no " + SnapStartPrimed.CLASS_LIST
                        + " beside it: generate it with scripts/priming-classes.sh");
            }
            return new String(in.readAllBytes(), UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Listed classes outside the JDK that this classpath lacks (the list has gone stale: a class was
     * renamed or removed). JDK classes are left out: they differ between JDK builds.
     */
    public static List<String> missing(Class<?> handler) {
        List<String> out = new ArrayList<>();
        for (String name : names(handler)) {
            if (JDK.stream().noneMatch(name::startsWith)) {
                try {
                    Class.forName(name, false, handler.getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    out.add(name);
                }
            }
        }
        return out;
    }
}
