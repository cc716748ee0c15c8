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
 * The delivery id is the event's {@code id}; the customer is {@code "zendesk:<requester_id>"} unless
 * the payload carries the requester's email; {@code attributes.channel} comes from {@code via.channel}.
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
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("channel", channel(Fields.text(ticket, "via.channel")).wire());
        Fields.putIfPresent(attributes, "ticketId", Fields.text(ticket, "id"));
        Fields.putIfPresent(attributes, "subject", Fields.text(ticket, "subject"));
        Fields.putIfPresent(attributes, "priority", Fields.text(ticket, "priority"));
        return Mapped.of(new Signal(d.signalId(eventId), d.source(), signalType, Fields.isoInstant(time, "time"),
                customer(ticket), attributes));
    }

    static Channel channel(String via) {
        if (via == null) {
            return Channel.EMAIL;
        }
        return CHANNELS.getOrDefault(via.trim().toLowerCase(Locale.ROOT), Channel.EMAIL);
    }

    private static CustomerRef customer(JsonNode ticket) {
        String email = Fields.text(ticket, "requester.email");
        if (email != null) {
            return new CustomerRef(null, email, null, null);
        }
        String requester = Fields.text(ticket, "requester_id");
        return requester == null ? CustomerRef.NONE : CustomerRef.ofCustomerId("zendesk:" + requester);
    }
}
