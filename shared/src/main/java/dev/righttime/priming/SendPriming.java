package dev.righttime.priming;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.righttime.deliverability.UnsubscribeLinks;
import dev.righttime.deliverability.UnsubscribeTokens;
import dev.righttime.model.Channel;
import dev.righttime.model.Outcome;
import dev.righttime.model.Reason;
import dev.righttime.model.Response;
import dev.righttime.model.ResponseStatus;
import dev.righttime.model.SignalType;
import dev.righttime.policy.Playbook;
import dev.righttime.send.ChannelSender;
import dev.righttime.send.ResponseTimes;
import dev.righttime.send.SendService;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SnapStart priming of the send step, shared by the three sender Lambdas: {@link Samples} that are
 * due, and the SQS batch that names them. A function hands {@link #service()} to a throwaway handler
 * of its own and gives it {@link #event()}, so its whole path runs before the snapshot: the SQS
 * event model, {@code SqsSenderBatch}, {@link SendService}'s status and consent checks, claim →
 * send → mark, and JMustache rendering of the default playbook's templates. The sender is the
 * function's choice and must go nowhere (the local {@code Outbox}, or a webhook sender on an offline
 * HTTP client); the function's real stores, provider and metrics are never called.
 */
public final class SendPriming {

    private final Samples samples = new Samples();
    private final List<String> responseIds = new ArrayList<>();
    private final SendService service;

    /**
     * Samples on each of {@code channels}, sent through {@code sender}: a ticket reply (customer
     * initiated) on every channel; on email and SMS a cart reminder at its scheduled time (marketing,
     * so consent is checked); on social a held reply nobody approved, whose holding reply goes out at
     * its deadline.
     */
    public SendPriming(ChannelSender sender, Channel... channels) {
        for (Channel channel : channels) {
            responseIds.add(samples.add("ticket-" + channel.wire(), channel, SignalType.TICKET_OPENED,
                    Map.of("channel", channel.wire(), "ticketId", "priming"), Outcome.SEND_NOW, Reason.CUSTOMER_INITIATED));
            if (channel == Channel.EMAIL || channel == Channel.SMS) {
                responseIds.add(samples.add("cart-" + channel.wire(), channel, SignalType.CART_ABANDONED, Map.of(),
                        Outcome.SCHEDULE, Reason.MARKETING_DELAY));
            }
            if (channel == Channel.SOCIAL) {
                responseIds.add(samples.add("mention-" + channel.wire(), channel, SignalType.SOCIAL_MENTION,
                        Map.of("sentiment", "negative", "followers", 50_000, "url", "https://example.invalid/priming"),
                        Outcome.HOLD, Reason.HIGH_REACH, Reason.NEEDS_APPROVAL));
            }
        }
        this.service = new SendService(Playbook.defaults().templates(), new SendService.Ports(samples.responses(), samples.signals(),
                samples.profiles(), SendService.Ports.senders(sender, channels), ResponseTimes.NONE), Samples.CLOCK,
                // Marketing email needs its unsubscribe links; a priming-only key signs them (nothing leaves the process).
                new SendService.Options(new UnsubscribeLinks(URI.create("https://example.invalid"), "unsubscribe@example.invalid",
                        new UnsubscribeTokens(List.of("priming-only-key-0123456789")), Duration.ofDays(60), Samples.CLOCK),
                        null, null, null));
    }

    /** The send step on the samples' in-memory stores, at {@link Samples#CLOCK}. */
    public SendService service() {
        return service;
    }

    /**
     * The SQS batch a sender Lambda would get: each sample's responseId, then the first one again
     * (a redelivery, which finds it SENT and skips it).
     */
    public SQSEvent event() {
        List<String> bodies = new ArrayList<>(responseIds);
        bodies.add(responseIds.get(0));
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
            m.setMessageId("priming-" + i);
            m.setReceiptHandle("priming-" + i);
            m.setEventSource("aws:sqs");
            m.setBody(bodies.get(i));
            records.add(m);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    /** Each sample's responseId and its status now (all SENT once the batch went through). */
    public Map<String, ResponseStatus> statuses() {
        Map<String, ResponseStatus> out = new LinkedHashMap<>();
        for (String id : responseIds) {
            out.put(id, samples.responses().get(id).map(Response::status).orElse(null));
        }
        return out;
    }
}
