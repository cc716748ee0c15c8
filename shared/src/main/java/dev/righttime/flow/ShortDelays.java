package dev.righttime.flow;

import dev.righttime.port.MessageQueue;
import dev.righttime.port.Scheduler;
import java.time.Clock;
import java.time.Duration;

/**
 * The scheduler decide uses deployed: a delivery due within {@link MessageQueue#MAX_DELAY} (15
 * minutes: a held reply's deadline, a near send time) goes on its channel queue now with an SQS
 * message delay, to the second and with no schedule to create or pay for; a later one goes to
 * {@code later} (EventBridge Scheduler, which fires to the minute). A delayed message cannot be
 * deleted: an approval or a cancellation changes the response's status, and the sender skips it.
 */
public final class ShortDelays implements Scheduler {

    private final Scheduler later;
    private final ChannelQueues queues;
    private final Clock clock;

    public ShortDelays(Scheduler later, ChannelQueues queues, Clock clock) {
        this.later = later;
        this.queues = queues;
        this.clock = clock;
    }

    @Override
    public boolean create(Delivery d) {
        Duration wait = Duration.between(clock.instant(), d.at());
        if (wait.compareTo(MessageQueue.MAX_DELAY) <= 0) {
            queues.of(d.channel()).sendDelayed(d.responseId(), d.responseId(), wait.isNegative() ? Duration.ZERO : wait);
            return true;
        }
        return later.create(d);
    }

    @Override
    public void delete(String name) {
        later.delete(name);
    }
}
