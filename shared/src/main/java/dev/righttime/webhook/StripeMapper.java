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
 * became true is a cancel request; {@code customer.subscription.deleted} is the end of that
 * subscription ({@code subscriptionEnded: true}, which closes the retention thread); the customer
 * is {@code customerId = "stripe:<cus_...>"}. {@code customer.created} and {@code customer.updated}
 * carry the Stripe customer object: they link {@code stripe:<cus_...>} to its email and phone (a
 * {@code profile.updated} whose reference names all three). The dedupe id is the event id
 * ({@code evt_...}), which Stripe keeps across retries.
 */
public final class StripeMapper implements SignalMapper {

    static final String SUBSCRIPTION_UPDATED = "customer.subscription.updated";
    static final String SUBSCRIPTION_DELETED = "customer.subscription.deleted";

    @Override
    public Mapped map(Delivery d) {
        JsonNode body = d.body();
        String type = Fields.requireText(body, "type");
        String eventId = Fields.requireText(body, "id");
        SignalType signalType = d.events().get(type);
        if (signalType == null) {
            return new Mapped.Ignored(type);
        }
        Instant created = Instant.ofEpochSecond(epochSeconds(Fields.requireText(body, "created"), "created"));
        if (signalType == SignalType.PROFILE_UPDATED) {
            return Mapped.of(customerLink(d, eventId, created, Fields.at(body, "data.object")));
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
        if (type.equals(SUBSCRIPTION_DELETED)) {
            attributes.put("subscriptionEnded", true);
        }
        return Mapped.of(new Signal(d.signalId(eventId), d.source(), signalType, created,
                CustomerRef.ofCustomerId("stripe:" + customer), attributes));
    }

    /** A Stripe customer object: its id, email and phone name one person. */
    private static Signal customerLink(Delivery d, String eventId, Instant created, JsonNode customer) {
        String id = Fields.text(customer, "id");
        if (id == null) {
            throw Fields.unmappable("data.object.id is required");
        }
        CustomerRef ref = new CustomerRef("stripe:" + id, Fields.text(customer, "email"), Fields.text(customer, "phone"), null);
        return new Signal(d.signalId(eventId), d.source(), SignalType.PROFILE_UPDATED, created, ref, Map.of());
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
