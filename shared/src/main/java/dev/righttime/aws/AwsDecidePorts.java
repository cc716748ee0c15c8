package dev.righttime.aws;

import dev.righttime.flow.ChannelQueues;
import dev.righttime.flow.Customers;
import dev.righttime.flow.DecideService;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The decide step's ports on AWS, configured from environment variables read once:
 * PROFILES_TABLE, IDENTITIES_TABLE, SIGNALS_TABLE, RESPONSES_TABLE; EMAIL_QUEUE_URL, SMS_QUEUE_URL,
 * WEBHOOK_QUEUE_URL; SCHEDULE_GROUP, SCHEDULER_ROLE_ARN, SCHEDULER_DLQ_ARN, EMAIL_QUEUE_ARN,
 * SMS_QUEUE_ARN, WEBHOOK_QUEUE_ARN; EVENT_BUS_NAME.
 */
public final class AwsDecidePorts {

    private AwsDecidePorts() {
    }

    public static DecideService.Ports fromEnvironment(AwsClients clients, Map<String, String> env) {
        Tables.Names tables = Tables.Names.fromEnvironment(env);
        DynamoDbClient dynamo = clients.dynamoDb();
        SqsClient sqs = clients.sqs();
        return new DecideService.Ports(
                new Customers(new DynamoDbProfileStore(dynamo, tables.profiles()),
                        new DynamoDbIdentityStore(dynamo, tables.identities())),
                new DynamoDbSignalLedger(dynamo, tables.signals()),
                new DynamoDbResponseStore(dynamo, tables.responses()),
                new EventBridgeScheduler(clients.scheduler(), EventBridgeScheduler.Config.fromEnvironment(env)),
                new ChannelQueues(new SqsMessageQueue(sqs, Tables.required(env, "EMAIL_QUEUE_URL")),
                        new SqsMessageQueue(sqs, Tables.required(env, "SMS_QUEUE_URL")),
                        new SqsMessageQueue(sqs, Tables.required(env, "WEBHOOK_QUEUE_URL"))),
                new EventBridgeEventBus(clients.eventBridge(), Tables.required(env, "EVENT_BUS_NAME")));
    }
}
