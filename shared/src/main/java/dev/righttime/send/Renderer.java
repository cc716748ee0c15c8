package dev.righttime.send;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import dev.righttime.model.Channel;
import dev.righttime.model.CustomerProfile;
import dev.righttime.model.Signal;
import dev.righttime.model.SignalType;
import dev.righttime.policy.Templates;
import dev.righttime.triage.Triage;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders the playbook's templates with JMustache: plain text (no HTML escaping), and from the same
 * template an HTML body whose values are HTML-escaped (a customer's name cannot inject markup),
 * blank-line-separated paragraphs becoming {@code <p>}s; a missing value renders as nothing (and a
 * greeting left without its name closes up: "Hi, thanks", not "Hi , thanks"). The data: the
 * signal's attributes, then the profile's attributes (which win),
 * then {@code signalType} and {@code channel}. Templates are compiled once and kept.
 */
public final class Renderer {

    /** A rendered message body, its HTML version (email) and, for email, its subject. */
    public record Rendered(String subject, String text, String html) {
    }

    private static final Mustache.Compiler COMPILER = Mustache.compiler().escapeHTML(false).defaultValue("");
    private static final Mustache.Compiler HTML = Mustache.compiler().escapeHTML(true).defaultValue("");

    private final Templates templates;
    private final Map<String, Template> compiled = new ConcurrentHashMap<>();
    private final Map<String, Template> compiledHtml = new ConcurrentHashMap<>();

    public Renderer(Templates templates) {
        this.templates = templates;
    }

    /** The template of {@code key} (a signal type's wire name or holding_reply) on the channel, rendered. */
    public Optional<Rendered> render(String key, Channel channel, Signal signal, CustomerProfile profile) {
        return templates.find(key, channel).map(t -> {
            Map<String, Object> data = data(signal, profile, channel);
            return new Rendered(t.subject() == null ? null : tidy(compile(t.subject()).execute(data)),
                    tidy(compile(t.text()).execute(data)),
                    paragraphs(tidy(compiledHtml.computeIfAbsent(t.text(), HTML::compile).execute(data))));
        });
    }

    public Optional<Rendered> render(SignalType type, Channel channel, Signal signal, CustomerProfile profile) {
        return render(type.wire(), channel, signal, profile);
    }

    /** A greeting whose name rendered as nothing ("Hi , thanks") closes up ("Hi, thanks"). */
    private static final java.util.regex.Pattern EMPTY_NAME =
            java.util.regex.Pattern.compile("(?i)\\b(hi|hello|hey|dear|thanks|thank you)[ \\t]+([,.!])");

    static String tidy(String text) {
        return EMPTY_NAME.matcher(text).replaceAll("$1$2").strip();
    }

    /** Escaped text as HTML paragraphs: a blank line separates paragraphs, a newline is a line break. */
    static String paragraphs(String escaped) {
        StringBuilder out = new StringBuilder();
        for (String p : escaped.split("\\R\\s*\\R")) {
            if (!p.isBlank()) {
                out.append("<p>").append(p.strip().replaceAll("\\R", "<br>\n")).append("</p>\n");
            }
        }
        return out.toString();
    }

    /**
     * The template of {@code key} narrowed to what the reply answers ({@code social.mention.complaint},
     * {@code holding_reply.complaint}...), falling back to {@code key}'s own.
     */
    public Optional<Rendered> render(String key, Triage.Kind kind, Channel channel, Signal signal, CustomerProfile profile) {
        return templates.find(key, kind, channel).map(t -> {
            Map<String, Object> data = data(signal, profile, channel);
            return new Rendered(t.subject() == null ? null : tidy(compile(t.subject()).execute(data)),
                    tidy(compile(t.text()).execute(data)),
                    paragraphs(tidy(compiledHtml.computeIfAbsent(t.text(), HTML::compile).execute(data))));
        });
    }

    private Template compile(String source) {
        return compiled.computeIfAbsent(source, COMPILER::compile);
    }

    static Map<String, Object> data(Signal signal, CustomerProfile profile, Channel channel) {
        Map<String, Object> data = new HashMap<>();
        if (signal != null) {
            data.putAll(signal.attributes());
            data.put("signalType", signal.type().wire());
        }
        if (profile != null) {
            data.putAll(profile.attributesOrNone());
        }
        data.put("channel", channel.wire());
        return data;
    }
}
