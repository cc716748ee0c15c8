package dev.righttime.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.righttime.model.CustomerRef;
import dev.righttime.model.Signal;
import dev.righttime.model.SignalType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stripe events. {@code customer.subscription.updated} whose {@code cancel_at_period_end} just
 * became true is a cancel request; the customer is {@code customerId = "stripe:<cus_...>"}. The
 * dedupe id is the event id ({@code evt_...}), which Stripe keeps across retries.
 */
public final class StripeMapper implements SignalMapper {

    static final String SUBSCRIPTION_UPDATED = "customer.subscription.updated";

    @Override
    public Mapped map(Delivery d) {
        JsonNode body = d.body();
        String type = Fields.requireText(body, "type");
        String eventId = Fields.requireText(body, "id");
        SignalType signalType = d.events().get(type);
        if (signalType == null) {
            return new Mapped.Ignored(type);
        }
        JsonNode subscription = Fields.at(body, "data.object");
        if (type.equals(SUBSCRIPTION_UPDATED) && !cancelJustRequested(body, subscription)) {
            return new Mapped.Ignored(type);
        }
        String customer = Fields.firstText(subscription, "customer", "customer.id");
        if (customer == null) {
            throw Fields.unmappable("data.object.customer is required");
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        Fields.putIfPresent(attributes, "subscriptionId", Fields.text(subscription, "id"));
        String cancelAt = Fields.text(subscription, "cancel_at");
        if (cancelAt != null) {
            attributes.put("cancelAt", Instant.ofEpochSecond(epochSeconds(cancelAt, "data.object.cancel_at")).toString());
        }
        Instant created = Instant.ofEpochSecond(epochSeconds(Fields.requireText(body, "created"), "created"));
        return Mapped.of(new Signal(d.signalId(eventId), d.source(), signalType, created,
                CustomerRef.ofCustomerId("stripe:" + customer), attributes));
    }

    /** The flag is true now, and either Stripe says it changed in this update or gives no previous values. */
    private static boolean cancelJustRequested(JsonNode body, JsonNode subscription) {
        if (!Fields.at(subscription, "cancel_at_period_end").asBoolean(false)) {
            return false;
        }
        JsonNode previous = Fields.at(body, "data.previous_attributes");
        return !previous.isObject() || previous.has("cancel_at_period_end");
    }

    private static long epochSeconds(String value, String field) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw Fields.unmappable(field + " is not a Unix timestamp");
        }
    }
}
