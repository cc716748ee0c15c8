package dev.righttime.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.righttime.testing.DynamoDbLocal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

class TablesTest {

    static DynamoDbLocal dynamo;

    @BeforeAll
    static void start() {
        dynamo = DynamoDbLocal.start();
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    @Test
    void createsEveryTableWithItsIndexesAndToleratesASecondRun() {
        Tables.Names names = dynamo.createTables("t-");
        Tables.createAll(dynamo.client(), names);

        assertThat(dynamo.client().listTables().tableNames())
                .contains("t-profiles", "t-identities", "t-signals", "t-responses");
        TableDescription responses = dynamo.client().describeTable(b -> b.tableName("t-responses")).table();
        assertThat(responses.globalSecondaryIndexes()).extracting(i -> i.indexName())
                .containsExactlyInAnyOrder(Tables.BY_CUSTOMER, Tables.PENDING_APPROVALS, Tables.BY_AUTHOR);
        assertThat(responses.keySchema().get(0).attributeName()).isEqualTo("responseId");
    }

    /** A responses table kept with --data from before byAuthor existed gets the index at the next start. */
    @Test
    void anIndexANewerVersionDefinesIsAddedToAnExistingTable() {
        Tables.Names names = Tables.Names.withPrefix("old-");
        dynamo.client().createTable(b -> b.tableName(names.responses())
                .billingMode(software.amazon.awssdk.services.dynamodb.model.BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("responseId").keyType(software.amazon.awssdk.services.dynamodb.model.KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("responseId").attributeType(software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType.S)));

        Tables.createAll(dynamo.client(), names);

        TableDescription responses = dynamo.client().describeTable(b -> b.tableName(names.responses())).table();
        assertThat(responses.globalSecondaryIndexes()).extracting(i -> i.indexName())
                .containsExactlyInAnyOrder(Tables.BY_CUSTOMER, Tables.PENDING_APPROVALS, Tables.BY_AUTHOR);
    }
}
