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
 * EVENT_BUS_NAME (outcome events), EMAIL_QUEUE_URL or SMS_QUEUE_URL (the next channel after a
 * permanent failure), and the playbook's rate cap. The unsubscribe links (send-email) and the
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
     * @param fallback the next channel after a permanent failure ({@link #nextChannel}), else null
     */
    public static SendService.Options sendOptions(Config config, AwsClients aws, UnsubscribeLinks links, SignalSink consent,
                                                  ChannelFallback fallback) {
        return new SendService.Options(links, config.optional("EVENT_BUS_NAME").map(bus -> new EventBridgeEventBus(aws.eventBridge(), bus))
                .orElse(null), consent, fallback);
    }

    /**
     * The next channel of a marketing message that fails for good on this sender's channel: the
     * other one of email and sms, through its queue only (send-email: SMS_QUEUE_URL; send-sms:
     * EMAIL_QUEUE_URL), with RESPONSES_TABLE and PROFILES_TABLE. A sender may send to no other queue.
     */
    public static ChannelFallback nextChannel(AwsParts parts, Playbook playbook, Clock clock, Channel from) {
        Channel to = from == Channel.EMAIL ? Channel.SMS : Channel.EMAIL;
        MessageQueue notThere = (body, id) -> {
            throw new MessageQueue.QueueUnavailableException("a " + from.wire() + " message falls back to " + to.wire() + " only", null);
        };
        MessageQueue queue = parts.queue(to.name() + "_QUEUE_URL");
        ChannelQueues queues = to == Channel.EMAIL ? new ChannelQueues(queue, notThere, notThere) : new ChannelQueues(notThere, queue, notThere);
        return new QueuedChannelFallback(playbook, parts.responses(), parts.profiles(), queues, clock);
    }

    /** The channel's sender behind the playbook's rate cap for it, if it has one. */
    public static ChannelSender capped(ChannelSender sender, Playbook playbook, Channel channel) {
        var rate = playbook.deliverability().rate(channel);
        return rate.isPresent() ? new RateCappedSender(sender, rate.getAsDouble(), MAX_RATE_WAIT) : sender;
    }
}
