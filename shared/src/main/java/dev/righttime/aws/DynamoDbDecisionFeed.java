package dev.righttime.aws;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.righttime.model.Decision;
import dev.righttime.port.DecisionFeed;
import dev.righttime.port.EventBus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The newsroom's "latest decisions" feed, deployed: decide gathers the decisions of the signals of
 * one SQS batch and writes them, at the batch's end ({@link #flush}), as one item of the newsroom
 * table ({@code pk = decisions#<UTC day>}, {@code sk = <written at>#<first signalId>}, the signals'
 * decisions as gzipped JSON in {@code batch}, expiring after {@link #KEEP}): one write unit per
 * batch instead of one per signal (issue 21). The newsroom reads the newest items back, day by day
 * (at most {@link #DAYS_BACK} days), each item's signals newest first; items of one signal each
 * ({@code decisions}, plain JSON) written before still read. An emergency fan-out keeps its first
 * {@link #MAX_PER_SIGNAL} decisions here (the feed is a glance, the signal ledger keeps them all).
 * Best effort: a failed write is logged and does not fail the decisions; what a crash before the
 * batch's end gathered is not in the feed (the ledger and the bus have it).
 */
public final class DynamoDbDecisionFeed implements DecisionFeed, EventBus {

    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbDecisionFeed.class);
    static final Duration KEEP = Duration.ofDays(14);
    static final int DAYS_BACK = 7;
    static final int MAX_PER_SIGNAL = 50;
    /** Decisions gathered before an item is written without waiting for the batch's end (an item stays far below 400 KB). */
    static final int MAX_PER_ITEM = 200;
    private static final TypeReference<List<Decision>> DECISIONS = new TypeReference<>() { };
    private static final TypeReference<List<List<Decision>>> SIGNALS = new TypeReference<>() { };

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    /** One entry per signal published since the last write, in publish order. */
    private final List<List<Decision>> gathered = new ArrayList<>();
    private int gatheredDecisions;

    public DynamoDbDecisionFeed(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public synchronized void publish(List<Decision> decisions) {
        if (decisions.isEmpty()) {
            return;
        }
        List<Decision> kept = decisions.size() > MAX_PER_SIGNAL ? decisions.subList(0, MAX_PER_SIGNAL) : decisions;
        gathered.add(List.copyOf(kept));
        gatheredDecisions += kept.size();
        if (gatheredDecisions >= MAX_PER_ITEM) {
            flush();
        }
    }

    /** Writes what was gathered as one item (nothing when nothing was). */
    @Override
    public synchronized void flush() {
        if (gathered.isEmpty()) {
            return;
        }
        List<List<Decision>> signals = List.copyOf(gathered);
        gathered.clear();
        gatheredDecisions = 0;
        Instant now = clock.instant();
        Map<String, AttributeValue> item = Map.of(
                "pk", Items.s(partition(now)),
                "sk", Items.s(now + "#" + signals.get(0).get(0).signalId()),
                "batch", AttributeValue.fromB(SdkBytes.fromByteArray(gzip(Items.json(signals)))),
                "expiresAt", Items.n(now.plus(KEEP).getEpochSecond()));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item));
        } catch (SdkException e) {
            LOG.warn("decision feed not written for {} signals ({})", signals.size(), e.getClass().getSimpleName());
        }
    }

    @Override
    public List<Decision> latest(int limit) {
        List<Decision> out = new ArrayList<>();
        Instant day = clock.instant();
        for (int i = 0; i < DAYS_BACK && out.size() < limit; i++, day = day.minus(Duration.ofDays(1))) {
            String pk = partition(day);
            Map<String, AttributeValue> start = null;
            do {
                Map<String, AttributeValue> from = start;
                QueryResponse page = dynamo.query(b -> b.tableName(table)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", Items.s(pk)))
                        .scanIndexForward(false)
                        .limit(Math.max(1, limit - out.size()))
                        .exclusiveStartKey(from));
                for (Map<String, AttributeValue> item : page.items()) {
                    for (Decision d : newestFirst(item)) {
                        if (out.size() < limit) {
                            out.add(d);
                        }
                    }
                }
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null && out.size() < limit);
        }
        return out;
    }

    /** An item's decisions: its signals newest first, each signal's decisions in their order. */
    private static List<Decision> newestFirst(Map<String, AttributeValue> item) {
        AttributeValue batch = item.get("batch");
        if (batch == null || batch.b() == null) {
            AttributeValue one = item.get("decisions");
            return one == null || one.s() == null ? List.of() : Items.fromJson(one.s(), DECISIONS);
        }
        List<List<Decision>> signals = Items.fromJson(gunzip(batch.b().asByteArray()), SIGNALS);
        List<Decision> out = new ArrayList<>();
        for (int i = signals.size() - 1; i >= 0; i--) {
            out.addAll(signals.get(i));
        }
        return out;
    }

    static String partition(Instant at) {
        return "decisions#" + LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    private static byte[] gzip(String json) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(json.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String gunzip(byte[] zipped) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
