package dev.righttime.send;

import dev.righttime.deliverability.ConsentSignals;
import dev.righttime.deliverability.UnsubscribeLinks;
import dev.righttime.model.Channel;
import dev.righttime.model.CustomerProfile;
import dev.righttime.model.CustomerRef;
import dev.righttime.model.Fallback;
import dev.righttime.model.Feedback;
import dev.righttime.model.Outcome;
import dev.righttime.model.Response;
import dev.righttime.model.ResponseStatus;
import dev.righttime.model.Signal;
import dev.righttime.policy.Templates;
import dev.righttime.port.EventBus;
import dev.righttime.port.OutcomeEvent;
import dev.righttime.port.ProfileStore;
import dev.righttime.port.ResponseStore.Change;
import dev.righttime.port.ResponseStore;
import dev.righttime.port.SignalLedger;
import dev.righttime.port.SignalSink;
import dev.righttime.triage.Triage;
import dev.righttime.web.Html;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The send step, for the three sender Lambdas and the local runtime alike. A queue message carries
 * only a responseId; this reads the response record and acts on its <em>current</em> status:
 * <ul>
 *   <li>SCHEDULED, APPROVED: send (an approver's edited text replaces the template's);</li>
 *   <li>PENDING_APPROVAL at or past its deadline: the fallback: {@code holding_reply} sends the
 *       holding template, {@code drop} cancels (detail fallback_drop); before it: retry at the deadline;</li>
 *   <li>SENDING: another delivery is sending it: retry; unless its claim is older than the lease
 *       (that sender died), then take it over;</li>
 *   <li>FAILED: skip, after doing again what the failure leads to (consent, the next channel; both idempotent);</li>
 *   <li>SENT, CANCELLED, SUPPRESSED, or no record: skip.</li>
 * </ul>
 * Before sending, consent is checked again on the profile as it is now ({@link SendRules}); a
 * revoked consent cancels the response (detail no_consent).
 *
 * <p><b>Claim, then send, then mark.</b> The claim is a conditional status change to SENDING, so of
 * two deliveries of one message exactly one sends. A permanent provider refusal makes it FAILED; a
 * retryable one puts the status back for the queue's retry. Crash windows: after the claim and
 * before the provider call, the record stays SENDING and a redelivery after the lease sends it
 * (nothing lost); after the provider accepted it and before SENT is written, the redelivery after the
 * lease sends it <em>again</em>: at-least-once in that one window. SES and SNS (standard topics,
 * direct SMS) take no idempotency key, so the customer may get a copy; signed webhooks carry
 * {@code webhook-id} = responseId, on which receivers dedupe. The senders' Lambda timeout must stay
 * below the lease, so a live sender is never taken over.
 */
public final class SendService {

    private static final Logger LOG = LoggerFactory.getLogger(SendService.class);

    /** The last line of a marketing SMS. */
    public static final String SMS_STOP_NOTE = "\nReply STOP to opt out.";

    /** The DeliveryException code of an SMS to a number on SNS's opt-out list. */
    public static final String OPTED_OUT = "sns_opted_out";

    /** The detail of a message with no address on its channel. */
    public static final String NO_ADDRESS = "no_address";

    /** Failures that another channel would not cure: configuration, not the recipient. */
    private static final Set<String> NOT_FALLING_BACK = Set.of("no_sender", "no_template", "no_unsubscribe_link");

    /** How long a SENDING claim protects a sender; longer than any sender Lambda's timeout. */
    public static final Duration LEASE = Duration.ofMinutes(2);

