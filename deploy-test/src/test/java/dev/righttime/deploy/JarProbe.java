package dev.righttime.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs in a child JVM whose classpath is one function's Lambda jar plus this class alone (see
 * {@link LambdaJarsTest}): builds the handler with its no-arg (Lambda) constructor, runs its
 * SnapStart priming hook if it has one, and hands it one sample event. Jackson, for the event, comes from the
 * jar under test. A handler that throws a RuntimeException (the stub's SDK error) has still run its
 * code path; an Error such as NoClassDefFoundError escapes and makes the JVM exit non-zero.
 *
 * <p>Usage: {@code JarProbe <HandlerClass> <event.json>}; prints {@code PROBE ok <result>}.
 */
public final class JarProbe {

    private JarProbe() {
    }

    public static void main(String[] args) throws Exception {
        Class<?> type = Class.forName(args[0]);
        Object handler = type.getDeclaredConstructor().newInstance();
        Method prime = method(type, "beforeCheckpoint", 1);
        if (prime != null) {
            prime.invoke(handler, new Object[] {null});
        }
        Method handle = method(type, "handleRequest", 2);
        if (handle == null) {
            throw new IllegalArgumentException(type.getName() + " has no handleRequest(event, context)");
        }
        Object event = JsonMapper.builder()
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build()
                .readValue(Files.readString(Path.of(args[1])), handle.getParameterTypes()[0]);
        String result;
        try {
            result = String.valueOf(handle.invoke(handler, event, null));
        } catch (InvocationTargetException e) {
            if (!(e.getCause() instanceof RuntimeException failure)) {
                throw e;
            }
            result = "threw " + failure.getClass().getSimpleName();
        }
        System.out.println("PROBE ok " + result.replace('\n', ' '));
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
}
