package dev.righttime.deliverability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.righttime.aws.DynamoDbProfileStore;
import dev.righttime.aws.Tables;
import dev.righttime.flow.ChannelQueues;
import dev.righttime.flow.DecideService;
import dev.righttime.flow.RecoverySweep;
import dev.righttime.model.Addresses;
import dev.righttime.model.Channel;
import dev.righttime.model.Consent;
import dev.righttime.model.CustomerProfile;
import dev.righttime.model.Json;
import dev.righttime.model.Signal;
import dev.righttime.port.DeliveryLedger;
import dev.righttime.port.MessageQueue;
import dev.righttime.port.SignalLedger;
import dev.righttime.testing.DecideFixture;
import dev.righttime.testing.DynamoDbLocal;
import dev.righttime.testing.RecordingQueue;
import dev.righttime.webhook.InMemoryDeliveryLedger;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An acknowledged unsubscribe survives a crash between its answer and its decision: the consent
 * change is claimed in the delivery ledger with its body before it is queued, so when the queue
 * loses it (the local runtime's in-memory queue after {@code kill -9}), the start-up sweep queues it
 * again and it is decided once.
 */
class LedgeredSignalSinkTest {

    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    static final AtomicInteger TABLES = new AtomicInteger();
    static final DynamoDbLocal dynamo = DynamoDbLocal.shared();

    DecideFixture world;
    DynamoDbProfileStore profiles;
    final InMemoryDeliveryLedger deliveries = new InMemoryDeliveryLedger();
    final UnsubscribeTokens tokens = new UnsubscribeTokens(List.of("ledgered-sink-test-key-0123"));

    @BeforeEach
    void fresh() {
        String prefix = "ledgered" + TABLES.incrementAndGet() + "-";
        world = new DecideFixture(dynamo, prefix, T0);
        profiles = new DynamoDbProfileStore(dynamo.client(), Tables.Names.withPrefix(prefix).profiles());
        world.customers.save(new CustomerProfile("c1", ZoneOffset.UTC, null, new Consent(true, true, null),
                new Addresses("ada@example.com", "+4915112345678", null), List.of(), Channel.EMAIL, Map.of()));
    }

    String token() {
        return tokens.sign(new UnsubscribeTokens.Claims("c1", Channel.EMAIL, null, T0.plus(Duration.ofDays(1))));
    }

    @Test
    void anUnsubscribeAnsweredBeforeACrashIsQueuedAgainByTheSweepAndDecidedOnce() throws Exception {
        RecordingQueue lostOnKill = new RecordingQueue();   // took it, then the process died with it
        PreferencesApi before = new PreferencesApi(tokens, profiles,
                new LedgeredSignalSink(deliveries, lostOnKill, world.clock).signals(), world.clock);

        PreferencesApi.Answer answer = before.handle("POST", "/unsubscribe", Map.of("token", token()), "List-Unsubscribe=One-Click");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(lostOnKill.bodies()).hasSize(1);
        assertThat(profiles.get("c1").orElseThrow().consentOrNone().email()).as("not decided before the crash").isTrue();

        // The restart: a fresh, empty queue; the sweep finds the kept body and queues it again.
        RecordingQueue signals = new RecordingQueue();
        DecideService decide = new DecideService(dev.righttime.policy.Playbook.defaults(), world.ports(), world.clock);
        RecoverySweep sweep = new RecoverySweep(new RecoverySweep.Ports(deliveries, world.ledger, signals, world.responses,
                new ChannelQueues(world.email, world.sms, world.webhook)));
        assertThat(sweep.run(T0, T0).signalsRequeued()).isEqualTo(1);
        assertThat(signals.bodies()).containsExactlyElementsOf(lostOnKill.bodies());
        Signal requeued = Json.mapper().readValue(signals.bodies().get(0), Signal.class);
        decide.handle(requeued);

        assertThat(profiles.get("c1").orElseThrow().consentOrNone().email()).isFalse();
        assertThat(world.ledger.get(requeued.signalId())).hasValueSatisfying(e -> assertThat(e.state()).isEqualTo(SignalLedger.State.DONE));
        // The next start-up settles it and queues nothing.
        RecoverySweep.Result again = sweep.run(T0, T0);
        assertThat(again.signalsRequeued()).isZero();
        assertThat(again.signalsSettled()).isEqualTo(1);
        assertThat(deliveries.state(requeued.signalId())).isEqualTo(InMemoryDeliveryLedger.State.SETTLED);
    }

    @Test
    void aMessageClaimedBeforeIsNotQueuedTwiceAndAQueueThatDoesNotTakeItLeavesItClaimableAgain() {
        RecordingQueue queue = new RecordingQueue();
        LedgeredSignalSink sink = new LedgeredSignalSink(deliveries, queue, world.clock);

        assertThat(sink.send("k-1", "{\"a\":1}")).isTrue();
        assertThat(sink.send("k-1", "{\"a\":1}")).isFalse();
        assertThat(queue.bodies()).containsExactly("{\"a\":1}");

        MessageQueue down = (body, id) -> {
            throw new MessageQueue.QueueUnavailableException("down", null);
        };
        assertThatThrownBy(() -> new LedgeredSignalSink(deliveries, down, world.clock).send("k-2", "{}"))
                .isInstanceOf(MessageQueue.QueueUnavailableException.class);
        assertThat(deliveries.claim("k-2", "{}", T0)).as("failed: a retry may claim it at once").isEqualTo(DeliveryLedger.Claim.CLAIMED);
    }
}
