package dev.righttime.testing;

import dev.righttime.port.SignalLedger;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Signal ledger entries in a map: what SnapStart priming runs the send step and the newsroom on. */
public final class InMemorySignalLedger implements SignalLedger {

    private final Map<String, Entry> bySignalId = new ConcurrentHashMap<>();

    @Override
    public Optional<Entry> get(String signalId) {
        return Optional.ofNullable(bySignalId.get(signalId));
    }

    @Override
    public boolean begin(Entry entry) {
        return bySignalId.putIfAbsent(entry.signal().signalId(), entry) == null;
    }

    @Override
    public void complete(String signalId) {
        bySignalId.computeIfPresent(signalId, (id, e) -> new Entry(e.signal(), e.customerId(), e.decisions(), State.DONE, e.decidedAt()));
    }

    @Override
    public void redact(String signalId) {
        bySignalId.computeIfPresent(signalId, (id, e) -> SignalLedger.redacted(e));
    }

    @Override
    public List<Entry> forCustomer(String customerId) {
        return bySignalId.values().stream()
                .filter(e -> customerId.equals(e.customerId()))
                .sorted(Comparator.comparing(e -> e.signal().occurredAt()))
                .toList();
    }
}
