package dev.righttime.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.righttime.model.Channel;
import dev.righttime.model.CustomerRef;
import dev.righttime.model.Decision;
import dev.righttime.model.Fallback;
import dev.righttime.model.Outcome;
import dev.righttime.model.Reason;
import dev.righttime.model.Response;
import dev.righttime.model.ResponseStatus;
import dev.righttime.model.Signal;
import dev.righttime.model.SignalType;
import dev.righttime.port.MessageQueue;
import dev.righttime.port.SignalLedger;
import dev.righttime.testing.InMemoryResponseStore;
import dev.righttime.testing.InMemorySignalLedger;
import dev.righttime.webhook.InMemoryDeliveryLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The start-up sweep puts back exactly what a lost queue held, and nothing that is finished or not yet due. */
class RecoverySweepTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    static final class Recording implements MessageQueue {
        final List<String> ids = new ArrayList<>();

        @Override
        public void send(String body, String deduplicationId) {
            ids.add(deduplicationId);
        }
    }

    private final InMemoryDeliveryLedger deliveries = new InMemoryDeliveryLedger();
    private final InMemorySignalLedger signals = new InMemorySignalLedger();
    private final InMemoryResponseStore responses = new InMemoryResponseStore();
    private final Recording signalQueue = new Recording();
    private final Recording email = new Recording();
    private final Recording sms = new Recording();
    private final Recording webhook = new Recording();
    private final RecoverySweep sweep = new RecoverySweep(new RecoverySweep.Ports(deliveries, signals, signalQueue, responses,
            new ChannelQueues(email, sms, webhook)));

    @Test
    void undecidedSignalsAreQueuedAgainAndDecidedOnesSettled() {
        accept("s-undecided");
        accept("s-pending"); // claimed, crashed before QUEUED: the 202 may have gone out
        deliveries.claim("s-pending", "{}", T0);
        accept("s-resumable");
        signals.begin(entry("s-resumable", SignalLedger.State.DECIDED));
        accept("s-done");
        signals.begin(entry("s-done", SignalLedger.State.DONE));
        deliveries.claim("s-no-message", T0); // an older claim that kept no message: nothing to queue
        deliveries.markQueued("s-no-message", T0);

        RecoverySweep.Result r = sweep.run(T0.plusSeconds(60), T0.plusSeconds(60));

        assertThat(signalQueue.ids).containsExactlyInAnyOrder("s-undecided", "s-pending", "s-resumable");
        assertThat(r.signalsRequeued()).isEqualTo(3);
        assertThat(r.signalsSettled()).isEqualTo(1);
        assertThat(deliveries.state("s-pending")).isEqualTo(InMemoryDeliveryLedger.State.QUEUED);
        assertThat(deliveries.state("s-done")).isEqualTo(InMemoryDeliveryLedger.State.SETTLED);
        assertThat(deliveries.claim("s-done", T0.plusSeconds(120))).as("a redelivery after settling")
                .isEqualTo(dev.righttime.port.DeliveryLedger.Claim.ALREADY_QUEUED);

        signalQueue.ids.clear();
        sweep.run(T0.plusSeconds(90), T0.plusSeconds(90));
        assertThat(signalQueue.ids).as("settled ones are not read again").doesNotContain("s-done");
    }

    @Test
    void dueUnsentRepliesAreQueuedAgainAndDeadClaimsReleased() {
        Instant now = T0.plusSeconds(600);
        save(response("r-now", Outcome.SEND_NOW, T0, null), true);
        save(response("r-later", Outcome.SCHEDULE, now.plusSeconds(3600), null), true);
        save(response("r-was-due", Outcome.SCHEDULE, T0.plusSeconds(60), null), true);
        save(response("r-undispatched", Outcome.SEND_NOW, T0, null), false);
        signals.begin(entry("r-interrupted", SignalLedger.State.DECIDED)); // decide stopped before DONE: it dispatches on resume
        save(response("r-interrupted", Outcome.SEND_NOW, T0, null), false);
        responses.create(response("r-fallback", Outcome.SEND_NOW, T0, null)); // a fallback channel's record marks itself
        responses.markDispatched("r-fallback", T0);
        save(response("r-held", Outcome.HOLD, null, now.plusSeconds(600)), true);
        save(response("r-held-past", Outcome.HOLD, null, T0.plusSeconds(120)), true);
        save(response("r-sent", Outcome.SEND_NOW, T0, null), true);
        responses.transition("r-sent", Set.of(ResponseStatus.SCHEDULED), ResponseStatus.SENT);
        save(response("r-sending-dead", Outcome.SEND_NOW, T0, null), true);
        responses.claim("r-sending-dead", Set.of(ResponseStatus.SCHEDULED), T0.plusSeconds(5), Duration.ofMinutes(2));
        save(response("r-sending-live", Outcome.SEND_NOW, T0, null), true);
        responses.claim("r-sending-live", Set.of(ResponseStatus.SCHEDULED), now, Duration.ofMinutes(2));

        RecoverySweep.Result r = sweep.run(now, now.minusSeconds(1));

        assertThat(email.ids).containsExactlyInAnyOrder("r-now", "r-was-due", "r-sending-dead", "r-fallback");
        assertThat(webhook.ids).containsExactly("r-held-past");
        assertThat(r.claimsReleased()).isEqualTo(1);
        assertThat(r.responsesRequeued()).isEqualTo(5);
        assertThat(responses.get("r-sending-dead").orElseThrow().status()).isEqualTo(ResponseStatus.SCHEDULED);
        assertThat(responses.get("r-sending-live").orElseThrow().status()).isEqualTo(ResponseStatus.SENDING);
    }

    private void accept(String signalId) {
        deliveries.claim(signalId, "{\"signalId\":\"" + signalId + "\"}", T0);
        deliveries.markQueued(signalId, T0);
    }

    private static SignalLedger.Entry entry(String signalId, SignalLedger.State state) {
        return new SignalLedger.Entry(signal(signalId), "c1", List.of(), state, T0);
    }

    private static Signal signal(String signalId) {
        return new Signal(signalId, "test", SignalType.SOCIAL_MENTION, T0, CustomerRef.NONE, Map.of());
    }

    /** Dispatched: decide's run for its signal finished (the ledger entry is DONE). */
    private void save(Response r, boolean dispatched) {
        responses.create(r);
        if (dispatched) {
            signals.begin(entry(r.signalId(), SignalLedger.State.DONE));
        }
    }

    private static Response response(String id, Outcome outcome, Instant sendAt, Instant deadline) {
        Decision d = new Decision(id, "c1", outcome, outcome == Outcome.HOLD ? Channel.SOCIAL : Channel.EMAIL, sendAt, deadline,
                outcome == Outcome.HOLD ? Fallback.HOLDING_REPLY : null, List.of(), List.of(Reason.CUSTOMER_INITIATED));
        Response made = Response.of(d, signal(id), T0);
        return made.toBuilder().responseId(id).build();
    }
}
