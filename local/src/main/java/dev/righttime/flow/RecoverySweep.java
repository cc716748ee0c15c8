package dev.righttime.flow;

import dev.righttime.model.Outcome;
import dev.righttime.model.Response;
import dev.righttime.model.ResponseStatus;
import dev.righttime.port.DeliveryLedger;
import dev.righttime.port.MessageQueue;
import dev.righttime.port.ResponseStore;
import dev.righttime.port.SignalLedger;
import dev.righttime.time.SendTime;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-drives what a crash may strand between the durable records and a queue that lost its
 * messages (the local runtime's in-memory ElasticMQ after {@code kill -9}; on AWS, the windows
 * between a record and its queue send). Every step is safe to repeat, because decide drops a
 * signalId it has finished and a sender's conditional claim drops a response already sent:
 * <ol>
 *   <li>each accepted delivery (ledger PENDING or QUEUED, message kept: a webhook's signal, or what
 *       the local runtime queued itself, a consent change or a feedback body) whose signal is not DONE
 *       in the signal ledger is queued again; one that is DONE is settled (skipped next time; feedback
 *       is settled by its consumer);</li>
 *   <li>each SENDING response whose claim is older than {@code abandonedBefore} is put back to the
 *       status its sender claimed it from (that sender is gone);</li>
 *   <li>each dispatched response that is due (SEND_NOW, or its schedule's minute has come),
 *       APPROVED, or PENDING_APPROVAL past its deadline goes on its channel queue again.
 *       A SCHEDULE still in the future is left to its durable schedule. Dispatched means its
 *       signal is DONE in the signal ledger (decide writes no per-response mark since issue 21)
 *       or, for a fallback channel's record, {@code dispatchedAt} is set; one that is not is
 *       dispatched by decide when the signal is queued again (step 1).</li>
 * </ol>
 * The local runtime runs it at start-up with {@code --data}. A periodic run for the AWS deployment
 * (a scheduled Lambda with {@code abandonedBefore = now - SendService.LEASE}) is not wired yet: both
 * passes are full scans, so that would want sparse indexes on the open states first.
 */
public final class RecoverySweep {

    private static final Logger LOG = LoggerFactory.getLogger(RecoverySweep.class);
    private static final Set<ResponseStatus> OPEN = Set.of(ResponseStatus.SCHEDULED, ResponseStatus.APPROVED,
            ResponseStatus.SENDING, ResponseStatus.PENDING_APPROVAL);

    /** What the sweep reads and where it puts work again. */
    public record Ports(DeliveryLedger deliveries, SignalLedger signals, MessageQueue signalQueue, ResponseStore responses,
                        ChannelQueues channels) {
        public Ports {
            Objects.requireNonNull(deliveries, "deliveries");
            Objects.requireNonNull(signals, "signals");
            Objects.requireNonNull(signalQueue, "signalQueue");
            Objects.requireNonNull(responses, "responses");
            Objects.requireNonNull(channels, "channels");
        }
    }

    /** Counts of one run. */
    public record Result(int signalsRequeued, int signalsSettled, int claimsReleased, int responsesRequeued) {
        public boolean nothingToDo() {
            return signalsRequeued + claimsReleased + responsesRequeued == 0;
        }
    }

    private final Ports ports;

    public RecoverySweep(Ports ports) {
        this.ports = ports;
    }

    /** One pass; store and queue failures throw (run it again: every step is idempotent). */
    public Result run(Instant now, Instant abandonedBefore) {
        int[] signals = {0, 0};
        ports.deliveries().forEachUnsettled(u -> {
            Optional<SignalLedger.Entry> entry = ports.signals().get(u.signalId());
            if (entry.isPresent() && entry.get().state() == SignalLedger.State.DONE) {
                ports.deliveries().settle(u.signalId(), now);
                signals[1]++;
                return;
            }
            ports.signalQueue().send(u.message(), u.signalId());
            if (!u.queued()) {
                ports.deliveries().markQueued(u.signalId(), now);
            }
            signals[0]++;
        });
        int released = 0;
        int requeued = 0;
        for (Response r : ports.responses().withStatus(OPEN)) {
            ResponseStatus status = r.status();
            if (status == ResponseStatus.SENDING) {
                if (r.claimedAt() != null && !r.claimedAt().isBefore(abandonedBefore)) {
                    continue; // a live sender may hold it
                }
                ResponseStatus back = r.outcome() == Outcome.HOLD && !r.isApproved() ? ResponseStatus.PENDING_APPROVAL
                        : r.isApproved() ? ResponseStatus.APPROVED : ResponseStatus.SCHEDULED;
                if (!ports.responses().transition(r.responseId(), Set.of(ResponseStatus.SENDING), back)) {
                    continue; // it moved on meanwhile
                }
                released++;
                status = back;
            }
            if (r.channel() != null && due(r, status, now) && dispatched(r)) {
                ports.channels().of(r.channel()).send(r.responseId(), r.responseId());
                requeued++;
            }
        }
        Result result = new Result(signals[0], signals[1], released, requeued);
        LOG.info("recovery sweep: {} signals queued again, {} settled, {} sender claims released, {} responses queued again",
                result.signalsRequeued(), result.signalsSettled(), result.claimsReleased(), result.responsesRequeued());
        return result;
    }

    private static boolean due(Response r, ResponseStatus status, Instant now) {
        return switch (status) {
            case APPROVED -> true;
            case SCHEDULED -> r.outcome() == Outcome.SEND_NOW || r.dueAt() == null || !SendTime.roundUpToMinute(r.dueAt()).isAfter(now);
            case PENDING_APPROVAL -> r.deadline() != null && !SendTime.roundUpToMinute(r.deadline()).isAfter(now);
            default -> false;
        };
    }

    /** Handed to its queue or schedule: its signal's decide run finished, or the record says so itself (a fallback's). */
    private boolean dispatched(Response r) {
        if (r.dispatchedAt() != null || r.isApproved() || r.status() == ResponseStatus.SENDING) {
            return true;
        }
        return ports.signals().get(r.signalId()).map(e -> e.state() == SignalLedger.State.DONE).orElse(false);
    }
}
