package dev.righttime.aws;

import dev.righttime.flow.ChannelQueues;
import dev.righttime.flow.Customers;
import dev.righttime.flow.DecideService;
import dev.righttime.flow.ShortDelays;
import dev.righttime.port.ApprovalNotifier;
import dev.righttime.port.EventBus;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The decide step's ports on AWS, configured from environment variables read once:
 * PROFILES_TABLE, IDENTITIES_TABLE, SIGNALS_TABLE, RESPONSES_TABLE; EMAIL_QUEUE_URL, SMS_QUEUE_URL,
 * WEBHOOK_QUEUE_URL; SCHEDULE_GROUP, SCHEDULER_ROLE_ARN, SCHEDULER_DLQ_ARN, EMAIL_QUEUE_ARN,
 * SMS_QUEUE_ARN, WEBHOOK_QUEUE_ARN; EVENT_BUS_NAME. Optional: NEWSROOM_TABLE (the decisions feed),
 * APPROVALS_TOPIC_ARN to tell approvers,
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

    /**
     * The approvers' SNS topic (APPROVALS_TOPIC_ARN): email subscriptions, or AWS Chatbot for a
     * Slack/Teams channel. (The signed chat webhook is the local runtime's, APPROVALS_WEBHOOK_URL.)
     */
    static ApprovalNotifier approvers(AwsClients clients, Map<String, String> env) {
        String topic = env.get("APPROVALS_TOPIC_ARN");
        return topic == null || topic.isBlank() ? ApprovalNotifier.NONE
                : new SnsApprovalNotifier(clients.sns(), topic, env.getOrDefault("NEWSROOM_URL", ""));
    }

    static EventBus both(EventBus first, EventBus second) {
        return decisions -> {
            first.publish(decisions);
            second.publish(decisions);
        };
    }
}
