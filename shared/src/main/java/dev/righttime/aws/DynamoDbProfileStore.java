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
    public void put(CustomerProfile profile) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("customerId", Items.s(profile.customerId()));
        item.put("profile", Items.s(Items.json(profile)));
        if (!profile.segmentsOrNone().isEmpty()) {
            item.put("segments", AttributeValue.fromSs(List.copyOf(new LinkedHashSet<>(profile.segmentsOrNone()))));
        }
        dynamo.putItem(b -> b.tableName(table).item(item));
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
