package dev.righttime.triage;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.righttime.model.Reason;
import dev.righttime.model.Signal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a mention is, read from its text: a complaint, a question (a request for help), praise, or
 * other chatter, with a confidence in [0, 1]. {@code note} says why when the text was not really
 * read (e.g. {@code "language:fr"}, {@code "empty"}); null otherwise.
 *
 * <p>A triaged signal carries it as attributes {@value #ATTRIBUTE} and {@value #CONFIDENCE}, so
 * the decision, the stored signal and the newsroom all see the same triage.
 */
public record Triage(Kind kind, double confidence, String note) {

    /** Signal attribute holding the kind's wire name. */
    public static final String ATTRIBUTE = "triage";
    /** Signal attribute holding the confidence. */
    public static final String CONFIDENCE = "triageConfidence";
    /** Signal attribute holding the note, when there is one. */
    public static final String NOTE = "triageNote";

    public enum Kind {
        COMPLAINT(Reason.COMPLAINT),
        QUESTION(Reason.QUESTION),
        PRAISE(Reason.PRAISE),
        OTHER(Reason.OTHER);

        private final Reason reason;

        Kind(Reason reason) {
            this.reason = reason;
        }

        /** The decision reason naming this triage. */
        public Reason reason() {
            return reason;
        }

        /** Customer-initiated: answered now (or held for a human above the reach threshold). */
        public boolean needsAnswer() {
            return this == COMPLAINT || this == QUESTION;
        }

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Kind fromWire(String wire) {
            return valueOf(wire.trim().toUpperCase(Locale.ROOT));
        }

        public static Optional<Kind> parse(Object wire) {
            if (wire == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(fromWire(wire.toString()));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }

    public Triage {
        if (kind == null) {
            throw new IllegalArgumentException("a triage needs a kind");
        }
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new IllegalArgumentException("a triage confidence is in [0, 1], got " + confidence);
        }
    }

    public Triage(Kind kind, double confidence) {
        this(kind, confidence, null);
    }

    /** The triage a signal already carries (set by the decide step or by the source), if any. */
    public static Optional<Triage> of(Signal signal) {
        return Kind.parse(signal.attribute(ATTRIBUTE)).map(k -> {
            Object c = signal.attribute(CONFIDENCE);
            double confidence = 1.0;
            if (c instanceof Number n) {
                confidence = n.doubleValue();
            } else if (c != null) {
                try {
                    confidence = Double.parseDouble(c.toString());
                } catch (NumberFormatException e) {
                    confidence = 1.0;
                }
            }
            confidence = Double.isNaN(confidence) ? 1.0 : Math.max(0.0, Math.min(1.0, confidence));
            return new Triage(k, confidence, signal.stringAttribute(NOTE));
        });
    }

    /**
     * What a reply answers, for choosing its template: the triage among a decision's reasons
     * ({@code public_complaint} is a complaint), else the signal's triage attribute, else its
     * explicit sentiment (negative: complaint, positive: praise, neutral: other).
     */
    public static Optional<Kind> ofReply(java.util.List<Reason> reasons, Signal signal) {
        if (reasons != null) {
            for (Reason r : reasons) {
                switch (r) {
                    case COMPLAINT, PUBLIC_COMPLAINT -> {
                        return Optional.of(Kind.COMPLAINT);
                    }
                    case QUESTION -> {
                        return Optional.of(Kind.QUESTION);
                    }
                    case PRAISE -> {
                        return Optional.of(Kind.PRAISE);
                    }
                    case OTHER -> {
                        return Optional.of(Kind.OTHER);
                    }
                    default -> {
                    }
                }
            }
        }
        if (signal == null) {
            return Optional.empty();
        }
        Optional<Triage> own = of(signal);
        if (own.isPresent()) {
            return Optional.of(own.get().kind());
        }
        String sentiment = signal.stringAttribute("sentiment");
        if (sentiment == null) {
            return Optional.empty();
        }
        return switch (sentiment.trim().toLowerCase(Locale.ROOT)) {
            case "negative" -> Optional.of(Kind.COMPLAINT);
            case "positive" -> Optional.of(Kind.PRAISE);
            case "neutral" -> Optional.of(Kind.OTHER);
            default -> Optional.empty();
        };
    }

    /** The same signal with this triage among its attributes. */
    public Signal onto(Signal signal) {
        Map<String, Object> attributes = new LinkedHashMap<>(signal.attributes());
        attributes.put(ATTRIBUTE, kind.wire());
        attributes.put(CONFIDENCE, Math.round(confidence * 1000) / 1000.0);
        if (note != null) {
            attributes.put(NOTE, note);
        } else {
            attributes.remove(NOTE);
        }
        return new Signal(signal.signalId(), signal.source(), signal.type(), signal.occurredAt(), signal.customerRef(), attributes);
    }
}