    /** The stores a send reads and the channel senders it may use (a Lambda has one, the local runtime all). */
    public record Ports(ResponseStore responses, SignalLedger signals, ProfileStore profiles,
                        Map<Channel, ChannelSender> senders, ResponseTimes responseTimes) {
        public Ports {
            Objects.requireNonNull(responses, "responses");
            Objects.requireNonNull(signals, "signals");
            Objects.requireNonNull(profiles, "profiles");
            senders = Map.copyOf(senders);
            responseTimes = responseTimes == null ? ResponseTimes.NONE : responseTimes;
        }

        /** One sender for some channels (social and chat share the webhook sender). */
        public static Map<Channel, ChannelSender> senders(ChannelSender sender, Channel... channels) {
            Map<Channel, ChannelSender> map = new EnumMap<>(Channel.class);
            for (Channel c : channels) {
                map.put(c, sender);
            }
            return map;
        }
    }

    /** What a delivery will do: send the normal reply or the holding reply, from which statuses. */
    private record Plan(Set<ResponseStatus> from, boolean holdingReply) {
    }

    /**
     * What the send step does beyond sending (README "Deliverability"): the unsubscribe links of
     * marketing email (without them marketing email is not sent: FAILED no_unsubscribe_link), where
     * outcome events go, where a consent change it learns of goes (an SMS number on SNS's opt-out
     * list), and the next channel to try after a permanent failure.
     */
    public record Options(UnsubscribeLinks unsubscribe, EventBus events, SignalSink consent, ChannelFallback fallback) {
        public static final Options NONE = new Options(null, null, null, null);

        public Options {
            events = events == null ? decisions -> { } : events;
        }
    }

    private final Ports ports;
    private final Renderer renderer;
    private final Clock clock;
    private final Options options;

    public SendService(Templates templates, Ports ports, Clock clock) {
        this(templates, ports, clock, Options.NONE);
    }

    public SendService(Templates templates, Ports ports, Clock clock, Options options) {
        this.options = options == null ? Options.NONE : options;
        this.ports = ports;
        this.renderer = new Renderer(templates);
        this.clock = clock;
    }

    /** Acts on one queued responseId. Store failures throw (the message is retried). */
    public SendResult send(String responseId) {
        Optional<Response> found = ports.responses().get(responseId);
        if (found.isEmpty()) {
            return log(responseId, SendResult.skipped("no_record"));
        }
        Response r = found.get();
        Instant now = clock.instant();
        Plan plan;
        switch (r.status()) {
            case SCHEDULED, APPROVED -> plan = new Plan(Set.of(r.status()), false);
            case PENDING_APPROVAL -> {
                if (r.deadline() != null && now.isBefore(r.deadline())) {
                    return log(responseId, SendResult.retry("before_deadline", Duration.between(now, r.deadline())));
                }
                if (r.fallback() != Fallback.HOLDING_REPLY) {
                    boolean dropped = ports.responses().transition(responseId, Set.of(ResponseStatus.PENDING_APPROVAL),
                            ResponseStatus.CANCELLED, Change.detail("fallback_drop"));
                    return log(responseId, dropped ? SendResult.skipped("fallback_drop") : SendResult.retry("status_changed", null));
                }
                plan = new Plan(Set.of(ResponseStatus.PENDING_APPROVAL), true);
            }
            case SENDING -> {
                Instant leaseEnd = r.claimedAt() == null ? now : r.claimedAt().plus(LEASE);
                if (now.isBefore(leaseEnd)) {
                    return log(responseId, SendResult.retry("in_progress", Duration.between(now, leaseEnd)));
                }
                // Its sender died mid-send: take over (the claim below checks the lease again).
                plan = new Plan(Set.of(), r.outcome() == Outcome.HOLD && !r.isApproved());
            }
            case FAILED -> {
                // A redelivery of a message that failed for good: what the failure leads to (consent,
                // the next channel) is done again, idempotently, in case a crash cut it short.
                afterFailure(r, r.detail(), now);
                return log(responseId, SendResult.skipped("failed"));
            }
            default -> {
                return log(responseId, SendResult.skipped(r.status().name().toLowerCase(java.util.Locale.ROOT)));
            }
        }
        return deliver(r, plan, now);
    }

