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
