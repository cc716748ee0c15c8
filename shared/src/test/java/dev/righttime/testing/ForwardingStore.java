package dev.righttime.testing;

import dev.righttime.model.Assignment;
import dev.righttime.model.Response;
import dev.righttime.model.ResponseStatus;
import dev.righttime.port.ResponseStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A response store that forwards every call (tests override the calls they watch). */
public class ForwardingStore implements ResponseStore {

    private final ResponseStore real;

    public ForwardingStore(ResponseStore real) {
        this.real = real;
    }

    @Override
    public boolean create(Response response) {
        return real.create(response);
    }

    @Override
    public Optional<Response> get(String responseId) {
        return real.get(responseId);
    }

    @Override
    public List<Response> forCustomer(String customerId, Instant dueFrom) {
        return real.forCustomer(customerId, dueFrom);
    }

    @Override
    public boolean transition(String responseId, Set<ResponseStatus> from, ResponseStatus to, Change change) {
        return real.transition(responseId, from, to, change);
    }

    @Override
    public boolean claim(String responseId, Set<ResponseStatus> from, Instant now, Duration lease) {
        return real.claim(responseId, from, now, lease);
    }

    @Override
    public boolean markDispatched(String responseId, Instant at) {
        return real.markDispatched(responseId, at);
    }

    @Override
    public boolean assign(String responseId, Assignment assignment) {
        return real.assign(responseId, assignment);
    }

    @Override
    public boolean recordFeedback(String responseId, dev.righttime.model.Feedback kind, Instant at) {
        return real.recordFeedback(responseId, kind, at);
    }

    @Override
    public List<Response> pendingApprovals(int limit) {
        return real.pendingApprovals(limit);
    }

    @Override
    public List<Response> occurredBetween(Instant from, Instant to) {
        return real.occurredBetween(from, to);
    }
}
