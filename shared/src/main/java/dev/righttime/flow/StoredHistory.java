package dev.righttime.flow;

import dev.righttime.model.Response;
import dev.righttime.model.ResponseStatus;
import dev.righttime.policy.History;
import dev.righttime.policy.PastMessage;
import dev.righttime.port.ResponseStore;
import java.time.Instant;
import java.util.List;

/**
 * The engine's view of the past for one fresh signal (its own id was not seen): the customer's
 * messages from the response records due at or after {@code dueFrom}, cancelled ones included.
 */
final class StoredHistory implements History {

    private final ResponseStore responses;
    private final Instant dueFrom;

    StoredHistory(ResponseStore responses, Instant dueFrom) {
        this.responses = responses;
        this.dueFrom = dueFrom;
    }

    @Override
    public boolean seen(String signalId) {
        return false;
    }

    @Override
    public List<PastMessage> messagesFor(String customerId) {
        if (customerId == null) {
            return List.of();
        }
        return messages(responses.forCustomer(customerId, dueFrom));
    }

    @Override
    public List<PastMessage> repliesTo(String authorKey) {
        if (authorKey == null) {
            return List.of();
        }
        return messages(responses.forAuthor(authorKey, dueFrom));
    }

    private static List<PastMessage> messages(List<Response> records) {
        return records.stream()
                .filter(Response::isMessage)
                .map(r -> new PastMessage(r.signalId(), r.signalType(), r.channel(), r.sendAt(), r.deadline(),
                        r.status() == ResponseStatus.CANCELLED))
                .toList();
    }

    /** Seen, and nothing else: all the engine needs to answer a duplicate. */
    static final History SEEN = new History() {
        @Override
        public boolean seen(String signalId) {
            return true;
        }

        @Override
        public List<PastMessage> messagesFor(String customerId) {
            return List.of();
        }
    };
}
