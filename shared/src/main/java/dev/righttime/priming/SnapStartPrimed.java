package dev.righttime.priming;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import org.crac.Context;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Lambda handler primed for SnapStart the way Powertools primes its modules ({@code ClassPreLoader}):
 * before the snapshot, the classes named in {@value #CLASS_LIST} next to the handler class are loaded
 * and initialised, so the first request after a restore does not load them. The list is generated
 * from a real run of the function's Lambda jar (the classes its sample events load after the
 * constructor; deploy-test's {@code LambdaJarsTest} writes it with {@code -Drighttime.writeClassLists=true} and
 * fails when it goes stale). The handler registers itself with {@code Core.getGlobalContext()} in
 * its no-arg (Lambda) constructor. No request is made and no port is called: nothing is written,
 * and the snapshot holds no connection or credentials.
 */
public interface SnapStartPrimed extends Resource {

    /** The class list's resource name, beside the handler class (Powertools' file name). */
    String CLASS_LIST = "classesloaded.txt";

    @Override
    default void beforeCheckpoint(Context<? extends Resource> context) {
        preload(getClass());
    }

    @Override
    default void afterRestore(Context<? extends Resource> context) {
        // Nothing to refresh: the snapshot holds no connection.
    }

    /**
     * Loads and initialises every class named in {@code handler}'s list (one name a line; blank lines
     * and {@code #} comments skipped) and returns how many loaded. Never fails the snapshot: a name
     * this JVM lacks (the list also names JDK classes, which differ between JDK builds) or a class
     * whose initialiser fails is counted and skipped; the log line carries counts only.
     */
    static Preloaded preload(Class<?> handler) {
        Logger log = LoggerFactory.getLogger(SnapStartPrimed.class);
        int loaded = 0;
        int skipped = 0;
        try (InputStream in = handler.getResourceAsStream(CLASS_LIST)) {
            if (in == null) {
                log.warn("no {} beside {}: nothing primed", CLASS_LIST, handler.getSimpleName());
                return new Preloaded(0, 0);
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String name = line.strip();
                if (name.isEmpty() || name.startsWith("#")) {
                    continue;
                }
                try {
                    Class.forName(name, true, handler.getClassLoader());
                    loaded++;
                } catch (ClassNotFoundException | LinkageError e) {
                    skipped++;
                }
            }
        } catch (IOException | RuntimeException e) {
            log.warn("priming stopped ({})", e.getClass().getSimpleName());
        }
        log.info("primed {} classes, {} skipped", loaded, skipped);
        return new Preloaded(loaded, skipped);
    }

    /** What {@link #preload} did: classes loaded and names skipped. */
    record Preloaded(int loaded, int skipped) {
    }
}
