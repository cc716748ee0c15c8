package dev.righttime.policy;

import java.util.List;

/** What the engine may know of the past: seen signals and a customer's messages. Read-only. */
public interface History {

    boolean seen(String signalId);

    /** The customer's messages (SEND_NOW, SCHEDULE, HOLD), cancelled ones included, in any order. */
    List<PastMessage> messagesFor(String customerId);

    /**
     * Public replies decided for a mention author ({@link MentionPolicy#authorKey}: handle, plus the
     * conversation when known), sent, pending or cancelled. Default: none known.
     */
    default List<PastMessage> repliesTo(String authorKey) {
        return List.of();
    }

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
