package dev.righttime.testing;

import dev.righttime.model.Decision;
import dev.righttime.port.EventBus;
import java.util.ArrayList;
import java.util.List;

/** The decision events published, in order. */
public final class RecordingEventBus implements EventBus {

    private final Outage outage = new Outage("event bus");

    private final List<Decision> published = new ArrayList<>();


    /** The next {@code calls} calls throw, as an outage or a crash at that point would. */
    public void failNext(int calls) {
        outage.failNext(calls);
    }

    @Override
    public synchronized void publish(List<Decision> decisions) {
        outage.check();
        published.addAll(decisions);
    }

    public synchronized List<Decision> published() {
        return List.copyOf(published);
    }

    private final List<dev.righttime.port.OutcomeEvent> outcomes = new ArrayList<>();

    @Override
    public synchronized void publishOutcomes(List<dev.righttime.port.OutcomeEvent> events) {
        outcomes.addAll(events);
    }

    /** The outcome events published (sent, bounced, converted...), in order. */
    public synchronized List<dev.righttime.port.OutcomeEvent> outcomes() {
        return List.copyOf(outcomes);
    }
}
