package dev.righttime.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.righttime.model.CustomerRef;
import dev.righttime.model.Signal;
import dev.righttime.model.SignalType;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Segment spec events. {@code track} maps by event name ("Product Viewed", "Checkout Started",
 * "Order Completed"), {@code identify} by the key {@code identify}. Segment's {@code userId} is the
 * business's own id, so it is the customerId as is, given together with the traits' email and phone
 * (an identify links them). The delivery id is {@code messageId}.
 */
public final class SegmentMapper implements SignalMapper {

    static final String IDENTIFY = "identify";

    @Override
    public Mapped map(Delivery d) {
        JsonNode body = d.body();
        String kind = Fields.requireText(body, "type");
        String eventKey = switch (kind) {
            case "track" -> Fields.requireText(body, "event");
            case IDENTIFY -> IDENTIFY;
            default -> null;
        };
        SignalType type = eventKey == null ? null : d.events().get(eventKey);
        if (type == null) {
            return new Mapped.Ignored(eventKey == null ? kind : kind + ":" + eventKey);
        }
        String messageId = Fields.requireText(body, "messageId");
        String timestamp = Fields.firstText(body, "timestamp", "originalTimestamp", "sentAt", "receivedAt");
        if (timestamp == null) {
            throw Fields.unmappable("timestamp is required");
        }
        Map<String, Object> attributes = type == SignalType.PROFILE_UPDATED ? profileFields(body) : trackFields(body);
        return Mapped.of(new Signal(d.signalId(messageId), d.source(), type, Fields.isoInstant(timestamp, "timestamp"),
                customer(body), attributes));
    }

    private static CustomerRef customer(JsonNode body) {
        String userId = Fields.text(body, "userId");
        String email = Fields.firstText(body, "traits.email", "context.traits.email", "properties.email");
        String phone = Fields.firstText(body, "traits.phone", "context.traits.phone");
        return new CustomerRef(userId, email, phone, null);
    }

    /** The product, cart or order the event is about (Segment's e-commerce spec property names). */
    private static Map<String, Object> trackFields(JsonNode body) {
        JsonNode p = Fields.at(body, "properties");
        Map<String, Object> a = new LinkedHashMap<>();
        Fields.putIfPresent(a, "productId", Fields.text(p, "product_id"));
        Fields.putIfPresent(a, "name", Fields.text(p, "name"));
        Fields.putIfPresent(a, "url", Fields.text(p, "url"));
        Fields.putIfPresent(a, "checkoutId", Fields.text(p, "checkout_id"));
        Fields.putIfPresent(a, "cartId", Fields.text(p, "cart_id"));
        Fields.putIfPresent(a, "orderId", Fields.text(p, "order_id"));
        Fields.putIfPresent(a, "total", Fields.firstText(p, "total", "revenue", "value", "price"));
        Fields.putIfPresent(a, "currency", Fields.text(p, "currency"));
        return a;
    }

    /** identify traits as profile fields: timezone, addresses (email, phone), first and last name. */
    private static Map<String, Object> profileFields(JsonNode body) {
        Map<String, Object> a = new LinkedHashMap<>();
        String tz = Fields.firstText(body, "traits.timezone", "context.timezone");
        if (tz != null) {
            try {
                a.put("timezone", ZoneId.of(tz).getId());
            } catch (DateTimeException e) {
                throw Fields.unmappable("traits.timezone is not a known timezone");
            }
        }
        Map<String, Object> addresses = new LinkedHashMap<>();
        Fields.putIfPresent(addresses, "email", Fields.text(body, "traits.email"));
        Fields.putIfPresent(addresses, "phone", Fields.text(body, "traits.phone"));
        if (!addresses.isEmpty()) {
            a.put("addresses", addresses);
        }
        Map<String, Object> names = new LinkedHashMap<>();
        Fields.putIfPresent(names, "firstName", Fields.firstText(body, "traits.firstName", "traits.first_name"));
        Fields.putIfPresent(names, "lastName", Fields.firstText(body, "traits.lastName", "traits.last_name"));
        if (!names.isEmpty()) {
            a.put("attributes", names);
        }
        return a;
    }
}
