package dev.righttime.port;

import dev.righttime.model.Channel;
import java.time.Instant;
import java.time.ZoneId;

/** One-time deliveries later: at {@code at}, put {@code responseId} on the channel's queue. */
public interface Scheduler {

    record Delivery(String name, Instant at, ZoneId zone, Channel channel, String responseId) {
    }

    /** Creates the schedule; false if one with this name already exists (an earlier attempt made it). */
    boolean create(Delivery delivery);

    /**
     * The schedule name of a response: Scheduler names are 1-64 characters of [0-9a-zA-Z-_.];
     * other characters become '-', and a longer id keeps its first 64 characters.
     */
    static String nameFor(String responseId) {
        String name = responseId.replaceAll("[^0-9A-Za-z_.-]", "-");
        return name.length() <= 64 ? name : name.substring(0, 64);
    }

    /** Deletes the schedule if it exists (a missing one is fine: fired, deleted or never made). */
    void delete(String name);
}
