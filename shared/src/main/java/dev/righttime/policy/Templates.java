package dev.righttime.policy;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import dev.righttime.model.Channel;
import dev.righttime.model.SignalType;
import dev.righttime.triage.Triage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The message texts of the playbook: per signal type (its wire name) or {@code holding_reply}, per
 * channel ({@code email}, {@code sms}, {@code social}, {@code chat}, or {@code any} for the rest),
 * one Mustache template with an optional subject (email). Rendering lives in
 * {@code dev.righttime.send.Renderer}; this is only the settings, checked when the playbook loads.
 */
public final class Templates {

    /** The key of the fallback reply a held response sends at its deadline if nobody acts. */
    public static final String HOLDING_REPLY = "holding_reply";
    /** The channel key that matches every channel without its own entry. */
    public static final String ANY = "any";

    /** One message: a Mustache text and, for email, a Mustache subject line. */
    public record Template(String subject, String text) {
        public Template {
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("a template needs a text");
            }
        }
    }

    private final Map<String, Map<String, Template>> byKey = new LinkedHashMap<>();

    @JsonCreator
    public Templates() {
    }

    @JsonAnySetter
    void put(String key, Map<String, Template> byChannel) {
        checkKey(key);
        if (byChannel == null || byChannel.isEmpty()) {
            throw new IllegalArgumentException("templates." + key + " needs at least one channel");
        }
        for (Map.Entry<String, Template> e : byChannel.entrySet()) {
            if (!ANY.equals(e.getKey())) {
                Channel.fromWire(e.getKey());
            }
            if (e.getValue() == null) {
                throw new IllegalArgumentException("templates." + key + "." + e.getKey() + " is empty");
            }
            boolean email = ANY.equals(e.getKey()) || Channel.EMAIL.wire().equals(e.getKey());
            if (email && (e.getValue().subject() == null || e.getValue().subject().isBlank())) {
                throw new IllegalArgumentException("templates." + key + "." + e.getKey() + " needs a subject (email)");
            }
        }
        byKey.put(key, Map.copyOf(byChannel));
    }

    /** A signal type or holding_reply, optionally narrowed to a triage: {@code social.mention.complaint}. */
    private static void checkKey(String key) {
        String base = key;
        int dot = key.lastIndexOf('.');
        if (dot > 0 && Triage.Kind.parse(key.substring(dot + 1)).isPresent()) {
            base = key.substring(0, dot);
        }
        if (!HOLDING_REPLY.equals(base)) {
            SignalType.fromWire(base);
        }
    }

    /**
     * The template for a triaged message: {@code key.triage} (e.g. {@code social.mention.complaint})
     * when the playbook has one for the channel, else {@code key}'s. A complaint or question never
     * gets the praise text: the default playbook has a template for each (a user's playbook merges over it).
     */
    public Optional<Template> find(String key, Triage.Kind kind, Channel channel) {
        if (kind != null) {
            Optional<Template> own = find(key + "." + kind.wire(), channel);
            if (own.isPresent()) {
                return own;
            }
        }
        return find(key, channel);
    }

    @JsonAnyGetter
    Map<String, Map<String, Template>> all() {
        return byKey;
    }

    /** The template of a signal type (or {@link #HOLDING_REPLY}) on a channel: its own, else {@code any}. */
    public Optional<Template> find(String key, Channel channel) {
        Map<String, Template> byChannel = byKey.get(key);
        if (byChannel == null) {
            return Optional.empty();
        }
        Template own = byChannel.get(channel.wire());
        return Optional.ofNullable(own != null ? own : byChannel.get(ANY));
    }

    public Optional<Template> find(SignalType type, Channel channel) {
        return find(type.wire(), channel);
    }

    /** Equal when they hold the same templates (playbooks are compared as values). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Templates t && t.byKey.equals(byKey);
    }

    @Override
    public int hashCode() {
        return byKey.hashCode();
    }

    @Override
    public String toString() {
        return "Templates" + byKey.keySet();
    }
}
