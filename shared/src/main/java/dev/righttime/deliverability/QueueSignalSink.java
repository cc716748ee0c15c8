package dev.righttime.deliverability;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.righttime.model.Json;
import dev.righttime.model.Signal;
import dev.righttime.port.MessageQueue;
import dev.righttime.port.SignalSink;
import java.io.UncheckedIOException;

/** Signals onto the signals queue as their canonical JSON, deduplicated on the signalId (as webhook-ingest queues them). */
public record QueueSignalSink(MessageQueue queue) implements SignalSink {

    @Override
    public void submit(Signal signal) {
        queue.send(json(signal), signal.signalId());
    }

    /** A signal's canonical JSON, as decide reads it off the signals queue. */
    static String json(Signal signal) {
        try {
            return Json.mapper().writeValueAsString(signal);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
