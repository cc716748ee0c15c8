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
                .containsExactlyInAnyOrder(Tables.BY_CUSTOMER, Tables.PENDING_APPROVALS);
        assertThat(responses.keySchema().get(0).attributeName()).isEqualTo("responseId");
    }
}
