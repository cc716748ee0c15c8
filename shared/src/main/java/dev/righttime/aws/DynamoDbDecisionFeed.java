package dev.righttime.aws;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.righttime.model.Decision;
import dev.righttime.port.DecisionFeed;
import dev.righttime.port.EventBus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The newsroom's "latest decisions" feed, deployed: decide writes each signal's decisions to the
 * newsroom table ({@code pk = decisions#<UTC day>}, {@code sk = <decidedAt>#<signalId>}, one item
 * per signal, expiring after {@link #KEEP}), and the newsroom reads the newest back, day by day
 * (at most {@link #DAYS_BACK} days). An emergency fan-out keeps its first {@link #MAX_PER_SIGNAL}
 * decisions here (the feed is a glance, the signal ledger keeps them all). Best effort: a failed
 * write is logged and does not fail the decision.
 */
public final class DynamoDbDecisionFeed implements DecisionFeed, EventBus {

    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbDecisionFeed.class);
    static final Duration KEEP = Duration.ofDays(14);
    static final int DAYS_BACK = 7;
    static final int MAX_PER_SIGNAL = 50;
    private static final TypeReference<List<Decision>> DECISIONS = new TypeReference<>() { };

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoDbDecisionFeed(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public void publish(List<Decision> decisions) {
        if (decisions.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<Decision> kept = decisions.size() > MAX_PER_SIGNAL ? decisions.subList(0, MAX_PER_SIGNAL) : decisions;
        Map<String, AttributeValue> item = Map.of(
                "pk", Items.s(partition(now)),
                "sk", Items.s(now + "#" + decisions.get(0).signalId()),
                "decisions", Items.s(Items.json(kept)),
                "expiresAt", Items.n(now.plus(KEEP).getEpochSecond()));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item));
        } catch (SdkException e) {
            LOG.warn("decision feed not written ({})", e.getClass().getSimpleName());
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
                    List<Decision> ds = Items.fromJson(item.get("decisions").s(), DECISIONS);
                    for (Decision d : ds) {
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

    static String partition(Instant at) {
        return "decisions#" + LocalDate.ofInstant(at, ZoneOffset.UTC);
    }
}
