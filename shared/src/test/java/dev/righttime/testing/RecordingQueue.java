package dev.righttime.testing;

import dev.righttime.port.MessageQueue;
import java.util.ArrayList;
import java.util.List;

/** A queue in memory: the bodies sent to it, in order. */
public final class RecordingQueue implements MessageQueue {

    private final Outage outage = new Outage("queue");

    private final List<String> bodies = new ArrayList<>();


    /** The next {@code calls} calls throw, as an outage or a crash at that point would. */
    public void failNext(int calls) {
        outage.failNext(calls);
    }

    @Override
    public synchronized void send(String body, String deduplicationId) {
        outage.check();
        bodies.add(body);
    }

    public synchronized List<String> bodies() {
        return List.copyOf(bodies);
    }

    /** A message sent with a delay. */
    public record Delayed(String body, java.time.Duration delay) {
    }

    private final List<Delayed> delayed = new ArrayList<>();

    @Override
    public synchronized void sendDelayed(String body, String deduplicationId, java.time.Duration delay) {
        outage.check();
        delayed.add(new Delayed(body, delay));
    }

    /** The messages sent with a delay, in order (not in {@link #bodies()}). */
    public synchronized List<Delayed> delayed() {
        return List.copyOf(delayed);
    }
}
