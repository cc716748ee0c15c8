package dev.righttime.testing;

import dev.righttime.port.MessageQueue;
import java.util.ArrayList;
import java.util.List;

/** A queue in memory: the bodies sent to it, in order. */
public final class RecordingQueue implements MessageQueue {

    private final List<String> bodies = new ArrayList<>();

    @Override
    public synchronized void send(String body, String deduplicationId) {
        bodies.add(body);
    }

    public synchronized List<String> bodies() {
        return List.copyOf(bodies);
    }
}
