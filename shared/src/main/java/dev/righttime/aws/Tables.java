package dev.righttime.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * the same), and {@link #createAll} for the local runtime and tests.
 *
 * <pre>
 * profiles    PK customerId (S)                     profile JSON, segments (SS)
 * identities  PK identityKey (S)                    customerId
 * signals     PK signalId (S)                       GSI byCustomer: customerId (S) + occurredAtMs (N)
 * responses   PK responseId (S)                     GSI byCustomer: customerId (S) + dueAtMs (N)
 *                                                   GSI pendingApprovals (sparse): approvalQueue (S) + deadlineMs (N)
 * </pre>
 */
public final class Tables {

    public static final String BY_CUSTOMER = "byCustomer";
    public static final String PENDING_APPROVALS = "pendingApprovals";

    /** Table names, from PROFILES_TABLE, IDENTITIES_TABLE, SIGNALS_TABLE and RESPONSES_TABLE. */
    public record Names(String profiles, String identities, String signals, String responses) {

        public static Names fromEnvironment() {
            return fromEnvironment(System.getenv());
        }

        public static Names fromEnvironment(Map<String, String> env) {
            return new Names(required(env, "PROFILES_TABLE"), required(env, "IDENTITIES_TABLE"),
                    required(env, "SIGNALS_TABLE"), required(env, "RESPONSES_TABLE"));
        }

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
                // Already there (a restart with --data, or a second test class): keep it.
            }
        }
        try (var waiter = dynamo.waiter()) {
            for (String table : created) {
                waiter.waitUntilTableExists(b -> b.tableName(table));
            }
        }
    }

    static List<CreateTableRequest> definitions(Names names) {
        return List.of(
                table(names.profiles(), "customerId").build(),
                table(names.identities(), "identityKey").build(),
                table(names.signals(), "signalId")
                        .attributeDefinitions(string("signalId"), string("customerId"), number("occurredAtMs"))
                        .globalSecondaryIndexes(index(BY_CUSTOMER, "customerId", "occurredAtMs", ProjectionType.KEYS_ONLY))
                        .build(),
                table(names.responses(), "responseId")
                        .attributeDefinitions(string("responseId"), string("customerId"), number("dueAtMs"),
                                string("approvalQueue"), number("deadlineMs"))
                        .globalSecondaryIndexes(index(BY_CUSTOMER, "customerId", "dueAtMs", ProjectionType.ALL),
                                index(PENDING_APPROVALS, "approvalQueue", "deadlineMs", ProjectionType.ALL))
                        .build());
    }

    private static CreateTableRequest.Builder table(String name, String hashKey) {
        return CreateTableRequest.builder()
                .tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(KeySchemaElement.builder().attributeName(hashKey).keyType(KeyType.HASH).build())
                .attributeDefinitions(string(hashKey));
    }

    /** Projections as in template.yaml (signals' byCustomer is KEYS_ONLY: see DynamoDbSignalLedger.forCustomer). */
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

    static String required(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is required");
        }
        return v;
    }
}
