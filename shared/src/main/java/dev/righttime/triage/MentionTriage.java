package dev.righttime.triage;

import dev.righttime.model.Signal;
import dev.righttime.model.SignalType;
import java.util.Locale;

/**
 * The port that reads a mention's text: complaint, question, praise or other. Implementations:
 * the built-in offline {@code LexiconTriage} (default) and Amazon Comprehend
 * ({@code dev.righttime.aws.ComprehendTriage}). No AWS types here.
 */
public interface MentionTriage {

    /** Triage of one mention text (null or blank text is {@code other}). */
    Triage classify(String text);

    /**
     * A {@code social.mention} without a usable sentiment ({@code negative|neutral|positive}) and
     * without a triage gets one from its text; every other signal is returned as it is.
     */
    default Signal triage(Signal signal) {
        if (!needsTriage(signal)) {
            return signal;
        }
        return classify(signal.stringAttribute("text")).onto(signal);
    }

    /** A mention whose sentiment is missing or unknown and which carries no triage yet. */
    static boolean needsTriage(Signal signal) {
        if (signal.type() != SignalType.SOCIAL_MENTION || Triage.of(signal).isPresent()) {
            return false;
        }
        String s = signal.stringAttribute("sentiment");
        if (s == null) {
            return true;
        }
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "negative", "neutral", "positive" -> false;
            default -> true;
        };
    }
}
