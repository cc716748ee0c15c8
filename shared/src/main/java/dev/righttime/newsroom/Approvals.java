package dev.righttime.newsroom;

import dev.righttime.flow.ChannelQueues;
import dev.righttime.model.Assignment;
import dev.righttime.model.Response;
import dev.righttime.model.ResponseStatus;
import dev.righttime.port.MessageQueue;
import dev.righttime.port.ResponseStore;
import dev.righttime.port.ResponseStore.Change;
import dev.righttime.port.Scheduler;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The newsroom's decisions on held responses. Status changes are conditional, so a human and the
 * deadline's fallback never both win:
 * <ul>
 *   <li>approve: PENDING_APPROVAL → APPROVED with reviewer, time and optional edited text, then the
 *       responseId goes on the channel queue at once and the deadline schedule is deleted (best
 *       effort: if it fires anyway the sender finds APPROVED or SENT and sends at most once).
 *       Without a text, the card's proposed reply is the approved text. The same approver approving
 *       again answers the same record (and queues it again, which finishes an approval whose
 *       queueing failed; the sender's claim makes that harmless); anyone else gets 409;</li>
 *   <li>reject: PENDING_APPROVAL → CANCELLED (detail rejected, optional reason), then the schedule
 *       is deleted; the same reviewer rejecting again answers the same record;</li>
 *   <li>assign: records who the held response is handed to (PENDING_APPROVAL only);</li>
 *   <li>anything else (the fallback already sent the holding reply or dropped it, a rejected
 *       response approved, an approved one rejected, not a held response): 409.</li>
 * </ul>
 */
public final class Approvals {

    private static final Logger LOG = LoggerFactory.getLogger(Approvals.class);
    static final String REJECTED = "rejected";

    /** The answer: 200 with the record, 404, 409 with the record as it is, or 503 (queue down: try again). */
    public record Result(int status, Response response, String error, String message) {
        static Result ok(Response r) {
            return new Result(200, r, null, null);
        }

        static Result error(int status, Response r, String error, String message) {
            return new Result(status, r, error, message);
        }
    }

    private final ResponseStore responses;
    private final Scheduler scheduler;
    private final ChannelQueues queues;
    private final Clock clock;

    public Approvals(ResponseStore responses, Scheduler scheduler, ChannelQueues queues, Clock clock) {
        this.responses = responses;
        this.scheduler = scheduler;
        this.queues = queues;
        this.clock = clock;
    }

    /** Held responses, soonest deadline first. */
    public List<Response> pending(int limit) {
        return responses.pendingApprovals(limit);
    }

    public Result approve(String responseId, String approver, String editedText) {
        Optional<Response> found = responses.get(responseId);
        if (found.isEmpty()) {
            return notFound();
        }
        Response r = found.get();
        // Approving untouched sends the reply the card proposed (what the editor read), not whatever
        // the template renders at send time.
        String text = editedText != null ? editedText : r.card() == null ? null : r.card().proposedText();
        if (r.status() == ResponseStatus.PENDING_APPROVAL
                && responses.transition(responseId, Set.of(ResponseStatus.PENDING_APPROVAL), ResponseStatus.APPROVED,
                        Change.reviewed(approver, clock.instant(), text, null))) {
            LOG.info("response {} approved", responseId);
            r = responses.get(responseId).orElseThrow();
        } else {
            r = responses.get(responseId).orElseThrow();
            // Only the same approver repeating the same approval (a retry) gets the record back; a
            // concurrent approver who lost the race, or a different text, is a conflict.
            if (!r.isApproved() || !approver.equals(r.reviewedBy())
                    || (editedText != null && !editedText.equals(r.editedText()))) {
                return conflict(r, "approve");
            }
        }
        if (r.status() == ResponseStatus.APPROVED) {
            try {
                queues.of(r.channel()).send(responseId, responseId);
            } catch (MessageQueue.QueueUnavailableException e) {
                return Result.error(503, r, "queue_unavailable", "approved, but not yet queued: approve again to send it now");
            }
            deleteSchedule(responseId);
        }
        return Result.ok(r);
    }

    public Result reject(String responseId, String reviewer) {
        return reject(responseId, reviewer, null);
    }

    /** Rejects with the reviewer's reason in words (kept on the record, shown on the customer's timeline). */
    public Result reject(String responseId, String reviewer, String reason) {
        Optional<Response> found = responses.get(responseId);
        if (found.isEmpty()) {
            return notFound();
        }
        Response r = found.get();
        if (r.status() == ResponseStatus.PENDING_APPROVAL
                && responses.transition(responseId, Set.of(ResponseStatus.PENDING_APPROVAL), ResponseStatus.CANCELLED,
                        Change.rejected(reviewer, clock.instant(), REJECTED, reason))) {
            LOG.info("response {} rejected", responseId);
            deleteSchedule(responseId);
            return Result.ok(responses.get(responseId).orElseThrow());
        }
        r = responses.get(responseId).orElseThrow();
        if (r.status() == ResponseStatus.CANCELLED && REJECTED.equals(r.detail()) && reviewer.equals(r.reviewedBy())) {
            return Result.ok(r);
        }
        return conflict(r, "reject");
    }

    /** Hands a held response to a person; 409 once it is no longer waiting. */
    public Result assign(String responseId, String by, String to) {
        Optional<Response> found = responses.get(responseId);
        if (found.isEmpty()) {
            return notFound();
        }
        if (!responses.assign(responseId, new Assignment(to, by, clock.instant()))) {
            return conflict(responses.get(responseId).orElse(found.get()), "assign");
        }
        LOG.info("response {} assigned", responseId);
        return Result.ok(responses.get(responseId).orElseThrow());
    }

    private void deleteSchedule(String responseId) {
        try {
            scheduler.delete(Scheduler.nameFor(responseId));
        } catch (RuntimeException e) {
            LOG.warn("response {}: deadline schedule not deleted ({}); the sender will skip it", responseId,
                    e.getClass().getSimpleName());
        }
    }

    private static Result notFound() {
        return Result.error(404, null, "not_found", "no such response");
    }

    private static Result conflict(Response r, String action) {
        String why = r.status() == ResponseStatus.SENT && r.detail() != null ? r.status() + " (" + r.detail() + ")"
                : r.status() == ResponseStatus.CANCELLED && r.detail() != null ? "CANCELLED (" + r.detail() + ")"
                : r.status().name();
        if (r.reviewedBy() != null && r.status() != ResponseStatus.PENDING_APPROVAL) {
            why += ", decided by " + r.reviewedBy();
        }
        return Result.error(409, r, "conflict", "cannot " + action + " a response that is " + why);
    }
}
