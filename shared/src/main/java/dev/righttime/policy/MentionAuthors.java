package dev.righttime.policy;

import dev.righttime.model.Channel;
import dev.righttime.model.Decision;
import dev.righttime.model.Fallback;
import dev.righttime.model.Outcome;
import dev.righttime.model.Signal;

/** Who a mention is from, for "one automatic public reply per author and conversation per window". */
public final class MentionAuthors {

    private MentionAuthors() {
    }

    /**
     * The author key of a {@code social.mention} (X handle case-insensitive, else email, phone or
     * customer id; plus {@code #conversationId} when the source names the conversation), else null.
     */
    public static String key(Signal signal) {
        return MentionPolicy.authorKey(signal);
    }

    /** A public reply that goes out without a human: sent now, or held with a holding reply as fallback. */
    public static boolean isAutomaticReply(Decision d) {
        return d.channel() == Channel.SOCIAL && (d.outcome() == Outcome.SEND_NOW
                || (d.outcome() == Outcome.HOLD && d.fallback() == Fallback.HOLDING_REPLY));
    }
}
