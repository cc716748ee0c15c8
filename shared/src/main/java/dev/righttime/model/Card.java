package dev.righttime.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * What an editor needs to decide on a held response, captured when it is decided (the signal and
 * the profile may change or expire afterwards): who wrote (author), what they wrote (text, or a
 * trend's topic), the triage, the reply proposed from the playbook's template (what goes out if it
 * is approved unchanged), the text the fallback sends at the deadline, and the profile facts the
 * decision used (timezone, quiet hours, consent, segments, preferred channel, first name).
 * Message text and names are personal data: stored and shown to approvers, never logged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Card(Author author, String text, String topic, String triage, Double triageConfidence,
                   String proposedSubject, String proposedText, String fallbackText, Map<String, Object> facts) {

    /** The author of a public post: display name, handle, reach, verified badge, link to the post. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Author(String name, String handle, Long followers, Boolean verified, String url) {
    }

    public Card {
        facts = facts == null ? Map.of() : Map.copyOf(facts);
    }
}
