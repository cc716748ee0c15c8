package dev.righttime.testing;

import dev.righttime.model.Assignment;
import dev.righttime.model.Feedback;
import dev.righttime.model.Response;
import dev.righttime.model.ResponseStatus;
import dev.righttime.port.ResponseStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Response records in a map, with the conditional status changes of {@link ResponseStore}: what
 * SnapStart priming runs the send step and the newsroom on, so no real table is touched.
 */
public final class InMemoryResponseStore implements ResponseStore {

    private final Map<String, Response> byId = new ConcurrentHashMap<>();

    @Override
    public boolean create(Response response) {
        return byId.putIfAbsent(response.responseId(), response) == null;
    }

    @Override
    public List<Response> withStatus(Set<ResponseStatus> statuses) {
        return byId.values().stream().filter(r -> statuses.contains(r.status())).toList();
    }

    @Override
    public Optional<Response> get(String responseId) {
        return Optional.ofNullable(byId.get(responseId));
    }

    @Override
    public List<Response> forCustomer(String customerId, Instant dueFrom) {
        return byId.values().stream()
                .filter(r -> customerId.equals(r.customerId()) && r.dueAt() != null && !r.dueAt().isBefore(dueFrom))
                .sorted(Comparator.comparing(Response::dueAt))
                .toList();
    }

    @Override
    public boolean transition(String responseId, Set<ResponseStatus> from, ResponseStatus to, Change change) {
        boolean[] moved = {false};
        byId.computeIfPresent(responseId, (id, r) -> {
            if (!from.contains(r.status())) {
                return r;
            }
            moved[0] = true;
            return changed(r, to, change, r.claimedAt());
        });
        return moved[0];
    }

    @Override
    public boolean claim(String responseId, Set<ResponseStatus> from, Instant now, Duration lease) {
        boolean[] claimed = {false};
        byId.computeIfPresent(responseId, (id, r) -> {
            boolean stale = r.status() == ResponseStatus.SENDING && r.claimedAt() != null && !r.claimedAt().isAfter(now.minus(lease));
            if (!from.contains(r.status()) && !stale) {
                return r;
            }
            claimed[0] = true;
            return changed(r, ResponseStatus.SENDING, Change.NONE, now);
        });
        return claimed[0];
    }

    @Override
    public boolean markDispatched(String responseId, Instant at) {
        boolean[] marked = {false};
        byId.computeIfPresent(responseId, (id, r) -> {
            if (r.dispatchedAt() != null) {
                return r;
            }
            marked[0] = true;
            return new Response(r.responseId(), r.signalId(), r.customerId(), r.signalType(), r.occurredAt(), r.outcome(), r.status(),
                    r.channel(), r.sendAt(), r.deadline(), r.fallback(), r.reasons(), r.createdAt(), at, r.claimedAt(), r.sentAt(),
                    r.sentText(), r.reviewedBy(), r.reviewedAt(), r.editedText(), r.detail(), r.card(), r.assignment(),
                    r.rejectReason(), r.feedback());
        });
        return marked[0];
    }

    @Override
    public boolean assign(String responseId, Assignment assignment) {
        boolean[] assigned = {false};
        byId.computeIfPresent(responseId, (id, r) -> {
            if (r.status() != ResponseStatus.PENDING_APPROVAL) {
                return r;
            }
            assigned[0] = true;
            return new Response(r.responseId(), r.signalId(), r.customerId(), r.signalType(), r.occurredAt(), r.outcome(),
                    r.status(), r.channel(), r.sendAt(), r.deadline(), r.fallback(), r.reasons(), r.createdAt(),
                    r.dispatchedAt(), r.claimedAt(), r.sentAt(), r.sentText(), r.reviewedBy(), r.reviewedAt(),
                    r.editedText(), r.detail(), r.card(), assignment, r.rejectReason(), r.feedback());
        });
        return assigned[0];
    }

    @Override
    public boolean recordFeedback(String responseId, Feedback kind, Instant at) {
        boolean[] recorded = {false};
        byId.computeIfPresent(responseId, (id, r) -> {
            if (r.feedbackAt(kind).isPresent()) {
                return r;
            }
            recorded[0] = true;
            return r.withFeedback(kind, at);
        });
        return recorded[0];
    }

    @Override
    public void redact(String responseId) {
        byId.computeIfPresent(responseId, (id, r) -> new Response(r.responseId(), r.signalId(), null, r.signalType(),
                r.occurredAt(), r.outcome(), r.status(), r.channel(), r.sendAt(), r.deadline(), r.fallback(), r.reasons(),
                r.createdAt(), r.dispatchedAt(), r.claimedAt(), r.sentAt(), null, r.reviewedBy(), r.reviewedAt(), null, r.detail(),
                null, null, null, r.feedback()));
    }

    @Override
    public List<Response> pendingApprovals(int limit) {
        return byId.values().stream()
                .filter(r -> r.status() == ResponseStatus.PENDING_APPROVAL)
                .sorted(Comparator.comparing(Response::deadline, Comparator.nullsLast(Comparator.naturalOrder())))
                .limit(limit)
                .toList();
    }

    @Override
    public List<Response> occurredBetween(Instant from, Instant to) {
        return byId.values().stream()
                .filter(r -> r.occurredAt() != null && !r.occurredAt().isBefore(from) && r.occurredAt().isBefore(to))
                .toList();
    }

    /** The record with a new status, the change's non-null fields, and the claim time. */
    private static Response changed(Response r, ResponseStatus to, Change c, Instant claimedAt) {
        return new Response(r.responseId(), r.signalId(), r.customerId(), r.signalType(), r.occurredAt(), r.outcome(), to,
                r.channel(), r.sendAt(), r.deadline(), r.fallback(), r.reasons(), r.createdAt(), r.dispatchedAt(), claimedAt,
                or(c.sentAt(), r.sentAt()), or(c.sentText(), r.sentText()), or(c.reviewedBy(), r.reviewedBy()),
                or(c.reviewedAt(), r.reviewedAt()), or(c.editedText(), r.editedText()), or(c.detail(), r.detail()),
                r.card(), r.assignment(), or(c.rejectReason(), r.rejectReason()), r.feedback());
    }

    private static <T> T or(T given, T kept) {
        return given != null ? given : kept;
    }
}
