package dev.righttime.aws;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The four tables of Right Time, their keys and indexes in one place (the SAM template declares
 * the same), and {@link #createAll} for the local runtime and tests. A test fixture (shared's
 * test-jar, which local/ depends on): no Lambda creates tables. The index names the stores query
 * are theirs ({@link DynamoDbResponseStore}, {@link DynamoDbSignalLedger}).
 *
 * <pre>
 * profiles    PK customerId (S)                     profile JSON, segments (SS)
 * identities  PK identityKey (S)                    customerId
 * signals     PK signalId (S)                       GSI byCustomer: customerId (S) + occurredAtMs (N)
 * responses   PK responseId (S)                     GSI byCustomerKeys (keys only): customerId (S) + dueAtMs (N)
 *                                                   GSI pendingApprovals (sparse): approvalQueue (S) + deadlineMs (N)
 *                                                   GSI byAuthor (sparse): authorKey (S) + dueAtMs (N): automatic public replies per mention author
 * newsroom    PK pk (S) + SK sk (S), TTL expiresAt  decisions#<day> (feed), autonomy (covenant versions),
 *                                                   rollup#<day> (report roll-ups); NEWSROOM_TABLE
 * </pre>
 */
public final class Tables {

    public static final String BY_CUSTOMER = DynamoDbResponseStore.BY_CUSTOMER;
    public static final String PENDING_APPROVALS = DynamoDbResponseStore.PENDING_APPROVALS;
    public static final String BY_AUTHOR = DynamoDbResponseStore.BY_AUTHOR;

    /** Table names (deployed: PROFILES_TABLE, IDENTITIES_TABLE, SIGNALS_TABLE and RESPONSES_TABLE, read by {@link AwsParts}). */
    public record Names(String profiles, String identities, String signals, String responses) {

        /** righttime-profiles, righttime-identities, ... with a prefix of choice. */
        public static Names withPrefix(String prefix) {
            return new Names(prefix + "profiles", prefix + "identities", prefix + "signals", prefix + "responses");
        }
    }

    private Tables() {
    }

    /** Creates every table that does not exist yet and waits until all are active. */
    public static void createAll(DynamoDbClient dynamo, Names names) {
        List<String> created = new ArrayList<>();
        for (CreateTableRequest request : definitions(names)) {
            try {
                dynamo.createTable(request);
                created.add(request.tableName());
            } catch (ResourceInUseException exists) {
                // Already there (a restart with --data, or a second test class): keep it, adding
                // an index a newer version defines (e.g. responses' byAuthor).
                addMissingIndexes(dynamo, request);
            }
        }
        try (var waiter = dynamo.waiter()) {
            for (String table : created) {
                waiter.waitUntilTableExists(b -> b.tableName(table));
            }
        }
    }

    /** The newsroom table (pk + sk), unless it exists; waits until it is active. */
    public static void createNewsroom(DynamoDbClient dynamo, String name) {
        try {
            dynamo.createTable(newsroom(name));
            try (var waiter = dynamo.waiter()) {
                waiter.waitUntilTableExists(b -> b.tableName(name));
            }
        } catch (ResourceInUseException exists) {
            // Kept from an earlier run.
        }
    }

    static CreateTableRequest newsroom(String name) {
        return CreateTableRequest.builder()
                .tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
                .attributeDefinitions(string("pk"), string("sk"))
                .build();
    }

    private static void addMissingIndexes(DynamoDbClient dynamo, CreateTableRequest wanted) {
        if (!wanted.hasGlobalSecondaryIndexes()) {
            return;
        }
        var existing = dynamo.describeTable(b -> b.tableName(wanted.tableName())).table().globalSecondaryIndexes().stream()
                .map(software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription::indexName)
                .collect(java.util.stream.Collectors.toSet());
        for (GlobalSecondaryIndex index : wanted.globalSecondaryIndexes()) {
            if (!existing.contains(index.indexName())) {
                dynamo.updateTable(b -> b.tableName(wanted.tableName())
                        .attributeDefinitions(wanted.attributeDefinitions())
                        .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName(index.indexName())
                                .keySchema(index.keySchema()).projection(index.projection()))));
                awaitIndexesActive(dynamo, wanted.tableName());
            }
        }
    }

    /** DynamoDB builds one new index at a time: wait (bounded) until none is still being created. */
    private static void awaitIndexesActive(DynamoDbClient dynamo, String table) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (dynamo.describeTable(b -> b.tableName(table)).table().globalSecondaryIndexes().stream()
                .anyMatch(i -> i.indexStatus() != software.amazon.awssdk.services.dynamodb.model.IndexStatus.ACTIVE)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the indexes of " + table + " did not become active within 60 s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the indexes of " + table, e);
            }
        }
    }

    static List<CreateTableRequest> definitions(Names names) {
        return List.of(
                table(names.profiles(), "customerId").build(),
                table(names.identities(), "identityKey").build(),
                table(names.signals(), "signalId")
                        .attributeDefinitions(string("signalId"), string("customerId"), number("occurredAtMs"))
                        .globalSecondaryIndexes(index(DynamoDbSignalLedger.BY_CUSTOMER, "customerId", "occurredAtMs", ProjectionType.KEYS_ONLY))
                        .build(),
                table(names.responses(), "responseId")
                        .attributeDefinitions(string("responseId"), string("customerId"), number("dueAtMs"),
                                string("approvalQueue"), number("deadlineMs"), string("authorKey"))
                        .globalSecondaryIndexes(index(BY_CUSTOMER, "customerId", "dueAtMs", ProjectionType.KEYS_ONLY),
                                index(PENDING_APPROVALS, "approvalQueue", "deadlineMs", ProjectionType.ALL),
                                index(BY_AUTHOR, "authorKey", "dueAtMs", ProjectionType.ALL))
                        .build());
    }

    private static CreateTableRequest.Builder table(String name, String hashKey) {
        return CreateTableRequest.builder()
                .tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(KeySchemaElement.builder().attributeName(hashKey).keyType(KeyType.HASH).build())
                .attributeDefinitions(string(hashKey));
    }

    /** Projections as in template.yaml (both by-customer indexes are KEYS_ONLY: see the stores' forCustomer). */
    private static GlobalSecondaryIndex index(String name, String hashKey, String rangeKey, ProjectionType projection) {
        return GlobalSecondaryIndex.builder()
                .indexName(name)
                .keySchema(KeySchemaElement.builder().attributeName(hashKey).keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName(rangeKey).keyType(KeyType.RANGE).build())
                .projection(Projection.builder().projectionType(projection).build())
                .build();
    }

    private static AttributeDefinition string(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static AttributeDefinition number(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.N).build();
    }
}
