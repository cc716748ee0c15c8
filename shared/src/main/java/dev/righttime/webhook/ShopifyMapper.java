package dev.righttime.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.righttime.model.CustomerRef;
import dev.righttime.model.Signal;
import dev.righttime.model.SignalType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Shopify webhooks: the topic ({@code X-Shopify-Topic}) picks the signal type; the delivery id is
 * {@code X-Shopify-Event-Id}, else {@code X-Shopify-Webhook-Id}. The customer is referenced by
 * {@code "shopify:<customer id>"}, email and phone together, as the checkout or order gives them
 * (resolved by any of them; naming several links them).
 */
public final class ShopifyMapper implements SignalMapper {

    public static final String TOPIC = "X-Shopify-Topic";
    public static final String EVENT_ID = "X-Shopify-Event-Id";
    public static final String WEBHOOK_ID = "X-Shopify-Webhook-Id";
    public static final String TRIGGERED_AT = "X-Shopify-Triggered-At";
    public static final String SHOP_DOMAIN = "X-Shopify-Shop-Domain";

    @Override
    public Mapped map(Delivery d) {
        Headers h = d.headers();
        String topic = h.get(TOPIC).orElseThrow(() -> Fields.unmappable("missing header " + TOPIC));
        String deliveryId = h.get(EVENT_ID).or(() -> h.get(WEBHOOK_ID))
                .orElseThrow(() -> Fields.unmappable("missing header " + EVENT_ID + " or " + WEBHOOK_ID));
        SignalType type = d.events().get(topic);
        if (type == null) {
            return new Mapped.Ignored(topic);
        }
        JsonNode body = d.body();
        Map<String, Object> attributes = new LinkedHashMap<>();
        Fields.putIfPresent(attributes, "shop", h.get(SHOP_DOMAIN).orElse(null));
        if (type == SignalType.ORDER_PLACED) {
            Fields.putIfPresent(attributes, "orderId", Fields.text(body, "id"));
            Fields.putIfPresent(attributes, "orderName", Fields.text(body, "name"));
        } else {
            Fields.putIfPresent(attributes, "checkoutToken", Fields.text(body, "token"));
            Fields.putIfPresent(attributes, "url", Fields.text(body, "abandoned_checkout_url"));
        }
        Fields.putIfPresent(attributes, "totalPrice", Fields.text(body, "total_price"));
        Fields.putIfPresent(attributes, "currency", Fields.text(body, "currency"));
        return Mapped.of(new Signal(d.signalId(deliveryId), d.source(), type, occurredAt(body, h),
                customer(body), attributes));
    }

    private static Instant occurredAt(JsonNode body, Headers h) {
        String created = Fields.text(body, "created_at");
        if (created != null) {
            return Fields.isoInstant(created, "created_at");
        }
        String triggered = h.get(TRIGGERED_AT).orElseThrow(() -> Fields.unmappable("created_at is required"));
        return Fields.isoInstant(triggered, TRIGGERED_AT);
    }

    private static CustomerRef customer(JsonNode body) {
        String email = Fields.firstText(body, "email", "customer.email", "contact_email");
        String phone = Fields.firstText(body, "phone", "customer.phone");
        String id = Fields.text(body, "customer.id");
        return new CustomerRef(id == null ? null : "shopify:" + id, email, phone, null);
    }
}
