package dev.righttime.local.serve;

import dev.righttime.flow.ChannelQueues;
import dev.righttime.model.Channel;
import dev.righttime.port.Scheduler;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * EventBridge Scheduler's one-time schedules, on a laptop: each schedule is an item in a DynamoDB
 * table (so it survives a restart with {@code --data}), and a poller fires the due ones by putting
 * the responseId on the channel's queue, then deleting the item.
 *
 * <p>Fire = send, then delete. A crash between the two fires the schedule again after a restart;
 * the sender's conditional SCHEDULED→SENT update turns that second copy into a no-op, which is the
 * same at-least-once contract the real Scheduler has. Deleting first could lose a send.
 */
public final class LocalScheduler implements Scheduler, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalScheduler.class);

    private final DynamoDbClient dynamo;
    private final String table;
    private final ChannelQueues queues;
    private final Clock clock;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "local-scheduler");
        t.setDaemon(true);
        return t;
    });

    public LocalScheduler(DynamoDbClient dynamo, String table, ChannelQueues queues, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.queues = queues;
        this.clock = clock;
    }

    /** Creates the schedules table if needed; one kept from an earlier run (--data) still has its schedules. */
    public LocalScheduler createTable() {
        LocalRuntime.createKeyTable(dynamo, table, "name");
        return this;
    }

    public void start(long periodMillis) {
        poller.scheduleWithFixedDelay(this::fireDueQuietly, 0, periodMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean create(Delivery d) {
        try {
            dynamo.putItem(b -> b.tableName(table)
                    .item(Map.of("name", s(d.name()), "atMs", n(d.at().toEpochMilli()),
                            "channel", s(d.channel().wire()), "responseId", s(d.responseId()),
                            "zone", s(d.zone().getId())))
                    .conditionExpression("attribute_not_exists(#n)")
                    .expressionAttributeNames(Map.of("#n", "name")));
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    @Override
    public void delete(String name) {
        dynamo.deleteItem(b -> b.tableName(table).key(Map.of("name", s(name))));
    }

    /** Fires every schedule due by the clock; returns how many fired. */
    public int fireDue() {
        long now = clock.millis();
        int fired = 0;
        for (Map<String, AttributeValue> item : due(now)) {
            Channel channel = Channel.fromWire(item.get("channel").s());
            String responseId = item.get("responseId").s();
            queues.of(channel).send(responseId, responseId);
            try {
                dynamo.deleteItem(b -> b.tableName(table).key(Map.of("name", item.get("name")))
                        .conditionExpression("attribute_exists(#n)")
                        .expressionAttributeNames(Map.of("#n", "name")));
            } catch (ConditionalCheckFailedException gone) {
                // Deleted meanwhile (cancelled after it fired): nothing left to do.
            }
            fired++;
        }
        return fired;
    }

    /** When the next schedule is due, if any. */
    public java.util.Optional<java.time.Instant> nextDue() {
        return due(Long.MAX_VALUE).stream().findFirst()
                .map(item -> java.time.Instant.ofEpochMilli(Long.parseLong(item.get("atMs").n())));
    }

    /** How many schedules are waiting. */
    public int pending() {
        return due(Long.MAX_VALUE).size();
    }

    private List<Map<String, AttributeValue>> due(long nowMillis) {
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        ScanRequest request = ScanRequest.builder().tableName(table)
                .filterExpression("atMs <= :now")
                .expressionAttributeValues(Map.of(":now", n(nowMillis)))
                .consistentRead(true)
                .build();
        for (ScanResponse page : dynamo.scanPaginator(request)) {
            out.addAll(page.items());
        }
        out.sort((a, b) -> Long.compare(Long.parseLong(a.get("atMs").n()), Long.parseLong(b.get("atMs").n())));
        return out;
    }

    private void fireDueQuietly() {
        try {
            fireDue();
        } catch (SdkException | IllegalArgumentException e) {
            // A store or queue hiccup: the schedule stays and fires on the next tick.
            LOG.warn("local scheduler tick failed ({}); retrying", e.getClass().getSimpleName());
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }
}
