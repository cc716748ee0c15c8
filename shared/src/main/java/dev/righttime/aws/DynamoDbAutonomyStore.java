package dev.righttime.aws;

import dev.righttime.policy.Covenants;
import dev.righttime.port.AutonomyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Covenant versions in the newsroom table: {@code pk = autonomy}, {@code sk = v#<10-digit version>};
 * the current one is the newest (one Query, newest first, limit 1). A save is a conditional put on
 * a new sort key, so two editors saving on the same version: one wins, the other gets a conflict.
 */
public final class DynamoDbAutonomyStore implements AutonomyStore {

    static final String PK = "autonomy";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbAutonomyStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<Covenants> current() {
        return history(1).stream().findFirst();
    }

    @Override
    public boolean save(Covenants next) {
        try {
            dynamo.putItem(b -> b.tableName(table)
                    .item(Map.of("pk", Items.s(PK), "sk", Items.s(sk(next.version())), "covenants", Items.s(Items.json(next))))
                    .conditionExpression("attribute_not_exists(sk)"));
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
    }

    @Override
    public List<Covenants> history(int limit) {
        List<Covenants> out = new ArrayList<>();
        dynamo.query(b -> b.tableName(table).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", Items.s(PK))).scanIndexForward(false).limit(limit))
                .items().forEach(item -> out.add(Items.fromJson(item.get("covenants").s(), Covenants.class)));
        return out;
    }

    static String sk(int version) {
        return String.format("v#%010d", version);
    }
}
