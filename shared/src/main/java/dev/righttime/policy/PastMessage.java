package dev.righttime.policy;

import dev.righttime.model.Channel;
import dev.righttime.model.SignalType;
import java.time.Instant;

/**
 * A message already decided for a customer: sent, pending (due later) or cancelled.
 * A HOLD has no sendAt; it stays pending until its deadline.
 */
public record PastMessage(String signalId, SignalType type, Channel channel, Instant sendAt, Instant deadline, boolean cancelled) {

    /** Due later than {@code now} and not cancelled: the kind of message a later signal can still stop. */
    public boolean isPendingAt(Instant now) {
        if (cancelled) {
            return false;
        }
        Instant due = sendAt != null ? sendAt : deadline;
        return due != null && due.isAfter(now);
    }

    public PastMessage cancel() {
        return new PastMessage(signalId, type, channel, sendAt, deadline, true);
    }
}
