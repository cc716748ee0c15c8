package dev.righttime.send;

import dev.righttime.model.Channel;
import dev.righttime.model.SignalType;
import java.time.Duration;

/** Where the time to response of each send goes (CloudWatch EMF in Lambda; nothing locally). */
public interface ResponseTimes {

    ResponseTimes NONE = (type, channel, elapsed) -> { };

    /** One send: the signal's occurredAt to the message's sentAt. */
    void record(SignalType signalType, Channel channel, Duration elapsed);
}
