package dev.righttime.policy;

import java.util.List;

/** What the engine may know of the past: seen signals and a customer's messages. Read-only. */
public interface History {

    boolean seen(String signalId);

    /** The customer's messages (SEND_NOW, SCHEDULE, HOLD), cancelled ones included, in any order. */
    List<PastMessage> messagesFor(String customerId);

    History EMPTY = new History() {
        @Override
        public boolean seen(String signalId) {
            return false;
        }

        @Override
        public List<PastMessage> messagesFor(String customerId) {
            return List.of();
        }
    };
}
