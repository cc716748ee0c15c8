package dev.righttime.testing;

/** A fake's planned failures: the next n calls throw, as an outage or a crash at that point would. */
public final class Outage {

    private final String what;
    private int callsLeft;

    public Outage(String what) {
        this.what = what;
    }

    public synchronized void failNext(int calls) {
        callsLeft = calls;
    }

    /** Throws if a failure is planned for this call. */
    public synchronized void check() {
        if (callsLeft > 0) {
            callsLeft--;
            throw new IllegalStateException(what + " unavailable (test)");
        }
    }
}
