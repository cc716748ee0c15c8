package dev.righttime.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.righttime.model.CustomerProfile;
import dev.righttime.model.Json;
import dev.righttime.model.JsonErrors;
import dev.righttime.model.Signal;
import dev.righttime.time.QuietHours;
import java.util.Iterator;
import java.util.Map;

/** What an UPDATE does to a profile: pure, so the engine's caller applies it wherever profiles live. */
public final class ProfileUpdates {

    private ProfileUpdates() {
    }

    /**
     * The profile after an update signal. profile.updated overwrites the fields it names (nested
     * objects such as consent or addresses merge field by field); consent.changed sets one channel.
     * A missing profile starts empty. The customerId never changes.
     */
    public static CustomerProfile apply(String customerId, CustomerProfile current, Signal signal) {
        return apply(customerId, current, signal, SPEC_DEFAULT_QUIET_HOURS);
    }

    /**
     * As {@link #apply(String, CustomerProfile, Signal)}; a partial {@code quietHours} (only
     * {@code end}, say) for a customer with none of their own merges over {@code defaultQuietHours},
     * the hours that customer had in effect.
     */
    public static CustomerProfile apply(String customerId, CustomerProfile current, Signal signal, QuietHours defaultQuietHours) {
        CustomerProfile base = current != null ? current : CustomerProfile.of(customerId);
        return switch (signal.type()) {
            case CONSENT_CHANGED -> {
                ConsentChange change = ConsentChange.of(signal);
                yield base.withConsent(base.consentOrNone().with(change.channel(), change.granted()));
            }
            case PROFILE_UPDATED -> overwrite(base, signal.attributes(), defaultQuietHours);
            default -> base;
        };
    }

    /** The spec's default quiet hours (21:00-08:00), for callers without a playbook. */
    private static final QuietHours SPEC_DEFAULT_QUIET_HOURS = new QuietHours(java.time.LocalTime.of(21, 0), java.time.LocalTime.of(8, 0));

    private static CustomerProfile overwrite(CustomerProfile base, Map<String, Object> fields, QuietHours defaultQuietHours) {
        ObjectMapper json = Json.mapper();
        ObjectNode tree = json.valueToTree(base);
        if (base.quietHours() == null && fields.get("quietHours") instanceof Map<?, ?> partial && partial.size() < 2) {
            tree.set("quietHours", json.valueToTree(defaultQuietHours));
        }
        merge(tree, json.valueToTree(fields));
        tree.put("customerId", base.customerId());
        try {
            return json.treeToValue(tree, CustomerProfile.class);
        } catch (Exception e) {
            throw new IllegalArgumentException("profile.updated: " + JsonErrors.describe(e), e);
        }
    }

    private static void merge(ObjectNode into, JsonNode from) {
        Iterator<Map.Entry<String, JsonNode>> it = from.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            if (into.get(f.getKey()) instanceof ObjectNode target && f.getValue() instanceof ObjectNode source) {
                merge(target, source);
            } else {
                into.set(f.getKey(), f.getValue());
            }
        }
    }
}
