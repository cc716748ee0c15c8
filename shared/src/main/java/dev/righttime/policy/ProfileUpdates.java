package dev.righttime.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.righttime.model.CustomerProfile;
import dev.righttime.model.Json;
import dev.righttime.model.JsonErrors;
import dev.righttime.model.Signal;
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
        CustomerProfile base = current != null ? current : CustomerProfile.of(customerId);
        return switch (signal.type()) {
            case CONSENT_CHANGED -> {
                ConsentChange change = ConsentChange.of(signal);
                yield base.withConsent(base.consentOrNone().with(change.channel(), change.granted()));
            }
            case PROFILE_UPDATED -> overwrite(base, signal.attributes());
            default -> base;
        };
    }

    private static CustomerProfile overwrite(CustomerProfile base, Map<String, Object> fields) {
        ObjectMapper json = Json.mapper();
        ObjectNode tree = json.valueToTree(base);
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
