package dev.righttime.webhook;

import dev.righttime.model.Signal;
import java.util.List;

/** What a mapper made of a delivery: canonical signals, or a recognised event we do not act on. */
public sealed interface Mapped {

    /** One or more signals (an X delivery can carry several mentions). */
    record Signals(List<Signal> signals) implements Mapped {
        public Signals {
            if (signals == null || signals.isEmpty()) {
                throw new IllegalArgumentException("a mapped delivery has at least one signal");
            }
            signals = List.copyOf(signals);
        }
    }

    /** Recognised and authentic, but not one of ours: acknowledged with 200 ignored. */
    record Ignored(String eventType) implements Mapped {
    }

    static Mapped of(Signal signal) {
        return new Signals(List.of(signal));
    }
}
