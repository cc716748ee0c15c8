package dev.righttime.policy;

import dev.righttime.model.Channel;
import dev.righttime.model.Signal;

/** The attributes of a consent.changed signal: {"channel":"email|sms|social","granted":bool}. */
public record ConsentChange(Channel channel, boolean granted) {

    public static ConsentChange of(Signal signal) {
        Object channel = signal.attribute("channel");
        Channel c = Channel.parse(channel).filter(ch -> ch != Channel.CHAT)
                .orElseThrow(() -> new IllegalArgumentException(
                        "consent.changed needs attributes.channel email, sms or social, got " + describe(channel)));
        Object granted = signal.attribute("granted");
        if (!(granted instanceof Boolean g)) {
            throw new IllegalArgumentException("consent.changed needs attributes.granted true or false, got " + describe(granted));
        }
        return new ConsentChange(c, g);
    }

    private static String describe(Object v) {
        return v == null ? "nothing" : "'" + v + "'";
    }
}
