package dev.righttime.port;

/** One queue a message can be put on (the signals queue, a channel queue). */
public interface MessageQueue {

    /**
     * Puts the message on the queue, durably, or throws {@link QueueUnavailableException}.
     * {@code deduplicationId} is a stable id of the message (the same on a retry).
     */
    void send(String body, String deduplicationId);

    /** The queue could not take the message; the caller must not acknowledge what it carried. */
    final class QueueUnavailableException extends RuntimeException {
        public QueueUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
