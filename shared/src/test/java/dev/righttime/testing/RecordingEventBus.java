package dev.righttime.testing;

import dev.righttime.model.Decision;
import dev.righttime.port.EventBus;
import java.util.ArrayList;
import java.util.List;

/** The decision events published, in order. */
public final class RecordingEventBus implements EventBus {

    private final List<Decision> published = new ArrayList<>();

    @Override
    public synchronized void publish(List<Decision> decisions) {
        published.addAll(decisions);
    }

    public synchronized List<Decision> published() {
        return List.copyOf(published);
    }
}
