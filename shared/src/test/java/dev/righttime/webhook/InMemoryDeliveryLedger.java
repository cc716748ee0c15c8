package dev.righttime.webhook;

import dev.righttime.port.DeliveryLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link DeliveryLedger} in a map, with the same rules as the DynamoDB one (tests, simulations). */
public final class InMemoryDeliveryLedger implements DeliveryLedger {

    public enum State { PENDING, QUEUED, FAILED, SETTLED }

    private record Entry(State state, Instant claimedAt, String message) {
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
        return claim(signalId, null, now);
    }

    @Override
    public Claim claim(String signalId, String message, Instant now) {
        Claim[] result = new Claim[1];
        entries.compute(signalId, (id, e) -> {
            if (e == null || e.state() == State.FAILED
                    || (e.state() == State.PENDING && !e.claimedAt().plus(lease).isAfter(now))) {
                result[0] = Claim.CLAIMED;
                return new Entry(State.PENDING, now, message);
            }
            result[0] = e.state() == State.QUEUED || e.state() == State.SETTLED ? Claim.ALREADY_QUEUED : Claim.IN_PROGRESS;
            return e;
        });
        return result[0];
    }

    @Override
    public void markQueued(String signalId, Instant now) {
        entries.compute(signalId, (id, e) -> e == null ? new Entry(State.QUEUED, now, null) : new Entry(State.QUEUED, e.claimedAt(), e.message()));
    }

    @Override
    public void markFailed(String signalId, Instant now) {
        entries.computeIfPresent(signalId, (id, e) -> e.state() == State.PENDING ? new Entry(State.FAILED, e.claimedAt(), e.message()) : e);
    }

    @Override
    public void forEachUnsettled(java.util.function.Consumer<Unsettled> each) {
        entries.forEach((id, e) -> {
            if (e.message() != null && (e.state() == State.PENDING || e.state() == State.QUEUED)) {
                each.accept(new Unsettled(id, e.message(), e.state() == State.QUEUED));
            }
        });
    }

    @Override
    public void settle(String signalId, Instant now) {
        entries.computeIfPresent(signalId, (id, e) -> new Entry(State.SETTLED, e.claimedAt(), null));
    }

    public State state(String signalId) {
        Entry e = entries.get(signalId);
        return e == null ? null : e.state();
    }
}
