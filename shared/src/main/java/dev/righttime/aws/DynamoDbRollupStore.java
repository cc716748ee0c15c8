package dev.righttime.aws;

import dev.righttime.newsroom.DayRollup;
import dev.righttime.port.RollupStore;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Daily report roll-ups in the newsroom table: {@code pk = rollup}, {@code sk = <yyyy-MM-dd>}, one Query per report. */
public final class DynamoDbRollupStore implements RollupStore {

    static final String PK = "rollup";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbRollupStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public List<DayRollup> between(LocalDate from, LocalDate toExclusive) {
        List<DayRollup> out = new ArrayList<>();
        dynamo.queryPaginator(b -> b.tableName(table)
                        .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                        .expressionAttributeValues(Map.of(":pk", Items.s(PK), ":from", Items.s(from.toString()),
                                ":to", Items.s(toExclusive.minusDays(1).toString()))))
                .items().forEach(item -> out.add(Items.fromJson(item.get("rollup").s(), DayRollup.class)));
        return out;
    }

    @Override
    public void put(DayRollup rollup) {
        dynamo.putItem(b -> b.tableName(table).item(Map.of("pk", Items.s(PK), "sk", Items.s(rollup.day().toString()),
                "rollup", Items.s(Items.json(rollup)))));
    }
}
