package dev.righttime.deliverability;

import dev.righttime.model.Channel;
import dev.righttime.model.CustomerRef;
import dev.righttime.model.Signal;
import dev.righttime.model.SignalType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The consent.changed signals Right Time makes itself, decided like any other (so the profile changes
 * and pending messages on that channel are cancelled, as for a CDP's consent webhook). Attributes:
 * the spec's {@code channel} and {@code granted}, plus {@code reason} (unsubscribed, preferences,
 * bounced, complained, sms_stop, sms_opted_out) and the {@code responseId} it came from, if any.
 * The signalId is stable per cause, so the same bounce or click twice is a DUPLICATE.
 */
public final class ConsentSignals {

    public static final String SOURCE = "righttime";

    private ConsentSignals() {
    }

    public static Signal of(String signalId, CustomerRef who, Channel channel, boolean granted, String reason, String responseId,
                            Instant at) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("channel", channel.wire());
        attributes.put("granted", granted);
        attributes.put("reason", reason);
        if (responseId != null) {
            attributes.put("responseId", responseId);
        }
        return new Signal(signalId, SOURCE, SignalType.CONSENT_CHANGED, at, who, attributes);
    }
}
