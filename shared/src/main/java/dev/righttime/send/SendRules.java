package dev.righttime.send;

import dev.righttime.model.Channel;
import dev.righttime.model.Consent;
import dev.righttime.model.CustomerProfile;
import dev.righttime.model.CustomerRef;
import dev.righttime.model.Reason;
import dev.righttime.model.Response;
import dev.righttime.model.Signal;
import dev.righttime.model.SignalType;

/**
 * The send-time checks, the same consent rules the decision engine applied, on the profile as it
 * is now: customer-initiated replies (tickets, cancel requests) and chat ignore consent; complaints
 * answered in public (and brand posts) need none; an engagement reply on social is dropped if social
 * consent is now explicitly false; emergencies go unless consent is explicitly false; marketing,
 * and anything else, needs consent explicitly true.
 */
final class SendRules {

    private SendRules() {
    }

    static boolean consented(Response r, CustomerProfile profile) {
        Channel channel = r.channel();
        SignalType type = r.signalType();
        Consent consent = profile == null ? Consent.NONE : profile.consentOrNone();
        if (channel == Channel.CHAT || (type != null && type.isCustomerInitiated())) {
            return true;
        }
        if (type == SignalType.EMERGENCY_ALERT) {
            return !consent.explicitlyRefused(channel);
        }
        if (type != null && type.isMarketing()) {
            return consent.granted(channel);
        }
        if (channel == Channel.SOCIAL) {
            return !(r.reasons().contains(Reason.ENGAGEMENT_SLOT) && consent.explicitlyRefused(Channel.SOCIAL));
        }
        return consent.granted(channel);
    }

    /**
     * Where the message goes: the profile's address for the channel, else the one the signal came
     * with (a ticket from someone without a profile). Chat answers in the conversation: no address.
     */
    static String address(Channel channel, CustomerProfile profile, Signal signal) {
        String own = profile == null ? null : profile.addressesOrNone().of(channel);
        if (own != null || signal == null) {
            return own;
        }
        CustomerRef ref = signal.customerRef();
        return switch (channel) {
            case EMAIL -> ref.email();
            case SMS -> ref.phone();
            case SOCIAL -> ref.x();
            case CHAT -> null;
        };
    }

    /** Email and SMS cannot go anywhere without an address; social and chat post to their webhook. */
    static boolean needsAddress(Channel channel) {
        return channel == Channel.EMAIL || channel == Channel.SMS;
    }

    /** What a reply answers, if the signal says: a post URL, a conversation or a ticket id. */
    static String replyTo(Signal signal) {
        if (signal == null) {
            return null;
        }
        for (String name : new String[] {"url", "conversationId", "ticketId"}) {
            String v = signal.stringAttribute(name);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