    private SendResult deliver(Response r, Plan plan, Instant now) {
        String id = r.responseId();
        Set<ResponseStatus> from = plan.from().isEmpty() ? Set.of(ResponseStatus.SENDING) : plan.from();
        ChannelSender sender = r.channel() == null ? null : ports.senders().get(r.channel());
        if (sender == null) {
            return end(id, from, ResponseStatus.FAILED, "no_sender");
        }
        Signal signal = ports.signals().get(r.signalId()).map(SignalLedger.Entry::signal).orElse(null);
        CustomerProfile profile = r.customerId() == null ? null : ports.profiles().get(r.customerId()).orElse(null);
        if (!plan.holdingReply() && !SendRules.consented(r, profile)) {
            return end(id, from, ResponseStatus.CANCELLED, "no_consent");
        }
        String to = SendRules.address(r.channel(), profile, signal);
        if (to == null && SendRules.needsAddress(r.channel())) {
            return failed(r, from, NO_ADDRESS);
        }
        // What the reply answers picks its template: a complaint never gets the praise text.
        Triage.Kind kind = Triage.ofReply(r.reasons(), signal).orElse(null);
        Optional<Renderer.Rendered> rendered = plan.holdingReply()
                ? renderer.render(Templates.HOLDING_REPLY, kind, r.channel(), signal, profile)
                : renderer.render(r.signalType() == null ? "" : r.signalType().wire(), kind, r.channel(), signal, profile);
        if (rendered.isEmpty()) {
            return end(id, from, ResponseStatus.FAILED, "no_template");
        }
        // An approver's text (an approval with an empty edit box means "send the proposed reply", not
        // an empty post), else the reply proposed when it was decided (what a card showed; for a
        // public answer, the triage's reply), else the template rendered now.
        boolean edited = !plan.holdingReply() && r.editedText() != null && !r.editedText().isBlank();
        String text = plan.holdingReply() ? rendered.get().text()
                : edited ? r.editedText()
                : r.card() != null && r.card().proposedText() != null ? r.card().proposedText()
                : rendered.get().text();
        Message message = new Message(id, r.signalId(), r.customerId(), r.signalType(), r.channel(), to, rendered.get().subject(), text,
                SendRules.replyTo(signal));
        if (r.channel() == Channel.SMS && !plan.holdingReply() && r.signalType() != null && r.signalType().isMarketing()) {
            // Promotional SMS says how to stop it (carriers require it); the STOP reply comes back as feedback.
            message = new Message(id, r.signalId(), r.customerId(), r.signalType(), r.channel(), to, message.subject(),
                    text + SMS_STOP_NOTE, message.replyTo());
        }
        if (r.channel() == Channel.EMAIL) {
            boolean marketing = !plan.holdingReply() && r.signalType() != null && r.signalType().isMarketing();
            if (marketing && (options.unsubscribe() == null || r.customerId() == null)) {
                return end(id, from, ResponseStatus.FAILED, "no_unsubscribe_link");
            }
            String html = edited ? Renderer.paragraphs(Html.escape(text)) : rendered.get().html();
            message = EmailFooter.compose(message, html, marketing
                    ? options.unsubscribe().of(r.customerId(), Channel.EMAIL, id) : null);
        }

        if (!ports.responses().claim(id, plan.from(), now, LEASE)) {
            return log(id, SendResult.retry("claimed_elsewhere", null));
        }
        try {
            sender.send(message);
        } catch (DeliveryException e) {
            if (e.permanent()) {
                return failed(r, Set.of(ResponseStatus.SENDING), e.code());
            }
            release(r, plan);
            return log(id, SendResult.retry(e.code(), e.retryAfter()));
        } catch (RuntimeException e) {
            release(r, plan);
            throw e;
        }
        Instant sentAt = clock.instant();
        String detail = plan.holdingReply() ? "holding_reply" : null;
        if (!ports.responses().transition(id, Set.of(ResponseStatus.SENDING), ResponseStatus.SENT,
                Change.sent(sentAt, text, detail))) {
            LOG.warn("response {} was sent but its claim had been taken over; it may go out twice", id);
        }
        publish("sent", r, sentAt, detail);
        if (r.occurredAt() != null && r.signalType() != null) {
            Duration elapsed = Duration.between(r.occurredAt(), sentAt);
            ports.responseTimes().record(r.signalType(), r.channel(), elapsed);
            LOG.atInfo().addKeyValue("responseId", id)
                    .addKeyValue("signalType", r.signalType().wire())
                    .addKeyValue("channel", r.channel().wire())
                    .addKeyValue("timeToResponseMs", elapsed.toMillis())
                    .log("response sent");
        }
        return detail == null ? SendResult.sent("sent") : SendResult.sent(detail);
    }

