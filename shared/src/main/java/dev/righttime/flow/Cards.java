package dev.righttime.flow;

import dev.righttime.model.Card;
import dev.righttime.model.CustomerProfile;
import dev.righttime.model.Decision;
import dev.righttime.model.Fallback;
import dev.righttime.model.Outcome;
import dev.righttime.model.Signal;
import dev.righttime.model.SignalType;
import dev.righttime.policy.Templates;
import dev.righttime.send.Renderer;
import java.util.Optional;

/**
 * Builds the {@link Card} a response record keeps from the moment it is decided: the author and
 * text of the signal, its triage, the profile facts the decision used, and for a held response (or
 * a public social answer) the reply an editor approves or that goes out (rendered now from the
 * playbook), and the text a held response's fallback would send.
 *
 * <p>The proposed reply of a held mention follows its triage: a template named
 * {@code <signal type>.<triage>} when the playbook has one, else for a complaint or a question the
 * holding reply (an acknowledgement, never the "thanks for the mention" praise text), else the
 * signal type's own template.
 */
public final class Cards {

    private final Templates templates;
    private final Renderer renderer;

    public Cards(Templates templates) {
        this.templates = templates;
        this.renderer = new Renderer(templates);
    }

    /** The card of one decision's record; {@code profile} is the customer's as decide saw it (or null). */
    public Card of(Decision d, Signal signal, CustomerProfile profile) {
        String triage = Facts.triage(signal, d.reasons());
        String subject = null;
        String proposed = null;
        String fallback = null;
        // Held replies, and public (social) answers: the text decided now is the text that goes out.
        if (d.channel() != null && (d.outcome() == Outcome.HOLD || (d.channel() == dev.righttime.model.Channel.SOCIAL && d.isMessage()))) {
            Optional<Renderer.Rendered> reply = renderer.render(templateKey(signal.type(), triage), d.channel(), signal, profile);
            subject = reply.map(Renderer.Rendered::subject).orElse(null);
            proposed = reply.map(Renderer.Rendered::text).orElse(null);
            if (d.fallback() == Fallback.HOLDING_REPLY) {
                // The holding reply the sender will send: its triage's own (holding_reply.complaint) when the playbook has one.
                fallback = renderer.render(Templates.HOLDING_REPLY, kind(triage), d.channel(), signal, profile)
                        .map(Renderer.Rendered::text).orElse(null);
            }
        }
        Object confidence = signal.attribute("triageConfidence");
        return new Card(author(signal), signal.stringAttribute("text"), signal.stringAttribute("topic"), triage,
                confidence instanceof Number n ? n.doubleValue() : null, subject, proposed, fallback, Facts.of(profile));
    }

    private static dev.righttime.triage.Triage.Kind kind(String triage) {
        try {
            return triage == null ? null : dev.righttime.triage.Triage.Kind.fromWire(triage);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The template a held reply is proposed from (see the class comment). */
    String templateKey(SignalType type, String triage) {
        if (triage != null && templates.find(type.wire() + "." + triage, dev.righttime.model.Channel.SOCIAL).isPresent()) {
            return type.wire() + "." + triage;
        }
        if (type == SignalType.SOCIAL_MENTION && ("complaint".equals(triage) || "question".equals(triage))) {
            return Templates.HOLDING_REPLY;
        }
        return type.wire();
    }

    static Card.Author author(Signal signal) {
        String handle = signal.customerRef().x() != null ? signal.customerRef().x() : signal.stringAttribute("handle");
        Object followers = signal.attribute("followers");
        Long reach = followers == null ? null : signal.longAttribute("followers", -1) < 0 ? null : signal.longAttribute("followers", 0);
        Object verified = signal.attribute("verified");
        Boolean isVerified = verified instanceof Boolean b ? b : verified == null ? null : Boolean.valueOf(verified.toString());
        String name = signal.stringAttribute("authorName") != null ? signal.stringAttribute("authorName") : signal.stringAttribute("name");
        String url = signal.stringAttribute("url");
        if (handle == null && reach == null && isVerified == null && name == null && url == null) {
            return null;
        }
        return new Card.Author(name, handle, reach, isVerified, url);
    }

}
