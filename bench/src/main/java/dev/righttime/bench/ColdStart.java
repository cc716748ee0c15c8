package dev.righttime.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A cold-start proxy: JVM start to the first handled event, in one fresh JVM. Loads the handler by
 * name, builds it with its no-arg (Lambda) constructor, reads the event JSON into the handler's
 * input type, calls {@code handleRequest(event, null)} once, and prints one line
 * {@code COLDSTART {"handler":..,"jvmToResponseMs":..,"cpuMs":..,"classes":..,"constructMs":..,"firstRequestMs":..,"primeMs":..,"threw":..}}
 * ({@code classes}: classes loaded when the response is back, the launcher's own included).
 * A handler that throws a {@link RuntimeException} (e.g. the stub's SDK error) has still handled
 * the event ({@code threw} names the exception); any other throwable, such as a
 * {@link NoClassDefFoundError} from a jar that lacks a class, fails the run.
 * With {@code --prime} it first runs the handler's CRaC {@code beforeCheckpoint} hook (what SnapStart
 * runs before the snapshot) and reports the first request after it.
 *
 * <p>With {@code --checkpoint DIR} it stops where SnapStart takes its snapshot (after the constructor
 * and the hook): it writes its pid to {@code DIR/ready} and waits for {@code DIR/go}. bench/snapstart.sh
 * dumps the process with CRIU there, restores it, and times restore → first response; the line then
 * also carries {@code endEpochMicros}, when the response was back.
 *
 * <p>Usage: {@code java -cp <function-lambda.jar>:bench/target/righttime-coldstart.jar dev.righttime.bench.ColdStart <HandlerClass> <event.json> [--prime] [--checkpoint DIR]}.
 * Point the environment at a dead local endpoint (bench/coldstart.sh does) so the first request's
 * I/O fails at once instead of waiting on the network: the figure is start-up and code-path cost,
 * not AWS latency.
 */
public final class ColdStart {

    private ColdStart() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: ColdStart <HandlerClass> <event.json> [--prime]");
            System.exit(2);
        }
        List<String> options = List.of(args).subList(2, args.length);
        boolean prime = options.contains("--prime");
        int at = options.indexOf("--checkpoint");
        Path checkpoint = at >= 0 && at + 1 < options.size() ? Path.of(options.get(at + 1)) : null;
        long t0 = System.nanoTime();
        Class<?> type = Class.forName(args[0]);
        Object handler = type.getDeclaredConstructor().newInstance();
        long constructed = System.nanoTime();
        long primeNanos = 0;
        if (prime) {
            Method hook = findMethod(type, "beforeCheckpoint", 1);
            if (hook == null) {
                throw new IllegalArgumentException(args[0] + " has no beforeCheckpoint hook");
            }
            long p = System.nanoTime();
            hook.invoke(handler, new Object[] {null});
            primeNanos = System.nanoTime() - p;
        }
        Method handle = findMethod(type, "handleRequest", 2);
        if (handle == null) {
            throw new IllegalArgumentException(args[0] + " has no handleRequest(event, context)");
        }
        if (checkpoint != null) {
            // Lambda's runtime builds its deserialiser for the handler's input type at init, before
            // the snapshot; reading the event once here does the same for every row, hello's included.
            events().readValue(Files.readString(Path.of(args[1])), handle.getParameterTypes()[0]);
            awaitRestore(checkpoint);
        }
        long classesBefore = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
        long r = System.nanoTime();
        Object event = events().readValue(Files.readString(Path.of(args[1])), handle.getParameterTypes()[0]);
        Object response;
        String threw = null;
        try {
            response = handle.invoke(handler, event, null);
        } catch (InvocationTargetException e) {
            // A handler that lets an SDK exception out still ends the invocation (Lambda reports the
            // error); an Error such as NoClassDefFoundError is a broken jar and fails the run.
            if (!(e.getCause() instanceof RuntimeException failure)) {
                throw e;
            }
            response = null;
            threw = failure.getClass().getSimpleName();
        }
        long done = System.nanoTime();
        Instant end = Instant.now();
        long now = end.toEpochMilli();
        long cpuMs = processCpuMillis();
        long jvmToResponse = now - ManagementFactory.getRuntimeMXBean().getStartTime();
        long classes = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
        System.out.printf(Locale.ROOT, "COLDSTART {\"handler\":\"%s\",\"primed\":%b,\"jvmToResponseMs\":%d,\"cpuMs\":%d,\"classes\":%d,\"constructMs\":%.1f,"
                        + "\"firstRequestMs\":%.1f,\"primeMs\":%.1f,\"responded\":%b,\"threw\":%s,\"endEpochMicros\":%d,\"classesInRequest\":%d}%n", args[0], prime,
                jvmToResponse - primeNanos / 1_000_000, cpuMs, classes, (constructed - t0) / 1e6, (done - r) / 1e6, primeNanos / 1e6, response != null,
                threw == null ? "null" : "\"" + threw + "\"", end.getEpochSecond() * 1_000_000 + end.getNano() / 1_000,
                classes - classesBefore);
        System.exit(0);
    }

    /**
     * Announces the snapshot point and waits (polling every millisecond) until the harness says go.
     * {@code ready} appears complete or not at all (written aside, then renamed): a reader that sees
     * the file never reads it empty.
     */
    static void awaitRestore(Path dir) throws IOException, InterruptedException {
        Path pending = dir.resolve("ready.tmp");
        Files.writeString(pending, Long.toString(ProcessHandle.current().pid()));
        Files.move(pending, dir.resolve("ready"), StandardCopyOption.ATOMIC_MOVE);
        Path go = dir.resolve("go");
        while (!Files.exists(go)) {
            Thread.sleep(1);
        }
    }

    /**
     * CPU time of the whole process so far (every thread: main, JIT compiler, GC), from Linux's
     * /proc/self/stat in clock ticks (10 ms); -1 elsewhere. Less sensitive than the wall-clock time to
     * other processes on a shared machine; it includes the priming time of a primed run.
     */
    private static long processCpuMillis() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10; // utime, stime (fields 14, 15)
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The public method with this name and arity whose first parameter is most specific (not the bridge). */
    private static Method findMethod(Class<?> type, String name, int arity) {
        Method found = null;
        for (Method m : type.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == arity && !m.isBridge()) {
                found = m;
            }
        }
        return found;
    }

    /** Lambda's event JSON (e.g. "Records", "isBase64Encoded") into the events library's beans. */
    private static ObjectMapper events() {
        return JsonMapper.builder()
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }
}
