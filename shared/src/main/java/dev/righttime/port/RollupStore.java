package dev.righttime.port;

import dev.righttime.newsroom.DayRollup;
import java.time.LocalDate;
import java.util.List;

/** Daily roll-ups of the response-time report, by UTC day. */
public interface RollupStore {

    /** The stored roll-ups of the days in {@code [from, toExclusive)}. */
    List<DayRollup> between(LocalDate from, LocalDate toExclusive);

    /** Stores (or replaces) a settled day's roll-up. */
    void put(DayRollup rollup);
}
