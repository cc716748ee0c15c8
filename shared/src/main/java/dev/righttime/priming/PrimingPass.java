package dev.righttime.priming;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a function's in-memory priming pass before the snapshot without ever failing the snapshot:
 * a RuntimeException is logged by its class only (a message could carry sample data) and skipped,
 * and the first request after a restore is slower, nothing else. Errors (a class missing from the
 * Lambda jar) still escape, so deploy-test's jar check sees them. {@code SdkPriming.quietly} runs
 * the SDK pass through it.
 */
public final class PrimingPass {

    private static final Logger LOG = LoggerFactory.getLogger(PrimingPass.class);

    private PrimingPass() {
    }

    /** Runs {@code pass}; true if it ran through. */
    public static boolean quietly(String name, Runnable pass) {
        try {
            pass.run();
            return true;
        } catch (RuntimeException e) {
            LOG.warn("{} priming skipped ({})", name, e.getClass().getSimpleName());
            return false;
        }
    }
}
