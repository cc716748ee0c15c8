package dev.righttime.testing;

import dev.righttime.port.Scheduler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scheduler in memory with Scheduler's semantics (a name exists once; deleting a missing one is
 * fine); can be told to fail the next calls, like a crash between persist and schedule.
 */
public final class RecordingScheduler implements Scheduler {

    private final Outage outage = new Outage("scheduler");

    private final Map<String, Delivery> schedules = new LinkedHashMap<>();
    private final List<Delivery> createCalls = new ArrayList<>();
    private final List<String> deleted = new ArrayList<>();

    /** The next {@code calls} calls throw, as an outage or a crash at that point would. */
    public void failNext(int calls) {
        outage.failNext(calls);
    }

    @Override
    public synchronized boolean create(Delivery delivery) {
        createCalls.add(delivery);
        outage.check();
        return schedules.putIfAbsent(delivery.name(), delivery) == null;
    }

    @Override
    public synchronized void delete(String name) {
        deleted.add(name);
        schedules.remove(name);
    }

    /** The schedules that exist now. */
    public synchronized Map<String, Delivery> schedules() {
        return Map.copyOf(schedules);
    }

    public synchronized List<Delivery> createCalls() {
        return List.copyOf(createCalls);
    }

    public synchronized List<String> deleted() {
        return List.copyOf(deleted);
    }
}
