package dev.righttime.newsroom;

import dev.righttime.model.Reason;
import java.util.List;
import java.util.Map;

/** A decision's reasons in words, for the customer page and the export (the wire words stay in {@code reasons}). */
public final class Explanations {

    private static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry("duplicate", "this signal had been handled already"),
            Map.entry("profile_updated", "the profile was updated from this signal"),
            Map.entry("consent_granted", "the customer gave consent"),
            Map.entry("consent_revoked", "the customer withdrew consent"),
            Map.entry("customer_initiated", "the customer reached out, so we answer now"),
            Map.entry("retention_offer", "a request to cancel gets a retention offer"),
            Map.entry("public_complaint", "a public complaint is answered at once"),
            Map.entry("high_reach", "the author has a large audience"),
            Map.entry("needs_approval", "a person approves the reply before it goes out"),
            Map.entry("engagement_slot", "not urgent: answered at the brand's next engagement slot"),
            Map.entry("marketing_delay", "marketing waits a while after the customer's action"),
            Map.entry("quiet_hours", "moved out of the customer's quiet hours"),
            Map.entry("channel_fallback", "the preferred channel had no consent, so another channel was used"),
            Map.entry("frequency_cap", "the customer already had a marketing message recently"),
            Map.entry("no_consent", "the customer has not consented to this channel"),
            Map.entry("no_channel", "no channel with consent and an address"),
            Map.entry("unknown_customer", "we do not know who this is"),
            Map.entry("order_placed", "an order was placed, so pending reminders were cancelled"),
            Map.entry("trend", "a trend the brand may post about"),
            Map.entry("emergency", "an emergency alert for the customer's segment"),
            Map.entry("empty_segment", "nobody is in the alerted segment"),
            Map.entry("complaint", "read as a complaint"),
            Map.entry("question", "read as a question"),
            Map.entry("praise", "read as praise"),
            Map.entry("other", "read as neither complaint, question nor praise"),
            Map.entry("covenant_auto", "the autonomy setting for this kind of message sends it without a person"),
            Map.entry("covenant_ask", "the autonomy setting for this kind of message asks a person first"),
            Map.entry("covenant_never", "the autonomy setting for this kind of message never answers it"));

    private Explanations() {
    }

    public static List<String> of(List<Reason> reasons) {
        return reasons.stream().map(r -> WORDS.getOrDefault(r.wire(), r.wire().replace('_', ' '))).toList();
    }
}
