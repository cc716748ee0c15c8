package dev.righttime.deliverability;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.righttime.model.Channel;
import java.net.URI;
import java.net.URLEncoder;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The unsubscribe links of one marketing message: the one-click URL ({@code POST <base>/unsubscribe?token=},
 * RFC 8058), the preference page ({@code GET <base>/preferences?token=}) and a {@code mailto:} for
 * clients without one-click, whose subject carries the same token (with the template's
 * ReceiveUnsubscribeMail, SES email receiving hands that mail to {@link FeedbackService}; otherwise it
 * reaches the brand's mailbox, whose owner acts on it by hand).
 * {@code base} is the public HTTPS address of the API (PUBLIC_BASE_URL); the token expires after the
 * playbook's {@code deliverability.unsubscribeTokenTtl}.
 */
public final class UnsubscribeLinks {

    /** The links of one message. */
    public record Links(String unsubscribeUrl, String preferencesUrl, String mailto) {

        /** The {@code List-Unsubscribe} header value: the HTTPS URL first, then the mailto. */
        public String listUnsubscribe() {
            return mailto == null ? "<" + unsubscribeUrl + ">" : "<" + unsubscribeUrl + ">, <" + mailto + ">";
        }
    }

    /** The {@code List-Unsubscribe-Post} header value of RFC 8058. */
    public static final String ONE_CLICK = "List-Unsubscribe=One-Click";

    private final Supplier<String> base;
    private final String mailbox;
    private final UnsubscribeTokens tokens;
    private final Duration ttl;
    private final Clock clock;

    public UnsubscribeLinks(URI base, String mailbox, UnsubscribeTokens tokens, Duration ttl, Clock clock) {
        this(Objects.requireNonNull(base, "base")::toString, mailbox, tokens, ttl, clock);
    }

    /** With a base known only once a server is listening (the local runtime on a free port). */
    public UnsubscribeLinks(Supplier<String> base, String mailbox, UnsubscribeTokens tokens, Duration ttl, Clock clock) {
        this.base = () -> {
            String b = base.get();
            return b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
        };
        this.mailbox = mailbox == null || mailbox.isBlank() ? null : mailbox.strip();
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Links of(String customerId, Channel channel, String responseId) {
        String token = tokens.sign(new UnsubscribeTokens.Claims(customerId, channel, responseId, clock.instant().plus(ttl)));
        String q = "?token=" + URLEncoder.encode(token, UTF_8);
        String mailto = mailbox == null ? null
                : "mailto:" + mailbox + "?subject=" + URLEncoder.encode("unsubscribe " + token, UTF_8).replace("+", "%20");
        String b = base.get();
        return new Links(b + "/unsubscribe" + q, b + "/preferences" + q, mailto);
    }
}
