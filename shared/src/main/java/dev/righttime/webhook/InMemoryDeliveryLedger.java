package dev.righttime.webhook;

import dev.righttime.port.DeliveryLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link DeliveryLedger} in a map, with the same rules as the DynamoDB one (tests, simulations). */
public final class InMemoryDeliveryLedger implements DeliveryLedger {

    public enum State { PENDING, QUEUED, FAILED }

    private record Entry(State state, Instant claimedAt) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Duration lease;

    public InMemoryDeliveryLedger(Duration lease) {
        this.lease = lease;
    }

    public InMemoryDeliveryLedger() {
        this(Duration.ofSeconds(30));
    }

    @Override
    public Claim claim(String signalId, Instant now) {
        Claim[] result = new Claim[1];
        entries.compute(signalId, (id, e) -> {
            if (e == null || e.state() == State.FAILED
                    || (e.state() == State.PENDING && !e.claimedAt().plus(lease).isAfter(now))) {
                result[0] = Claim.CLAIMED;
                return new Entry(State.PENDING, now);
            }
            result[0] = e.state() == State.QUEUED ? Claim.ALREADY_QUEUED : Claim.IN_PROGRESS;
            return e;
        });
        return result[0];
    }

    @Override
    public void markQueued(String signalId, Instant now) {
        entries.compute(signalId, (id, e) -> new Entry(State.QUEUED, e == null ? now : e.claimedAt()));
    }

    @Override
    public void markFailed(String signalId, Instant now) {
        entries.computeIfPresent(signalId, (id, e) -> e.state() == State.PENDING ? new Entry(State.FAILED, e.claimedAt()) : e);
    }

    public State state(String signalId) {
        Entry e = entries.get(signalId);
        return e == null ? null : e.state();
    }
}
