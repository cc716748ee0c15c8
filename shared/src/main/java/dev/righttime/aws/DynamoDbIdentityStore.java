package dev.righttime.aws;

import dev.righttime.port.IdentityStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Identities table: PK {@code identityKey} (normalised, e.g. {@code email:ada@example.com}) to {@code customerId}. */
public final class DynamoDbIdentityStore implements IdentityStore {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbIdentityStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<String> resolve(String identityKey) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(Map.of("identityKey", Items.s(identityKey)))).item();
        return Optional.ofNullable(item == null ? null : Items.string(item, "customerId"));
    }

    @Override
    public void link(String identityKey, String customerId) {
        dynamo.putItem(b -> b.tableName(table).item(Map.of(
                "identityKey", Items.s(identityKey), "customerId", Items.s(customerId))));
    }

    @Override
    public void unlink(String identityKey, String customerId) {
        try {
            dynamo.deleteItem(b -> b.tableName(table)
                    .key(Map.of("identityKey", Items.s(identityKey)))
                    .conditionExpression("customerId = :c")
                    .expressionAttributeValues(Map.of(":c", Items.s(customerId))));
        } catch (ConditionalCheckFailedException takenOver) {
            // The key now belongs to someone else (or is gone): leave it.
        }
    }

    /** A filtered scan: merges and erasures are rare, an index kept on every link would cost more. */
    @Override
    public List<String> keysOf(String customerId) {
        List<String> keys = new ArrayList<>();
        dynamo.scanPaginator(b -> b.tableName(table).consistentRead(true)
                        .filterExpression("customerId = :c")
                        .expressionAttributeValues(Map.of(":c", Items.s(customerId))))
                .items().forEach(item -> keys.add(Items.string(item, "identityKey")));
        return keys;
    }
}
