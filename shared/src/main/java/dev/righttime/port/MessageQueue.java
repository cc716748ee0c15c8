package dev.righttime.port;

/** One queue a message can be put on (the signals queue, a channel queue). */
public interface MessageQueue {

    /**
     * Puts the message on the queue, durably, or throws {@link QueueUnavailableException}.
     * {@code deduplicationId} is a stable id of the message (the same on a retry).
     */
    void send(String body, String deduplicationId);

    /**
     * As {@link #send}, delivered no sooner than {@code delay} from now (at most
     * {@link #MAX_DELAY}, second precision: SQS DelaySeconds). Queues that cannot delay refuse.
     */
    default void sendDelayed(String body, String deduplicationId, java.time.Duration delay) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot delay a message");
    }

    /** SQS's limit on a message delay. */
    java.time.Duration MAX_DELAY = java.time.Duration.ofMinutes(15);

    /** The queue could not take the message; the caller must not acknowledge what it carried. */
    final class QueueUnavailableException extends RuntimeException {
        public QueueUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
