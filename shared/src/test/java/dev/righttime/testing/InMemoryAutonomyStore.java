package dev.righttime.testing;

import dev.righttime.policy.Covenants;
import dev.righttime.port.AutonomyStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** Covenant versions in memory (priming, tests). */
public final class InMemoryAutonomyStore implements AutonomyStore {

    private final ConcurrentSkipListMap<Integer, Covenants> versions = new ConcurrentSkipListMap<>();

    @Override
    public Optional<Covenants> current() {
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.lastEntry().getValue());
    }

    @Override
    public boolean save(Covenants next) {
        return versions.putIfAbsent(next.version(), next) == null;
    }

    @Override
    public List<Covenants> history(int limit) {
        return versions.descendingMap().values().stream().limit(limit).toList();
    }
}
