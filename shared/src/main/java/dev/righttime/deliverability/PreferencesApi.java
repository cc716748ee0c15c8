package dev.righttime.deliverability;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.righttime.model.Channel;
import dev.righttime.model.Consent;
import dev.righttime.model.CustomerProfile;
import dev.righttime.model.CustomerRef;
import dev.righttime.port.ProfileStore;
import dev.righttime.port.SignalSink;
import dev.righttime.web.Html;
import java.net.URLDecoder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The routes a message's recipient uses without logging in, authorised by the signed token of the
 * message's link ({@link UnsubscribeTokens}; a forged, altered or expired token is 401 and changes
 * nothing):
 * <pre>
 * POST /unsubscribe?token=     RFC 8058 one-click (body List-Unsubscribe=One-Click; the token may also be a form field):
 *                              consent false on the token's channel, as a consent.changed signal; 200 JSON
 * GET  /unsubscribe?token=     a link opened in a browser (or fetched by a scanner) changes nothing: the preference page
 * GET  /preferences?token=     the preference page: email, SMS and social consent as checkboxes
 * POST /preferences            form: token, email=on, sms=on, social=on; a consent.changed per channel that changed; the page again
 * </pre>
 * Every change goes through the normal flow (the signal sink: the signals queue), so the profile is
 * updated and pending marketing on a revoked channel is cancelled as for any consent webhook.
 */
public final class PreferencesApi {

    /** Status, content type and body. */
    public record Answer(int status, String contentType, String body) {
    }

    public static final String HTML = "text/html; charset=utf-8";
    public static final String JSON = "application/json";
    private static final List<Channel> CHANNELS = List.of(Channel.EMAIL, Channel.SMS, Channel.SOCIAL);

    private final UnsubscribeTokens tokens;
    private final ProfileStore profiles;
    private final SignalSink signals;
    private final Clock clock;

    public PreferencesApi(UnsubscribeTokens tokens, ProfileStore profiles, SignalSink signals, Clock clock) {
        this.tokens = tokens;
        this.profiles = profiles;
        this.signals = signals;
        this.clock = clock;
    }

    /** Whether this API answers the path (the caller routes it here before any login check). */
    public static boolean handles(String path) {
        return "/unsubscribe".equals(path) || "/preferences".equals(path);
    }

    public Answer handle(String method, String path, Map<String, String> query, String body) {
        String m = method == null ? "" : method.toUpperCase(Locale.ROOT);
        Map<String, String> form = m.equals("POST") ? form(body) : Map.of();
        String token = query != null && query.get("token") != null ? query.get("token") : form.get("token");
        Optional<UnsubscribeTokens.Claims> claims = tokens.verify(token, clock.instant());
        boolean unsubscribe = "/unsubscribe".equals(path);
        if (!m.equals("GET") && !m.equals("POST")) {
            return new Answer(405, JSON, "{\"error\":\"method_not_allowed\",\"message\":\"GET or POST\"}");
        }
        if (claims.isEmpty()) {
            return m.equals("POST") && unsubscribe
                    ? new Answer(401, JSON, "{\"error\":\"invalid_token\",\"message\":\"the unsubscribe link is invalid or has expired\"}")
                    : new Answer(401, HTML, page("This link is invalid or has expired",
                            "<p>Please use the link in a more recent message from us.</p>"));
        }
        UnsubscribeTokens.Claims c = claims.get();
        if (m.equals("POST") && unsubscribe) {
            submit(c, c.channel(), false, "unsubscribed", token);
            return new Answer(200, JSON, "{\"status\":\"unsubscribed\",\"channel\":\"" + c.channel().wire() + "\"}");
        }
        Consent current = profiles.get(c.customerId()).map(CustomerProfile::consentOrNone).orElse(Consent.NONE);
        if (m.equals("POST")) {
            Consent wanted = current;
            for (Channel ch : CHANNELS) {
                boolean on = "on".equals(form.get(ch.wire())) || "true".equals(form.get(ch.wire()));
                if (current.granted(ch) != on) {
                    submit(c, ch, on, "preferences", token);
                }
                wanted = wanted.with(ch, on);
            }
            return new Answer(200, HTML, preferences(wanted, token, true));
        }
        return new Answer(200, HTML, preferences(current, token, false));
    }

    private void submit(UnsubscribeTokens.Claims c, Channel channel, boolean granted, String reason, String token) {
        Instant now = clock.instant();
        // Unique per click: unsubscribing again after re-subscribing must not be a duplicate.
        String id = "righttime:" + reason + ":" + hash(token + "|" + channel.wire() + "|" + granted + "|" + now.toEpochMilli());
        signals.submit(ConsentSignals.of(id, CustomerRef.ofCustomerId(c.customerId()), channel, granted, reason,
                channel == c.channel() && !granted ? c.responseId() : null, now));
    }

    private static String preferences(Consent consent, String token, boolean saved) {
        StringBuilder body = new StringBuilder();
        if (saved) {
            body.append("<p class=\"saved\" role=\"status\">Saved. Your choices apply within a minute.</p>\n");
        }
        body.append("<form method=\"post\" action=\"preferences\">\n<input type=\"hidden\" name=\"token\" value=\"")
                .append(Html.escape(token)).append("\">\n<fieldset><legend>We may contact you by</legend>\n");
        Map<Channel, String> labels = new LinkedHashMap<>();
        labels.put(Channel.EMAIL, "Email (offers and reminders)");
        labels.put(Channel.SMS, "Text message (SMS)");
        labels.put(Channel.SOCIAL, "Replies on social media");
        labels.forEach((ch, label) -> body.append("<label><input type=\"checkbox\" name=\"").append(ch.wire()).append("\"")
                .append(consent.granted(ch) ? " checked" : "").append("> ").append(label).append("</label>\n"));
        body.append("</fieldset>\n<button type=\"submit\">Save my choices</button>\n</form>\n")
                .append("<p class=\"note\">Service messages about your orders, requests and account still reach you.</p>\n");
        return page("Your contact preferences", body.toString());
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"referrer\" content=\"no-referrer\"><title>" + Html.escape(title) + "</title>\n<style>"
                + "body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#222}"
                + "fieldset{border:1px solid #ccc;border-radius:8px;padding:1rem}label{display:block;margin:.6rem 0;font-size:1.05rem}"
                + "button{margin-top:1rem;padding:.6rem 1.2rem;font-size:1rem;border-radius:6px;border:0;background:#1a5fb4;color:#fff}"
                + ".saved{background:#e6f4ea;padding:.6rem;border-radius:6px}.note{color:#666;font-size:.9rem}"
                + "</style></head><body>\n<h1>" + Html.escape(title) + "</h1>\n" + body + "</body></html>\n";
    }

    /** An application/x-www-form-urlencoded body (a malformed pair is skipped). */
    static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        if (body == null || body.isBlank()) {
            return out;
        }
        for (String pair : body.strip().split("&")) {
            int eq = pair.indexOf('=');
            try {
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), UTF_8);
                out.putIfAbsent(k, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), UTF_8));
            } catch (IllegalArgumentException malformed) {
                // skipped
            }
        }
        return out;
    }

    private static String hash(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(UTF_8))).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
