package dev.righttime.port;

import dev.righttime.model.Response;

/**
 * Tells approvers that a response is waiting for them (an SNS topic, a chat webhook, the local
 * outbox). Best effort: a failed notification never fails the decision; the card is on the page.
 */
public interface ApprovalNotifier {

    ApprovalNotifier NONE = held -> { };

    /** {@code held} was just put in front of the newsroom. */
    void held(Response held);
}
