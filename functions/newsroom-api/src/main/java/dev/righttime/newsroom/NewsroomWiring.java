package dev.righttime.newsroom;

import dev.righttime.aws.AwsClients;
import dev.righttime.aws.AwsParts;
import dev.righttime.aws.Config;
import dev.righttime.aws.EventBridgeScheduler;
import dev.righttime.aws.UnsubscribeSecret;
import dev.righttime.deliverability.PreferencesApi;
import dev.righttime.deliverability.QueueSignalSink;
import dev.righttime.policy.Playbook;
import java.time.Clock;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * newsroom-api's composition root on AWS: the tables and queues of {@link AwsParts}, SCHEDULE_GROUP
 * (schedules deleted on approve, reject and erasure), optional NEWSROOM_TABLE (feed, roll-ups,
 * covenants), RIGHTTIME_ADMIN_TOKEN (a break-glass bearer token), and the recipient's routes with
 * UNSUBSCRIBE_SECRET and SIGNALS_QUEUE_URL.
 */
public record NewsroomWiring(NewsroomApi api, BooleanSupplier healthy, PreferencesApi preferences) {

    private static final Logger LOG = LoggerFactory.getLogger(NewsroomWiring.class);

    public static NewsroomWiring fromEnvironment(Config config, AwsClients aws) {
        AwsParts parts = AwsParts.of(aws, config);
        return new NewsroomWiring(api(parts, aws), health(parts), preferences(parts, aws));
    }

    static NewsroomApi api(AwsParts parts, AwsClients aws) {
        Config config = parts.config();
        Clock clock = Clock.systemUTC();
        NewsroomApi.Ports ports = new NewsroomApi.Ports(parts.customers(), parts.profiles(), parts.signals(), parts.responses(),
                new EventBridgeScheduler(aws.scheduler(), EventBridgeScheduler.Setup.forDeletes(config)), parts.channelQueues(),
                parts.decisionFeed(clock), parts.rollups(), parts.autonomy());
        return NewsroomApi.of(ports, Playbook.fromEnvironment(config.env()),
                new Approver(config.optional("RIGHTTIME_ADMIN_TOKEN").orElse(null)), clock);
    }

    /** The responses table and the email queue answer: the stores and queues the newsroom needs. */
    static BooleanSupplier health(AwsParts parts) {
        String table = parts.config().required("RESPONSES_TABLE");
        String queue = parts.config().required("EMAIL_QUEUE_URL");
        return () -> {
            try {
                parts.dynamo().describeTable(b -> b.tableName(table));
                parts.sqs().getQueueAttributes(b -> b.queueUrl(queue).attributeNamesWithStrings("QueueArn"));
                return true;
            } catch (RuntimeException e) {
                LOG.warn("health check failed: {}", e.getClass().getSimpleName());
                return false;
            }
        };
    }

    /** The recipient's routes: UNSUBSCRIBE_SECRET, PROFILES_TABLE and SIGNALS_QUEUE_URL; off without the secret. */
    static PreferencesApi preferences(AwsParts parts, AwsClients aws) {
        if (!parts.config().has(UnsubscribeSecret.VARIABLE)) {
            return null;
        }
        return new PreferencesApi(UnsubscribeSecret.tokens(parts.config(), aws), parts.profiles(),
                new QueueSignalSink(parts.queue("SIGNALS_QUEUE_URL")), Clock.systemUTC());
    }
}
