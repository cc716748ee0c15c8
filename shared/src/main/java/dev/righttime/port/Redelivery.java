package dev.righttime.port;

import java.time.Duration;

/**
 * Has a message the consumer leaves on its queue delivered again after a delay, instead of after
 * the queue's visibility timeout (SQS: a visibility change of the received message).
 */
public interface Redelivery {

    /** {@code queueArn} and {@code receiptHandle} of the received message; best effort. */
    void after(String queueArn, String receiptHandle, Duration delay);

    /** Leaves it to the queue's visibility timeout. */
    Redelivery QUEUE_DEFAULT = (queueArn, receiptHandle, delay) -> {
    };
}
