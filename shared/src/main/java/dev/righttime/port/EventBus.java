package dev.righttime.port;

import dev.righttime.model.Decision;
import java.util.List;

/** Where decision records are published for whoever listens (analytics, the timeline, alerts). */
public interface EventBus {

    /** Publishes every decision or throws; at-least-once (a retry may publish one again). */
    void publish(List<Decision> decisions);

    /** Publishes what became of responses (sent, failed, delivered, bounced, converted...); none by default. */
    default void publishOutcomes(List<OutcomeEvent> outcomes) {
    }

    /**
     * The end of a batch of signals (one SQS batch handed to decide): an outlet that gathers what
     * was published writes it now (the newsroom's decision feed: one item per batch); none by default.
     */
    default void flush() {
    }
}
