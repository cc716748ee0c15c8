package dev.righttime.aws;

import dev.righttime.port.MessageQueue;
import java.time.Duration;

/** SQS DelaySeconds for a delay: rounded up (never visible early), at most 15 minutes. */
public final class SqsDelays {

    private SqsDelays() {
    }

    public static int seconds(Duration delay) {
        if (delay.compareTo(MessageQueue.MAX_DELAY) > 0) {
            throw new IllegalArgumentException("SQS delays a message by at most " + MessageQueue.MAX_DELAY.toSeconds() + " s");
        }
        long ms = Math.max(0, delay.toMillis());
        return (int) ((ms + 999) / 1000);
    }
}
