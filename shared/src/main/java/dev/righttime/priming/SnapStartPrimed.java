package dev.righttime.priming;

import org.crac.Context;
import org.crac.Resource;

/**
 * A Lambda handler primed for SnapStart. It registers itself with {@code Core.getGlobalContext()} in
 * its no-arg (Lambda) constructor and names its two passes; before the snapshot the in-memory pass
 * runs through {@link PrimingPass#quietly} and then the SDK pass (which guards itself with
 * {@code SdkPriming.quietly}), so a failing pass never fails the snapshot. After a restore nothing
 * needs refreshing: the snapshot holds no connection, and the clients open theirs on first use.
 */
public interface SnapStartPrimed extends Resource {

    /**
     * What a function primes. {@code name} names the in-memory pass in the log line if it is skipped;
     * {@code inMemory} runs the function's path with nothing real behind it; {@code sdk} runs the
     * SDK's request path on canned in-memory clients.
     */
    record Passes(String name, Runnable inMemory, Runnable sdk) {
    }

    /** This function's passes. */
    Passes priming();

    @Override
    default void beforeCheckpoint(Context<? extends Resource> context) {
        Passes passes = priming();
        PrimingPass.quietly(passes.name(), passes.inMemory());
        passes.sdk().run();
    }

    @Override
    default void afterRestore(Context<? extends Resource> context) {
        // Nothing to refresh (above).
    }
}
