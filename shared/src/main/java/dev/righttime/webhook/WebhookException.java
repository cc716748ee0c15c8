package dev.righttime.webhook;

/**
 * A refusal raised deep inside verification or mapping; {@link Intake} turns it into an
 * {@link IntakeResult.Rejected} value at the edge. The message is safe to return to the sender:
 * it never echoes secrets, signatures or payload content.
 */
public final class WebhookException extends RuntimeException {

    private final Failure failure;

    public WebhookException(Failure failure, String message) {
        super(message, null, false, false);
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }
}
