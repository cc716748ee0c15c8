package dev.righttime.local.serve;

import dev.righttime.model.Decision;
import dev.righttime.port.DecisionFeed;
import dev.righttime.port.EventBus;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The local stand-in for the EventBridge bus: keeps the latest decision events for the page and the demo. */
public final class RecentDecisions implements EventBus, DecisionFeed {

    private final int capacity;
    private final Deque<Decision> latest = new ArrayDeque<>();

    public RecentDecisions(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public synchronized void publish(List<Decision> decisions) {
        for (Decision d : decisions) {
            latest.addFirst(d);
            if (latest.size() > capacity) {
                latest.removeLast();
            }
        }
    }

    /** Newest first. */
    @Override
    public synchronized List<Decision> latest(int limit) {
        List<Decision> out = new ArrayList<>(Math.min(limit, latest.size()));
        for (Decision d : latest) {
            if (out.size() == limit) {
                break;
            }
            out.add(d);
        }
        return out;
    }
}
