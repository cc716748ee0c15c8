package dev.righttime.aws;

import dev.righttime.deliverability.QueuedChannelFallback;
import dev.righttime.deliverability.UnsubscribeLinks;
import dev.righttime.flow.ChannelQueues;
import dev.righttime.model.Channel;
import dev.righttime.policy.Playbook;
import dev.righttime.port.MessageQueue;
import dev.righttime.port.SignalSink;
import dev.righttime.send.ChannelFallback;
import dev.righttime.send.ChannelSender;
import dev.righttime.send.RateCappedSender;
import dev.righttime.send.SendService;
import java.time.Clock;
import java.time.Duration;

/**
 * The deliverability parts of the senders, from their environment (README "Deliverability"):
 * EVENT_BUS_NAME (outcome events), EMAIL_QUEUE_URL (send-sms: the next channel after a permanent
 * failure), and the playbook's rate cap. The unsubscribe links (send-email) and the
 * consent sink (send-sms) are built by the handler that has their variables, so each function's
 * environment holds only what it uses ({@link UnsubscribeSecret} reads the token key).
 */
public final class AwsDeliverability {

    /** The longest a send waits for its rate cap's token before it is retried via the queue instead. */
    static final Duration MAX_RATE_WAIT = Duration.ofSeconds(2);

    private AwsDeliverability() {
    }

    /**
     * @param links the unsubscribe links (send-email), else null
     * @param consent where consent changes go (send-sms), else null
     * @param fallback the next channel after a permanent failure (send-sms: email), else null
     */
    public static SendService.Options sendOptions(Config config, AwsClients aws, UnsubscribeLinks links, SignalSink consent,
                                                  ChannelFallback fallback) {
        return new SendService.Options(links, config.optional("EVENT_BUS_NAME").map(bus -> new EventBridgeEventBus(aws.eventBridge(), bus))
                .orElse(null), consent, fallback);
    }

    /**
     * A marketing SMS that fails for good (an opted-out number) tries email: EMAIL_QUEUE_URL,
     * RESPONSES_TABLE, PROFILES_TABLE. (Email does not fall back at send time: SES refuses few
     * recipients when called; a hard bounce comes later, as feedback.)
     */
    public static ChannelFallback smsToEmail(AwsParts parts, Playbook playbook, Clock clock) {
        MessageQueue notThere = (body, id) -> {
            throw new MessageQueue.QueueUnavailableException("an SMS falls back to email only", null);
        };
        ChannelQueues queues = new ChannelQueues(parts.queue("EMAIL_QUEUE_URL"), notThere, notThere);
        return new QueuedChannelFallback(playbook, parts.responses(), parts.profiles(), queues, clock);
    }

    /** The channel's sender behind the playbook's rate cap for it, if it has one. */
    public static ChannelSender capped(ChannelSender sender, Playbook playbook, Channel channel) {
        var rate = playbook.deliverability().rate(channel);
        return rate.isPresent() ? new RateCappedSender(sender, rate.getAsDouble(), MAX_RATE_WAIT) : sender;
    }
}
