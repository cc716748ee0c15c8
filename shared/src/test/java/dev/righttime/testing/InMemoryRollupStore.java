package dev.righttime.testing;

import dev.righttime.newsroom.DayRollup;
import dev.righttime.port.RollupStore;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;

/** Roll-ups in memory (priming, tests). */
public final class InMemoryRollupStore implements RollupStore {

    private final ConcurrentSkipListMap<LocalDate, DayRollup> byDay = new ConcurrentSkipListMap<>();

    @Override
    public List<DayRollup> between(LocalDate from, LocalDate toExclusive) {
        return List.copyOf(byDay.subMap(from, toExclusive).values());
    }

    @Override
    public void put(DayRollup rollup) {
        byDay.put(rollup.day(), rollup);
    }
}
