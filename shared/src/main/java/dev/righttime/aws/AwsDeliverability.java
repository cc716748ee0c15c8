package dev.righttime.aws;

import dev.righttime.deliverability.QueueSignalSink;
import dev.righttime.deliverability.QueuedChannelFallback;
import dev.righttime.deliverability.UnsubscribeLinks;
import dev.righttime.deliverability.UnsubscribeTokens;
import dev.righttime.flow.ChannelQueues;
import dev.righttime.model.Channel;
import dev.righttime.policy.Playbook;
import dev.righttime.port.MessageQueue;
import dev.righttime.send.ChannelSender;
import dev.righttime.send.RateCappedSender;
import dev.righttime.send.SendService;
import dev.righttime.webhook.SecretRefs;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The deliverability parts of a function, from its environment (README "Deliverability"); each is
 * optional and off when its variable is missing:
 * UNSUBSCRIBE_SECRET (a secret or {@code ssm:/path}; several comma-separated while rotating),
 * PUBLIC_BASE_URL (where /unsubscribe and /preferences are served), UNSUBSCRIBE_MAILTO,
 * EVENT_BUS_NAME (outcome events), SIGNALS_QUEUE_URL (consent changes a sender learns of), and
 * EMAIL_QUEUE_URL + SMS_QUEUE_URL (the next channel after a permanent failure).
 */
public final class AwsDeliverability {

    /** The longest a send waits for its rate cap's token before it is retried via the queue instead. */
    static final Duration MAX_RATE_WAIT = Duration.ofSeconds(2);

    private AwsDeliverability() {
    }

    public static UnsubscribeTokens tokens(Map<String, String> env, AwsClients aws) {
        SecretRefs refs = new SecretRefs(env::get, new SsmSecrets(aws.ssm()));
        return UnsubscribeTokens.lazily(() -> refs.resolve(List.of("env:UNSUBSCRIBE_SECRET")));
    }

    public static SendService.Options sendOptions(Map<String, String> env, AwsClients aws, Playbook playbook, Clock clock) {
        UnsubscribeLinks links = null;
        String base = env.get("PUBLIC_BASE_URL");
        if (base != null && !base.isBlank() && env.get("UNSUBSCRIBE_SECRET") != null) {
            links = new UnsubscribeLinks(URI.create(base.strip()), env.get("UNSUBSCRIBE_MAILTO"), tokens(env, aws),
                    playbook.deliverability().unsubscribeTokenTtl(), clock);
        }
        String bus = env.get("EVENT_BUS_NAME");
        String signals = env.get("SIGNALS_QUEUE_URL");
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
                signals == null || signals.isBlank() ? null : new QueueSignalSink(new SqsMessageQueue(aws.sqs(), signals)),
                fallback);
    }

    /** The channel's sender behind the playbook's rate cap for it, if it has one. */
    public static ChannelSender capped(ChannelSender sender, Playbook playbook, Channel channel) {
        var rate = playbook.deliverability().rate(channel);
        return rate.isPresent() ? new RateCappedSender(sender, rate.getAsDouble(), MAX_RATE_WAIT) : sender;
    }
}