    /**
     * A permanent failure (the provider refused, or there is no address on this channel): FAILED
     * with its code, an outcome event, then {@link #afterFailure}.
     */
    private SendResult failed(Response r, Set<ResponseStatus> from, String code) {
        SendResult result = end(r.responseId(), from, ResponseStatus.FAILED, code);
        if (result.kind() != SendResult.Kind.FAILED) {
            return result;
        }
        Instant at = clock.instant();
        publish("failed", r, at, code);
        afterFailure(r, code, at);
        return result;
    }

    /**
     * What a permanent failure means beyond this message: a number on SNS's opt-out list is consent
     * false on sms (through the normal flow; the signal id is fixed per response), and the next channel
     * when the playbook allows ({@link ChannelFallback}: a fixed response id, so doing it again, on a
     * redelivery after a crash, queues nothing twice).
     */
    private void afterFailure(Response r, String code, Instant at) {
        if (OPTED_OUT.equals(code)) {
            ports.responses().recordFeedback(r.responseId(), Feedback.OPTED_OUT, at);
            if (options.consent() != null && r.customerId() != null) {
                options.consent().submit(ConsentSignals.of("righttime:opted-out:" + r.responseId(),
                        CustomerRef.ofCustomerId(r.customerId()), Channel.SMS, false, "sms_opted_out", r.responseId(), at));
            }
        }
        if (options.fallback() != null && code != null && !NOT_FALLING_BACK.contains(code)) {
            options.fallback().next(r, code).ifPresent(next ->
                    LOG.info("response {} failed ({}); trying {} as {}", r.responseId(), code, next.channel().wire(), next.responseId()));
        }
    }

    private void publish(String kind, Response r, Instant at, String detail) {
        try {
            options.events().publishOutcomes(List.of(OutcomeEvent.of(kind, r, at, detail)));
        } catch (RuntimeException e) {
            // The send is done and recorded; an outcome event is analytics, not worth a second send.
            LOG.warn("outcome event {} of response {} not published ({})", kind, r.responseId(), e.getClass().getSimpleName());
        }
    }

    /** Puts the status back where the claim found it, so the queue's retry can claim it again. */
    private void release(Response r, Plan plan) {
        ResponseStatus back = plan.holdingReply() ? ResponseStatus.PENDING_APPROVAL
                : r.isApproved() ? ResponseStatus.APPROVED : ResponseStatus.SCHEDULED;
        ports.responses().transition(r.responseId(), Set.of(ResponseStatus.SENDING), back);
    }

    /** A final outcome without a send: cancelled (consent) or failed (no address, template, sender, refused). */
    private SendResult end(String id, Set<ResponseStatus> from, ResponseStatus to, String detail) {
        if (!ports.responses().transition(id, from, to, Change.detail(detail))) {
            return log(id, SendResult.retry("status_changed", null));
        }
        return log(id, to == ResponseStatus.FAILED ? SendResult.failed(detail) : SendResult.skipped(detail));
    }

    private static SendResult log(String responseId, SendResult result) {
        LOG.info("response {}: {} ({})", responseId, result.kind(), result.detail());
        return result;
    }
}
