package dev.righttime.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs in a child JVM whose classpath is one function's Lambda jar plus this class alone (see
 * {@link LambdaJarsTest}): builds the handler with its no-arg (Lambda) constructor, runs its
 * SnapStart priming hook if it has one (unless {@code --no-prime}), and hands it each sample event
 * in turn. Jackson, for the events, comes from the jar under test. A handler that throws a
 * RuntimeException (the stub's SDK error) has still run its code path; an Error such as
 * NoClassDefFoundError escapes and makes the JVM exit non-zero.
 *
 * <p>Two marker classes are loaded between the steps, so a {@code -Xlog:class+load} log of the run
 * shows which classes the constructor, the priming and the requests loaded: {@link Constructed}
 * after the constructor, {@link Primed} after the hook.
 *
 * <p>Usage: {@code JarProbe [--no-prime] <HandlerClass> <event.json>...}; prints {@code PROBE ok <results>}.
 */
public final class JarProbe {

    private JarProbe() {
    }

    public static void main(String[] args) throws Exception {
        boolean prime = !args[0].equals("--no-prime");
        List<String> rest = List.of(args).subList(prime ? 0 : 1, args.length);
        Class<?> type = Class.forName(rest.get(0));
        Object handler = type.getDeclaredConstructor().newInstance();
        Constructed.mark();
        Method hook = method(type, "beforeCheckpoint", 1);
        if (prime && hook != null) {
            hook.invoke(handler, new Object[] {null});
        }
        Primed.mark();
        Method handle = method(type, "handleRequest", 2);
        if (handle == null) {
            throw new IllegalArgumentException(type.getName() + " has no handleRequest(event, context)");
        }
        ObjectMapper events = JsonMapper.builder()
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        StringBuilder results = new StringBuilder();
        for (String file : rest.subList(1, rest.size())) {
            Object event = events.readValue(Files.readString(Path.of(file)), handle.getParameterTypes()[0]);
            String result;
            try {
                result = String.valueOf(handle.invoke(handler, event, null));
            } catch (InvocationTargetException e) {
                if (!(e.getCause() instanceof RuntimeException failure)) {
                    throw e;
                }
                result = "threw " + failure.getClass().getSimpleName();
            }
            results.append(result.replace('\n', ' ')).append(" | ");
        }
        System.out.println("PROBE ok " + results);
        System.exit(0);
    }

    /** The public non-bridge method with this name and arity, or null. */
    private static Method method(Class<?> type, String name, int arity) {
        for (Method m : type.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == arity && !m.isBridge()) {
                return m;
            }
        }
        return null;
    }

    /** Loaded (and so logged) right after the handler's constructor. */
    static final class Constructed {
        static void mark() {
        }
    }

    /** Loaded right after the priming hook, before the first event. */
    static final class Primed {
        static void mark() {
        }
    }
}
