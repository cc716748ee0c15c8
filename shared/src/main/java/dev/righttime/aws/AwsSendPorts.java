package dev.righttime.aws;

import dev.righttime.model.Channel;
import dev.righttime.send.ChannelSender;
import dev.righttime.send.SendService;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A sender Lambda's ports from environment variables read once: RESPONSES_TABLE, SIGNALS_TABLE,
 * PROFILES_TABLE, POWERTOOLS_METRICS_NAMESPACE, and the channel senders the function was given.
 */
public final class AwsSendPorts {

    private AwsSendPorts() {
    }

    public static SendService.Ports fromEnvironment(AwsClients clients, Map<String, String> env,
                                                    Map<Channel, ChannelSender> senders) {
        DynamoDbClient dynamo = clients.dynamoDb();
        return new SendService.Ports(
                new DynamoDbResponseStore(dynamo, Tables.required(env, "RESPONSES_TABLE")),
                new DynamoDbSignalLedger(dynamo, Tables.required(env, "SIGNALS_TABLE")),
                new DynamoDbProfileStore(dynamo, Tables.required(env, "PROFILES_TABLE")),
                senders,
                EmfResponseTimes.fromEnvironment(env));
    }

    /** A required environment variable (the message names it, never a value). */
    public static String required(Map<String, String> env, String name) {
        return Tables.required(env, name);
    }
}
