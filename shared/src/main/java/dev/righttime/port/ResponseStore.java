package dev.righttime.port;

import dev.righttime.model.Response;
import dev.righttime.model.ResponseStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Response records, one per decided message (or suppressed message), keyed by responseId. */
public interface ResponseStore {

    /** Writes the record unless one with its responseId exists; false if it did (nothing changed). */
    boolean create(Response response);

    Optional<Response> get(String responseId);

    /** The customer's responses due at or after {@code dueFrom} (cancelled ones included), oldest first. */
    List<Response> forCustomer(String customerId, Instant dueFrom);

    /** Moves the record to {@code to} if its status is one of {@code from}; false if it was not (nothing changed). */
    boolean transition(String responseId, Set<ResponseStatus> from, ResponseStatus to);

    /** Records that the response was handed to its queue or schedule; false if it already was. */
    boolean markDispatched(String responseId, Instant at);

    /** Responses waiting for a human, earliest deadline first. */
    List<Response> pendingApprovals(int limit);
}
