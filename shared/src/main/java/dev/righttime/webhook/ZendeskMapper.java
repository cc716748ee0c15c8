package dev.righttime.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.righttime.model.Channel;
import dev.righttime.model.CustomerRef;
import dev.righttime.model.Signal;
import dev.righttime.model.SignalType;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Zendesk event webhooks ({@code "type":"zen:event-type:ticket.created"}, ticket in {@code detail}).
 * The delivery id is the event's {@code id}; the customer is {@code "zendesk:<requester_id>"}, with
 * the requester's email when the payload carries it (which links the two); {@code attributes.channel}
 * comes from {@code via.channel} when that names a channel (email, chat, sms, social); a web form or
 * API ticket has none, so the reply goes to the customer's preferred channel.
 *
 * <p>User events ({@code zen:event-type:user.created}, {@code user.identity_created}, ...; the user
 * in {@code detail}: {@code id}, {@code email}) are links: a {@code profile.updated} whose reference
 * names {@code "zendesk:<id>"} and the email.
 */
public final class ZendeskMapper implements SignalMapper {

    /** Zendesk's {@code via.channel} values that are not email; everything else answers by email. */
    private static final Map<String, Channel> CHANNELS = Map.ofEntries(
            Map.entry("chat", Channel.CHAT),
            Map.entry("chat_transcript", Channel.CHAT),
            Map.entry("native_messaging", Channel.CHAT),
            Map.entry("messaging", Channel.CHAT),
            Map.entry("sunshine_conversations", Channel.CHAT),
            Map.entry("whatsapp", Channel.CHAT),
            Map.entry("sms", Channel.SMS),
            Map.entry("text", Channel.SMS),
            Map.entry("twitter", Channel.SOCIAL),
            Map.entry("twitter_dm", Channel.SOCIAL),
            Map.entry("twitter_favorite", Channel.SOCIAL),
            Map.entry("x", Channel.SOCIAL),
            Map.entry("facebook", Channel.SOCIAL),
            Map.entry("facebook_post", Channel.SOCIAL),
            Map.entry("facebook_message", Channel.SOCIAL),
            Map.entry("instagram", Channel.SOCIAL),
            Map.entry("instagram_dm", Channel.SOCIAL));

    @Override
    public Mapped map(Delivery d) {
        JsonNode body = d.body();
        String type = Fields.requireText(body, "type");
        SignalType signalType = d.events().get(type);
        if (signalType == null) {
            return new Mapped.Ignored(type);
        }
        String eventId = Fields.requireText(body, "id");
        JsonNode ticket = Fields.at(body, "detail");
        String time = Fields.firstText(body, "time", "detail.created_at");
        if (time == null) {
            throw Fields.unmappable("time is required");
        }
        if (signalType == SignalType.PROFILE_UPDATED) {
            String user = Fields.text(ticket, "id");
            if (user == null) {
                throw Fields.unmappable("detail.id is required");
            }
            return Mapped.of(new Signal(d.signalId(eventId), d.source(), signalType, Fields.isoInstant(time, "time"),
                    new CustomerRef("zendesk:" + user, Fields.text(ticket, "email"), null, null), Map.of()));
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        channelOf(Fields.text(ticket, "via.channel")).ifPresent(c -> attributes.put("channel", c.wire()));
        Fields.putIfPresent(attributes, "ticketId", Fields.text(ticket, "id"));
        Fields.putIfPresent(attributes, "subject", Fields.text(ticket, "subject"));
        Fields.putIfPresent(attributes, "priority", Fields.text(ticket, "priority"));
        return Mapped.of(new Signal(d.signalId(eventId), d.source(), signalType, Fields.isoInstant(time, "time"),
                customer(ticket), attributes));
    }

    /** The channel a ticket came in on, when Zendesk names one of ours; web forms, API and unknown: none. */
    static java.util.Optional<Channel> channelOf(String via) {
        if (via == null) {
            return java.util.Optional.empty();
        }
        String v = via.trim().toLowerCase(Locale.ROOT);
        return v.equals("email") || v.equals("mail") ? java.util.Optional.of(Channel.EMAIL) : java.util.Optional.ofNullable(CHANNELS.get(v));
    }

    /** The requester, by Zendesk id and email together when both are given (a link). */
    private static CustomerRef customer(JsonNode ticket) {
        String email = Fields.text(ticket, "requester.email");
        String requester = Fields.text(ticket, "requester_id");
        if (email == null && requester == null) {
            return CustomerRef.NONE;
        }
        return new CustomerRef(requester == null ? null : "zendesk:" + requester, email, null, null);
    }
}
