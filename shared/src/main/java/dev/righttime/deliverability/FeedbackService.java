package dev.righttime.deliverability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.righttime.model.Channel;
import dev.righttime.model.CustomerRef;
import dev.righttime.model.Feedback;
import dev.righttime.model.Json;
import dev.righttime.model.Response;
import dev.righttime.port.EventBus;
import dev.righttime.port.OutcomeEvent;
import dev.righttime.port.ResponseStore;
import dev.righttime.port.SignalSink;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feedback consumer: what SES and SNS report after a send, as the decide function receives it
 * from the feedback queue (README "Deliverability"). Three shapes of body are understood:
 * <ul>
 *   <li>an SES event from the configuration set's EventBridge destination (the rule on the default
 *       bus puts the whole event on the queue): {@code {"source":"aws.ses","detail":{"eventType":..}}};</li>
 *   <li>an SNS notification ({@code {"Type":"Notification","Message":"<json>"}}) whose Message is an
 *       SES event (an SNS event destination) or an inbound SMS of SNS two-way messaging
 *       ({@code originationNumber}, {@code messageBody});</li>
 *   <li>a mail to the List-Unsubscribe {@code mailto:} address, as SES email receiving publishes it
 *       through SNS ({@code "notificationType":"Received"}): see {@link #mail};</li>
 *   <li>any of those bodies bare (the local runtime's signed {@code POST /feedback}).</li>
 * </ul>
 * SES Delivery, Bounce, Complaint, Open and Click become DELIVERED, BOUNCED, COMPLAINED, OPENED and
 * CLICKED on the response named by the {@code responseId} message tag, each recorded once
 * ({@link ResponseStore#recordFeedback}) with an outcome event on the bus the first time. A permanent
 * bounce and a complaint also turn the address's email consent off, as a consent.changed signal
 * (reason {@code bounced} or {@code complained}) whose signalId is fixed per response: replayed, it is
 * a DUPLICATE; decided, a permanent bounce's also sends the bounced marketing message and moves the
 * customer's pending email marketing to the next channel (DecideService). An inbound STOP (or STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, OPTOUT) turns sms consent
 * off, START (UNSTOP, YES) back on, identified by the phone number; HELP changes nothing (the number's
 * HELP keyword response answers it). Other bodies and event types are ignored (logged by type only).
 */
public final class FeedbackService {

    private static final Logger LOG = LoggerFactory.getLogger(FeedbackService.class);

    static final Set<String> STOP = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "OPT-OUT");
    static final Set<String> START = Set.of("START", "UNSTOP", "YES");

    /** What one body came to (for tests and logs): the kind handled, or why nothing was. */
    public record Result(String handled, boolean firstTime) {
    }

    /** An unsubscribe token as {@link UnsubscribeTokens} writes it: base64url claims, a dot, a base64url MAC. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{16,}\\.[A-Za-z0-9_-]{16,}");

    private final ResponseStore responses;
    private final SignalSink consent;
    private final EventBus events;
    private final Clock clock;
    private final UnsubscribeTokens tokens;

    public FeedbackService(ResponseStore responses, SignalSink consent, EventBus events, Clock clock) {
        this(responses, consent, events, clock, null);
    }

    /** @param tokens verifies the token of a mailed unsubscribe (the List-Unsubscribe mailto); null: such mail is ignored */
    public FeedbackService(ResponseStore responses, SignalSink consent, EventBus events, Clock clock, UnsubscribeTokens tokens) {
        this.responses = responses;
        this.consent = consent;
        this.events = events;
        this.clock = clock;
        this.tokens = tokens;
    }

    /** Whether an SQS body is feedback rather than a canonical signal (signals have a signalId). */
    public static boolean isFeedback(String body) {
        if (body == null || body.contains("\"signalId\"")) {
            return false;   // the signals' hot path: no second parse
        }
        try {
            JsonNode n = Json.mapper().readTree(body);
            return n != null && n.isObject() && !n.has("signalId")
                    && (n.has("detail-type") || n.has("eventType") || n.has("notificationType")
                    || "Notification".equals(n.path("Type").asText()) || n.has("originationNumber"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Handles one body; throws IllegalArgumentException if it is not JSON, and on store or sink failures (to be retried). */
    public Result handle(String body) {
        JsonNode n;
        try {
            n = Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("feedback is not JSON", e);
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("feedback must be a JSON object");
        }
        String id = n.path("id").asText(null);
        if ("Notification".equals(n.path("Type").asText())) {
            id = n.path("MessageId").asText(null);
            try {
                n = Json.mapper().readTree(n.path("Message").asText(""));
            } catch (IOException e) {
                throw new IllegalArgumentException("an SNS notification's Message is not JSON", e);
            }
        }
        if (n.has("detail") && n.path("detail").isObject()) {
            n = n.get("detail");
        }
        if ("Received".equals(n.path("notificationType").asText())) {
            return mail(n);
        }
        if (n.has("eventType") || n.has("notificationType")) {
            return ses(n);
        }
        if (n.has("originationNumber") && n.has("messageBody")) {
            return sms(n, id);
        }
        LOG.info("feedback ignored: not an SES event or an inbound SMS");
        return new Result("ignored", false);
    }

    private Result ses(JsonNode e) {
        String type = e.has("eventType") ? e.path("eventType").asText() : e.path("notificationType").asText();
        Optional<Feedback> kind = switch (type) {
            case "Delivery" -> Optional.of(Feedback.DELIVERED);
            case "Bounce" -> Optional.of(Feedback.BOUNCED);
            case "Complaint" -> Optional.of(Feedback.COMPLAINED);
            case "Open" -> Optional.of(Feedback.OPENED);
            case "Click" -> Optional.of(Feedback.CLICKED);
            default -> Optional.empty();
        };
        if (kind.isEmpty()) {
            LOG.info("SES event {} ignored", type.replaceAll("[^A-Za-z]", ""));
            return new Result("ignored", false);
        }
        JsonNode tag = e.path("mail").path("tags").path(dev.righttime.send.Message.RESPONSE_TAG);
        String responseId = tag.isArray() && !tag.isEmpty() ? tag.get(0).asText() : tag.isTextual() ? tag.asText() : null;
        Optional<Response> found = responseId == null ? Optional.empty() : responses.get(responseId);
        if (found.isEmpty()) {
            LOG.info("SES {} for no known response ignored", kind.get().wire());
            return new Result("unknown_response", false);
        }
        Response r = found.get();
        Instant at = instant(e.path(section(kind.get())).path("timestamp").asText(null));
        boolean permanent = kind.get() == Feedback.BOUNCED && "Permanent".equals(e.path("bounce").path("bounceType").asText());
        boolean first = responses.recordFeedback(r.responseId(), kind.get(), at);
        if (first) {
            events.publishOutcomes(List.of(OutcomeEvent.of(kind.get().wire(), r, at,
                    kind.get() == Feedback.BOUNCED ? (permanent ? "permanent" : "transient") : null)));
        }
        // Submitted every time (its fixed signalId makes a repeat a DUPLICATE), so a crash after the
        // record above and before this still suppresses the address on the redelivery.
        if ((permanent || kind.get() == Feedback.COMPLAINED) && r.customerId() != null) {
            String reason = permanent ? "bounced" : "complained";
            consent.submit(ConsentSignals.of("ses:" + reason + ":" + r.responseId(), CustomerRef.ofCustomerId(r.customerId()),
                    Channel.EMAIL, false, reason, r.responseId(), at));
        }
        LOG.info("response {}: {}{}", r.responseId(), kind.get().wire(), first ? "" : " (again, no effect)");
        return new Result(kind.get().wire(), first);
    }

    /**
     * A mail to the List-Unsubscribe {@code mailto:} address, as SES email receiving publishes it
     * (a receipt rule's SNS action: {@code notificationType Received}). The subject the link set,
     * {@code unsubscribe <token>}, carries the same signed token as the one-click URL, which is the
     * only authority (the sender's address proves nothing): a valid one turns consent off on its
     * channel (reason {@code unsubscribed}, marking the message it came from), once per received mail
     * (signal id from SES's messageId). A forged or expired token, no token, or a mail SES judged a
     * virus or spam changes nothing.
     */
    private Result mail(JsonNode n) {
        JsonNode receipt = n.path("receipt");
        if ("FAIL".equals(receipt.path("virusVerdict").path("status").asText())
                || "FAIL".equals(receipt.path("spamVerdict").path("status").asText())) {
            LOG.info("inbound mail ignored: SES judged it spam or a virus");
            return new Result("ignored", false);
        }
        String messageId = n.path("mail").path("messageId").asText("");
        Matcher m = TOKEN.matcher(n.path("mail").path("commonHeaders").path("subject").asText(""));
        if (!m.find() || messageId.isBlank()) {
            LOG.info("inbound mail ignored: no unsubscribe token in its subject");
            return new Result("ignored", false);
        }
        Instant now = clock.instant();
        Optional<UnsubscribeTokens.Claims> claims = tokens == null ? Optional.empty() : tokens.verify(m.group(), now);
        if (claims.isEmpty()) {
            LOG.info("inbound mail ignored: its unsubscribe token is invalid or expired{}", tokens == null ? " (no key configured)" : "");
            return new Result("invalid_token", false);
        }
        UnsubscribeTokens.Claims c = claims.get();
        consent.submit(ConsentSignals.of("righttime:unsubscribed:mail:" + messageId.replaceAll("[^A-Za-z0-9._-]", ""),
                CustomerRef.ofCustomerId(c.customerId()), c.channel(), false, "unsubscribed", c.responseId(),
                instant(n.path("mail").path("timestamp").asText(null))));
        LOG.info("inbound mail: {} consent off by mailed unsubscribe", c.channel().wire());
        return new Result("unsubscribed", true);
    }

    private static String section(Feedback kind) {
        return switch (kind) {
            case DELIVERED -> "delivery";
            case BOUNCED -> "bounce";
            case COMPLAINED -> "complaint";
            case OPENED -> "open";
            default -> "click";
        };
    }

    private Result sms(JsonNode m, String notificationId) {
        String keyword = m.path("messageBody").asText("").strip().toUpperCase(Locale.ROOT).split("\\s+")[0];
        String phone = m.path("originationNumber").asText();
        String messageId = m.path("inboundMessageId").asText(notificationId);
        if (messageId == null || messageId.isBlank()) {
            throw new IllegalArgumentException("an inbound SMS needs an inboundMessageId");
        }
        Boolean granted = STOP.contains(keyword) ? Boolean.FALSE : START.contains(keyword) ? Boolean.TRUE : null;
        if (granted == null) {
            LOG.info("inbound SMS {} changes nothing", "HELP".equals(keyword) || "INFO".equals(keyword) ? "HELP" : "(no keyword)");
            return new Result("HELP".equals(keyword) || "INFO".equals(keyword) ? "help" : "ignored", false);
        }
        consent.submit(ConsentSignals.of("sms:" + messageId, new CustomerRef(null, null, phone, null), Channel.SMS, granted,
                granted ? "sms_start" : "sms_stop", null, clock.instant()));
        LOG.info("inbound SMS keyword {}: sms consent {}", granted ? "START" : "STOP", granted);
        return new Result(granted ? "sms_start" : "sms_stop", true);
    }

    private Instant instant(String iso) {
        if (iso != null) {
            try {
                return Instant.parse(iso);
            } catch (DateTimeParseException e) {
                // fall through: the time we learnt of it
            }
        }
        return clock.instant();
    }
}
