package dev.righttime.testing;

import dev.righttime.send.ChannelSender;
import dev.righttime.send.Message;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A channel in memory: the messages it accepted, in order; can be told to refuse the next calls. */
public final class RecordingSender implements ChannelSender {

    private final List<Message> sent = new ArrayList<>();
    private final Deque<RuntimeException> failures = new ArrayDeque<>();

    public synchronized void failNext(RuntimeException failure) {
        failures.add(failure);
    }

    @Override
    public synchronized void send(Message message) {
        RuntimeException failure = failures.poll();
        if (failure != null) {
            throw failure;
        }
        sent.add(message);
    }

    public synchronized List<Message> sent() {
        return List.copyOf(sent);
    }
}
