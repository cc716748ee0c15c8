package dev.righttime.aws;

import dev.righttime.model.CustomerProfile;
import dev.righttime.port.ProfileStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Profiles table: PK {@code customerId}; the profile as JSON in {@code profile}, its segments also
 * as a string set {@code segments} so a segment's members can be found by a filtered scan.
 */
public final class DynamoDbProfileStore implements ProfileStore {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbProfileStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<CustomerProfile> get(String customerId) {
        return Items.get(dynamo, table, "customerId", customerId, DynamoDbProfileStore::read);
    }

    @Override
    public Optional<Versioned> read(String customerId) {
        return Items.get(dynamo, table, "customerId", customerId,
                item -> new Versioned(read(item), version(item)));
    }

    @Override
    public void put(CustomerProfile profile) {
        long current = read(profile.customerId()).map(Versioned::version).orElse(0L);
        dynamo.putItem(b -> b.tableName(table).item(item(profile, current + 1)));
    }

    @Override
    public long put(CustomerProfile profile, long expectedVersion) {
        try {
            VersionCondition c = VersionCondition.of(expectedVersion, "attribute_not_exists(customerId)");
            dynamo.putItem(b -> b.tableName(table).item(item(profile, expectedVersion + 1))
                    .conditionExpression(c.expression()).expressionAttributeNames(c.names()).expressionAttributeValues(c.values()));
            return expectedVersion + 1;
        } catch (ConditionalCheckFailedException conflict) {
            return -1;
        }
    }

    @Override
    public boolean delete(String customerId, long expectedVersion) {
        try {
            VersionCondition c = VersionCondition.of(expectedVersion, "attribute_exists(customerId)");
            dynamo.deleteItem(b -> b.tableName(table).key(Map.of("customerId", Items.s(customerId)))
                    .conditionExpression(c.expression()).expressionAttributeNames(c.names()).expressionAttributeValues(c.values()));
            return true;
        } catch (ConditionalCheckFailedException conflict) {
            return false;
        }
    }

    /** PK {@code erasure#<customerId>}: no profile attribute, so no read by customerId or segment ever returns it. */
    @Override
    public void recordErasure(String customerId, java.time.Instant at, String by, Map<String, Integer> counts) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("customerId", Items.s("erasure#" + customerId));
        item.put("erasedAt", Items.s(at.toString()));
        item.put("erasedBy", Items.s(by));
        counts.forEach((k, v) -> item.put(k, Items.n(v)));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    /** The condition of a versioned write: {@code whenZero} for version 0, else the stored version equals it. */
    private record VersionCondition(String expression, Map<String, String> names, Map<String, AttributeValue> values) {
        static VersionCondition of(long expectedVersion, String whenZero) {
            if (expectedVersion == 0) {
                return new VersionCondition(whenZero, null, null);
            }
            // Items written before versions existed count as version 1.
            return new VersionCondition("#v = :v OR (attribute_not_exists(#v) AND :v = :one)", Map.of("#v", "version"),
                    Map.of(":v", Items.n(expectedVersion), ":one", Items.n(1)));
        }
    }

    private static Map<String, AttributeValue> item(CustomerProfile profile, long version) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("customerId", Items.s(profile.customerId()));
        item.put("profile", Items.s(Items.json(profile)));
        item.put("version", Items.n(version));
        if (!profile.segmentsOrNone().isEmpty()) {
            item.put("segments", AttributeValue.fromSs(List.copyOf(new LinkedHashSet<>(profile.segmentsOrNone()))));
        }
        return item;
    }

    private static long version(Map<String, AttributeValue> item) {
        AttributeValue v = item.get("version");
        return v == null || v.n() == null ? 1 : Long.parseLong(v.n());
    }

    /**
     * A scan with a filter on {@code segments}: emergencies are rare and segments are broad, so a
     * scan of the profiles beats maintaining a membership index on every profile change.
     */
    @Override
    public List<CustomerProfile> membersOf(String segment) {
        List<CustomerProfile> members = new ArrayList<>();
        dynamo.scanPaginator(b -> b.tableName(table).consistentRead(true)
                        .filterExpression("contains(#segments, :segment)")
                        .expressionAttributeNames(Map.of("#segments", "segments"))
                        .expressionAttributeValues(Map.of(":segment", Items.s(segment))))
                .items().forEach(item -> members.add(read(item)));
        return members;
    }

    private static CustomerProfile read(Map<String, AttributeValue> item) {
        return Items.fromJson(Items.string(item, "profile"), CustomerProfile.class);
    }
}
