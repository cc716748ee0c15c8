package dev.righttime.aws;

import dev.righttime.flow.ChannelQueues;
import dev.righttime.flow.Customers;
import dev.righttime.model.Channel;
import dev.righttime.send.ChannelSender;
import dev.righttime.send.SendService;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The DynamoDB stores and SQS queues every composition root builds from, each named by its
 * variable: PROFILES_TABLE, IDENTITIES_TABLE, SIGNALS_TABLE, RESPONSES_TABLE, DELIVERIES_TABLE,
 * NEWSROOM_TABLE (optional: the decisions feed, covenants, report roll-ups), and queue URLs
 * (EMAIL_QUEUE_URL, SMS_QUEUE_URL, WEBHOOK_QUEUE_URL, SIGNALS_QUEUE_URL). A function reads only the
 * variables of the parts it asks for; {@code serve} passes a {@link Config} of its local names.
 */
public final class AwsParts {

    private final Supplier<DynamoDbClient> dynamo;
    private final Supplier<SqsClient> sqs;
    private final Config config;

    /** Over given clients ({@code serve}: DynamoDB Local's in-process client, a pooled SQS client). */
    public AwsParts(DynamoDbClient dynamo, SqsClient sqs, Config config) {
        this(() -> dynamo, () -> sqs, config);
    }

    private AwsParts(Supplier<DynamoDbClient> dynamo, Supplier<SqsClient> sqs, Config config) {
        this.dynamo = dynamo;
        this.sqs = sqs;
        this.config = config;
    }

    /** A function's parts: each client built once, on first use (send-email never builds an SQS client). */
    public static AwsParts of(AwsClients aws, Config config) {
        return new AwsParts(once(aws::dynamoDb), once(aws::sqs), config);
    }

    public DynamoDbClient dynamo() {
        return dynamo.get();
    }

    public SqsClient sqs() {
        return sqs.get();
    }

    public Config config() {
        return config;
    }

    public DynamoDbProfileStore profiles() {
        return new DynamoDbProfileStore(dynamo(), config.required("PROFILES_TABLE"));
    }

    public DynamoDbIdentityStore identities() {
        return new DynamoDbIdentityStore(dynamo(), config.required("IDENTITIES_TABLE"));
    }

    public Customers customers() {
        return new Customers(profiles(), identities());
    }

    public DynamoDbSignalLedger signals() {
        return new DynamoDbSignalLedger(dynamo(), config.required("SIGNALS_TABLE"));
    }

    public DynamoDbResponseStore responses() {
        return new DynamoDbResponseStore(dynamo(), config.required("RESPONSES_TABLE"),
                config.optional(DynamoDbResponseStore.CUSTOMER_INDEX_VARIABLE, DynamoDbResponseStore.BY_CUSTOMER));
    }

    public DynamoDbDeliveryLedger deliveries() {
        return new DynamoDbDeliveryLedger(dynamo(), config.required("DELIVERIES_TABLE"));
    }

    /** NEWSROOM_TABLE is set: the decisions feed, covenant versions and report roll-ups are kept. */
    public boolean hasNewsroom() {
        return config.has("NEWSROOM_TABLE");
    }

    /** The covenant versions, or null without NEWSROOM_TABLE. */
    public DynamoDbAutonomyStore autonomy() {
        return hasNewsroom() ? new DynamoDbAutonomyStore(dynamo(), config.required("NEWSROOM_TABLE")) : null;
    }

    /** The decisions feed, or null without NEWSROOM_TABLE. */
    public DynamoDbDecisionFeed decisionFeed(Clock clock) {
        return hasNewsroom() ? new DynamoDbDecisionFeed(dynamo(), config.required("NEWSROOM_TABLE"), clock) : null;
    }

    /** The report roll-ups, or null without NEWSROOM_TABLE. */
    public DynamoDbRollupStore rollups() {
        return hasNewsroom() ? new DynamoDbRollupStore(dynamo(), config.required("NEWSROOM_TABLE")) : null;
    }

    /** The queue at the URL in {@code variable}. */
    public SqsMessageQueue queue(String variable) {
        return new SqsMessageQueue(sqs(), config.required(variable));
    }

    /** EMAIL_QUEUE_URL, SMS_QUEUE_URL, WEBHOOK_QUEUE_URL. */
    public ChannelQueues channelQueues() {
        return new ChannelQueues(queue("EMAIL_QUEUE_URL"), queue("SMS_QUEUE_URL"), queue("WEBHOOK_QUEUE_URL"));
    }

    /** A sender's ports: RESPONSES_TABLE, SIGNALS_TABLE, PROFILES_TABLE, and the time-to-response metric (POWERTOOLS_METRICS_NAMESPACE). */
    public SendService.Ports sendPorts(Map<Channel, ChannelSender> senders) {
        return new SendService.Ports(responses(), signals(), profiles(), senders, EmfResponseTimes.from(config));
    }

    private static <T> Supplier<T> once(Supplier<T> make) {
        return new Supplier<>() {
            private T made;

            @Override
            public synchronized T get() {
                if (made == null) {
                    made = make.get();
                }
                return made;
            }
        };
    }
}
