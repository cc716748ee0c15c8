package dev.righttime.aws;

import dev.righttime.flow.ChannelQueues;
import dev.righttime.flow.Customers;
import dev.righttime.flow.DecideService;
import dev.righttime.flow.ShortDelays;
import dev.righttime.model.Channel;
import dev.righttime.port.ApprovalNotifier;
import dev.righttime.port.EventBus;
import dev.righttime.send.ChannelApprovalNotifier;
import dev.righttime.send.SignedWebhookSender;
import dev.righttime.webhook.SecretRefs;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The decide step's ports on AWS, configured from environment variables read once:
 * PROFILES_TABLE, IDENTITIES_TABLE, SIGNALS_TABLE, RESPONSES_TABLE; EMAIL_QUEUE_URL, SMS_QUEUE_URL,
 * WEBHOOK_QUEUE_URL; SCHEDULE_GROUP, SCHEDULER_ROLE_ARN, SCHEDULER_DLQ_ARN, EMAIL_QUEUE_ARN,
 * SMS_QUEUE_ARN, WEBHOOK_QUEUE_ARN; EVENT_BUS_NAME. Optional: NEWSROOM_TABLE (the decisions feed),
 * APPROVALS_TOPIC_ARN and APPROVALS_WEBHOOK_URL (+ OUTBOUND_WEBHOOK_SECRET) to tell approvers,
 * NEWSROOM_URL for the deep link.
 */
public final class AwsDecidePorts {

    private AwsDecidePorts() {
    }

    public static DecideService.Ports fromEnvironment(AwsClients clients, Map<String, String> env) {
        Tables.Names tables = Tables.Names.fromEnvironment(env);
        DynamoDbClient dynamo = clients.dynamoDb();
        SqsClient sqs = clients.sqs();
        ChannelQueues queues = new ChannelQueues(new SqsMessageQueue(sqs, Tables.required(env, "EMAIL_QUEUE_URL")),
                new SqsMessageQueue(sqs, Tables.required(env, "SMS_QUEUE_URL")),
                new SqsMessageQueue(sqs, Tables.required(env, "WEBHOOK_QUEUE_URL")));
        EventBus bus = new EventBridgeEventBus(clients.eventBridge(), Tables.required(env, "EVENT_BUS_NAME"));
        String newsroom = env.get("NEWSROOM_TABLE");
        EventBus events = newsroom == null || newsroom.isBlank() ? bus
                : both(bus, new DynamoDbDecisionFeed(dynamo, newsroom, Clock.systemUTC()));
        return new DecideService.Ports(
                new Customers(new DynamoDbProfileStore(dynamo, tables.profiles()),
                        new DynamoDbIdentityStore(dynamo, tables.identities())),
                new DynamoDbSignalLedger(dynamo, tables.signals()),
                new DynamoDbResponseStore(dynamo, tables.responses()),
                // Deadlines and send times within 15 minutes: an SQS message delay (to the second); later: a schedule.
                new ShortDelays(new EventBridgeScheduler(clients.scheduler(), EventBridgeScheduler.Config.fromEnvironment(env)),
                        queues, Clock.systemUTC()),
                queues,
                events,
                approvers(clients, env),
                newsroom == null || newsroom.isBlank() ? null : new DynamoDbAutonomyStore(dynamo, newsroom));
    }

    /** The approvers' SNS topic (APPROVALS_TOPIC_ARN) and chat webhook (APPROVALS_WEBHOOK_URL), whichever is set. */
    static ApprovalNotifier approvers(AwsClients clients, Map<String, String> env) {
        String url = env.getOrDefault("NEWSROOM_URL", "");
        List<ApprovalNotifier> all = new ArrayList<>();
        String topic = env.get("APPROVALS_TOPIC_ARN");
        if (topic != null && !topic.isBlank()) {
            all.add(new SnsApprovalNotifier(clients.sns(), topic, url));
        }
        String chat = env.get("APPROVALS_WEBHOOK_URL");
        if (chat != null && !chat.isBlank()) {
            // The same signing secret as the replies' webhooks, from its SSM name (OUTBOUND_WEBHOOK_SECRET=ssm:/...).
            List<String> secrets = new SecretRefs(env::get, new SsmSecrets(clients.ssm())).resolve(List.of("env:OUTBOUND_WEBHOOK_SECRET"));
            if (secrets.isEmpty()) {
                throw new IllegalStateException("APPROVALS_WEBHOOK_URL needs OUTBOUND_WEBHOOK_SECRET to sign with");
            }
            String secret = secrets.get(0);
            all.add(new ChannelApprovalNotifier(new SignedWebhookSender(Map.of(Channel.CHAT, URI.create(chat.strip())),
                    secret, Clock.systemUTC()), url));
        }
        return held -> all.forEach(n -> n.held(held));
    }

    static EventBus both(EventBus first, EventBus second) {
        return decisions -> {
            first.publish(decisions);
            second.publish(decisions);
        };
    }
}
