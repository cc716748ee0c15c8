package dev.righttime.port;

import dev.righttime.model.Assignment;
import dev.righttime.model.Feedback;
import dev.righttime.model.Response;
import dev.righttime.model.ResponseStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Response records, one per decided message (or suppressed message), keyed by responseId. Every
 * status change goes through {@link #transition} or {@link #claim}, conditional on the current
 * status, so two writers (a sender and the newsroom, two deliveries of one message) never both win.
 */
public interface ResponseStore {

    /**
     * Fields a status change records with it; null fields are left as they are.
     * {@code sentText} and {@code editedText} are message text: stored, never logged.
     */
    record Change(Instant sentAt, String sentText, String reviewedBy, Instant reviewedAt, String editedText,
                  String detail, String rejectReason) {

        public static final Change NONE = new Change(null, null, null, null, null, null, null);

        public Change(Instant sentAt, String sentText, String reviewedBy, Instant reviewedAt, String editedText,
                      String detail) {
            this(sentAt, sentText, reviewedBy, reviewedAt, editedText, detail, null);
        }

        /** A rejection by {@code by} at {@code at}, with the reviewer's reason in words (may be null). */
        public static Change rejected(String by, Instant at, String detail, String reason) {
            return new Change(null, null, by, at, null, detail, reason);
        }

        public static Change detail(String detail) {
            return new Change(null, null, null, null, null, detail);
        }

        public static Change sent(Instant at, String text, String detail) {
            return new Change(at, text, null, null, null, detail);
        }

        public static Change reviewed(String by, Instant at, String editedText, String detail) {
            return new Change(null, null, by, at, editedText, detail);
        }
    }

    /** Writes the record unless one with its responseId exists; false if it did (nothing changed). */
    boolean create(Response response);

    /**
     * As {@link #create(Response)}, filed under a mention author ({@code authorKey}, null for
     * none) so {@link #forAuthor} finds it: the one-automatic-reply-per-author rule.
     */
    default boolean create(Response response, String authorKey) {
        return create(response);
    }

    /** Responses filed under the author, due at or after {@code dueFrom}, oldest first. Default: none kept. */
    default List<Response> forAuthor(String authorKey, Instant dueFrom) {
        return List.of();
    }

    Optional<Response> get(String responseId);

    /** The customer's responses due at or after {@code dueFrom} (cancelled ones included), oldest first. */
    List<Response> forCustomer(String customerId, Instant dueFrom);

    /** Moves the record to {@code to} if its status is one of {@code from}; false if it was not (nothing changed). */
    default boolean transition(String responseId, Set<ResponseStatus> from, ResponseStatus to) {
        return transition(responseId, from, to, Change.NONE);
    }

    /** As {@link #transition(String, Set, ResponseStatus)}, recording {@code change} in the same write. */
    boolean transition(String responseId, Set<ResponseStatus> from, ResponseStatus to, Change change);

    /**
     * A sender's claim: SENDING with {@code claimedAt = now}, if the status is one of {@code from}, or
     * SENDING with a claim older than {@code lease} (its sender died mid-send). False if neither.
     */
    boolean claim(String responseId, Set<ResponseStatus> from, Instant now, Duration lease);

    /** Records that the response was handed to its queue or schedule; false if it already was. */
    boolean markDispatched(String responseId, Instant at);

    /**
     * Records who a held response is handed to, if it is still PENDING_APPROVAL; false if it is not
     * (or does not exist). A later assignment replaces an earlier one.
     */
    boolean assign(String responseId, Assignment assignment);

    /**
     * Records that {@code kind} happened to the response at {@code at}, unless it was recorded before
     * (the first report stays): false when it was, or when there is no such response. This is what
     * makes a replayed bounce or open have no second effect.
     */
    boolean recordFeedback(String responseId, Feedback kind, Instant at);

    /**
     * Erasure: the record stays (status, times, outcome: the report still counts it) without its
     * customerId, sent text, edited text, card (author, post text, profile facts), assignment and
     * reject reason, and leaves the customer's timeline.
     */
    default void redact(String responseId) {
        throw new UnsupportedOperationException("this store does not erase");
    }

    /** Responses waiting for a human, earliest deadline first. */
    List<Response> pendingApprovals(int limit);

    /**
     * Every response in one of {@code statuses} (the start-up sweep's input: a full pass over the
     * store). Stores that cannot list refuse.
     */
    default List<Response> withStatus(Set<ResponseStatus> statuses) {
        throw new UnsupportedOperationException("this response store cannot list by status");
    }

    /** Every response whose signal occurred in {@code [from, to)} (reports; a bounded scan). */
    List<Response> occurredBetween(Instant from, Instant to);
}
