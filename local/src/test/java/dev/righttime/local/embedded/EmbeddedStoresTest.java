package dev.righttime.local.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.righttime.aws.AwsClients;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;

class EmbeddedStoresTest {

    @TempDir
    Path data;

    @Test
    void dynamoDbStateSurvivesARestartWithADataDirectory() {
        try (EmbeddedDynamoDb ddb = EmbeddedDynamoDb.start(data)) {
            DynamoDbClient client = AwsClients.local(ddb.endpoint(), "us-east-1").dynamoDb();
            client.createTable(b -> b.tableName("things")
                    .keySchema(k -> k.attributeName("pk").keyType("HASH"))
                    .attributeDefinitions(d -> d.attributeName("pk").attributeType("S"))
                    .billingMode("PAY_PER_REQUEST"));
            client.putItem(b -> b.tableName("things").item(Map.of("pk", AttributeValue.fromS("a"))));
        }
        try (EmbeddedDynamoDb ddb = EmbeddedDynamoDb.start(data)) {
            DynamoDbClient client = AwsClients.local(ddb.endpoint(), "us-east-1").dynamoDb();
            assertThat(client.getItem(b -> b.tableName("things").key(Map.of("pk", AttributeValue.fromS("a")))).item())
                    .containsEntry("pk", AttributeValue.fromS("a"));
        }
    }

    @Test
    void inProcessDynamoDbKeepsStateInTheDataDirectoryAndReadsWhatTheServerWrote() {
        try (EmbeddedDynamoDb ddb = EmbeddedDynamoDb.start(data)) {
            DynamoDbClient client = AwsClients.local(ddb.endpoint(), "us-east-1").dynamoDb();
            createThings(client);
            client.putItem(b -> b.tableName("things").item(Map.of("pk", AttributeValue.fromS("by-server"))));
        }
        try (EmbeddedDynamoDb.InProcess ddb = EmbeddedDynamoDb.inProcess(data)) {
            ddb.client().putItem(b -> b.tableName("things").item(Map.of("pk", AttributeValue.fromS("in-process"))));
        }
        try (EmbeddedDynamoDb.InProcess ddb = EmbeddedDynamoDb.inProcess(data)) {
            assertThat(ddb.client().scan(b -> b.tableName("things")).items())
                    .extracting(item -> item.get("pk").s()).containsExactlyInAnyOrder("by-server", "in-process");
        }
    }

    @Test
    void inProcessDynamoDbInMemoryStartsEmptyAndEnforcesConditions() {
        try (EmbeddedDynamoDb.InProcess ddb = EmbeddedDynamoDb.inProcess(null)) {
            DynamoDbClient client = ddb.client();
            assertThat(client.listTables().tableNames()).isEmpty();
            // DynamoDBEmbedded's initialiser turns sqlite4java's warnings on; serve's output must not show them.
            assertThat(java.util.logging.Logger.getLogger("com.almworks.sqlite4java").getLevel())
                    .isEqualTo(java.util.logging.Level.OFF);
            createThings(client);
            client.putItem(b -> b.tableName("things").item(Map.of("pk", AttributeValue.fromS("a"))));
            // The same engine as the HTTP server, so a failed condition is the SDK's own exception.
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.putItem(b -> b.tableName("things")
                            .item(Map.of("pk", AttributeValue.fromS("a"))).conditionExpression("attribute_not_exists(pk)")))
                    .isInstanceOf(software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException.class);
        }
    }

    private static void createThings(DynamoDbClient client) {
        client.createTable(b -> b.tableName("things")
                .keySchema(k -> k.attributeName("pk").keyType("HASH"))
                .attributeDefinitions(d -> d.attributeName("pk").attributeType("S"))
                .billingMode("PAY_PER_REQUEST"));
    }

    @Test
    void inMemoryDynamoDbStartsEmptyAndSqsRoundTrips() {
        try (EmbeddedDynamoDb ddb = EmbeddedDynamoDb.start(null); EmbeddedSqs sqs = EmbeddedSqs.start()) {
            assertThat(AwsClients.local(ddb.endpoint(), "us-east-1").dynamoDb().listTables().tableNames()).isEmpty();
            SqsClient client = AwsClients.local(sqs.endpoint(), "us-east-1").sqs();
            String url = client.createQueue(b -> b.queueName("signals")).queueUrl();
            client.sendMessage(b -> b.queueUrl(url).messageBody("r-1"));
            assertThat(client.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1)).messages())
                    .singleElement().satisfies(m -> assertThat(m.body()).isEqualTo("r-1"));
        }
    }
}
