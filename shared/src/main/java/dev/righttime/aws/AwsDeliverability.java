package dev.righttime.aws;

import dev.righttime.deliverability.QueuedChannelFallback;
import dev.righttime.deliverability.UnsubscribeLinks;
import dev.righttime.flow.ChannelQueues;
import dev.righttime.model.Channel;
import dev.righttime.policy.Playbook;
import dev.righttime.port.MessageQueue;
import dev.righttime.port.SignalSink;
import dev.righttime.send.ChannelSender;
import dev.righttime.send.RateCappedSender;
import dev.righttime.send.SendService;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The deliverability parts both senders share, from their environment (README "Deliverability"):
 * EVENT_BUS_NAME (outcome events), EMAIL_QUEUE_URL + SMS_QUEUE_URL (the next channel after a
 * permanent failure), and the playbook's rate cap. The unsubscribe links (send-email) and the
 * consent sink (send-sms) are built by the handler that has their variables, so each function's
 * environment holds only what it uses ({@link UnsubscribeSecret} reads the token key).
 */
public final class AwsDeliverability {

    /** The longest a send waits for its rate cap's token before it is retried via the queue instead. */
    static final Duration MAX_RATE_WAIT = Duration.ofSeconds(2);

    private AwsDeliverability() {
    }

    /** @param links the unsubscribe links (send-email), else null; @param consent where consent changes go (send-sms), else null */
    public static SendService.Options sendOptions(Map<String, String> env, AwsClients aws, Playbook playbook, Clock clock,
                                                  UnsubscribeLinks links, SignalSink consent) {
        String bus = env.get("EVENT_BUS_NAME");
        QueuedChannelFallback fallback = null;
        if (env.get("EMAIL_QUEUE_URL") != null && env.get("SMS_QUEUE_URL") != null) {
            MessageQueue noWebhooks = (body, id) -> {
                throw new MessageQueue.QueueUnavailableException("marketing never falls back to a webhook channel", null);
            };
            ChannelQueues queues = new ChannelQueues(new SqsMessageQueue(aws.sqs(), env.get("EMAIL_QUEUE_URL")),
                    new SqsMessageQueue(aws.sqs(), env.get("SMS_QUEUE_URL")), noWebhooks);
            fallback = new QueuedChannelFallback(playbook, new DynamoDbResponseStore(aws.dynamoDb(), Tables.required(env, "RESPONSES_TABLE")),
                    new DynamoDbProfileStore(aws.dynamoDb(), Tables.required(env, "PROFILES_TABLE")), queues, clock);
        }
        return new SendService.Options(links,
                bus == null || bus.isBlank() ? null : new EventBridgeEventBus(aws.eventBridge(), bus),
                consent, fallback);
    }

    /** The channel's sender behind the playbook's rate cap for it, if it has one. */
    public static ChannelSender capped(ChannelSender sender, Playbook playbook, Channel channel) {
        var rate = playbook.deliverability().rate(channel);
        return rate.isPresent() ? new RateCappedSender(sender, rate.getAsDouble(), MAX_RATE_WAIT) : sender;
    }
}
