package dev.righttime.model;

import java.util.Locale;
import java.util.Optional;

/**
 * What became of a message after it went out, as its provider or the customer reported it. Each kind
 * is recorded once per response (the first report wins), so a replayed report has no second effect.
 */
public enum Feedback {
    /** The provider handed it to the recipient's mail server (SES Delivery). */
    DELIVERED,
    /** The address does not take mail (SES Bounce; a permanent one suppresses the address). */
    BOUNCED,
    /** The recipient marked it as spam (SES Complaint): marketing consent on that channel ends. */
    COMPLAINED,
    OPENED,
    CLICKED,
    /** The recipient used the message's unsubscribe link or preference page, or replied STOP. */
    UNSUBSCRIBED,
    /** An order_placed within the attribution window after this reminder (dev.righttime.deliverability.Attribution). */
    CONVERTED,
    /** The phone number is on SNS's opt-out list: the SMS was not sent. */
    OPTED_OUT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Feedback> parse(String wire) {
        for (Feedback f : values()) {
            if (f.wire().equalsIgnoreCase(wire == null ? "" : wire.trim())) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
