package dev.righttime.local.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/** The in-process client's direct item operations answer as DynamoDB Local's own conversion does. */
class DirectDynamoDbTest {

    private static EmbeddedDynamoDb.InProcess ddb;
    private static DynamoDbClient client;

    @BeforeAll
    static void start() {
        ddb = EmbeddedDynamoDb.inProcess(null);
        client = ddb.client();
        client.createTable(b -> b.tableName("things").billingMode("PAY_PER_REQUEST")
                .keySchema(k -> k.attributeName("pk").keyType("HASH"))
                .attributeDefinitions(d -> d.attributeName("pk").attributeType("S"), d -> d.attributeName("owner").attributeType("S"),
                        d -> d.attributeName("at").attributeType("N"))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byOwner")
                        .keySchema(k -> k.attributeName("owner").keyType("HASH"), k -> k.attributeName("at").keyType("RANGE"))
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build()));
    }

    @AfterAll
    static void stop() {
        ddb.close();
    }

    private static Map<String, AttributeValue> key(String pk) {
        return Map.of("pk", AttributeValue.fromS(pk));
    }

    @Test
    void everyAttributeTypeRoundTripsAndAbsentItemsAreAbsent() {
        Map<String, AttributeValue> item = Map.of("pk", AttributeValue.fromS("types"), "n", AttributeValue.fromN("12.5"),
                "b", AttributeValue.fromB(SdkBytes.fromUtf8String("bytes")), "ss", AttributeValue.fromSs(List.of("x", "y")),
                "ns", AttributeValue.fromNs(List.of("1", "2")), "bs", AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("z"))),
                "m", AttributeValue.fromM(Map.of("in", AttributeValue.fromL(List.of(AttributeValue.fromBool(true),
                        AttributeValue.fromNul(true), AttributeValue.fromM(Map.of()))))));
        client.putItem(b -> b.tableName("things").item(item));

        var got = client.getItem(b -> b.tableName("things").key(key("types")).consistentRead(true));
        assertThat(got.item()).isEqualTo(item);
        var none = client.getItem(b -> b.tableName("things").key(key("nobody")));
        assertThat(none.hasItem()).isFalse();
        var projected = client.getItem(b -> b.tableName("things").key(key("types")).projectionExpression("#n")
                .expressionAttributeNames(Map.of("#n", "n")));
        assertThat(projected.item()).containsOnlyKeys("n");
    }

    @Test
    void conditionsHoldAndAFailedOneIsTheSdksException() {
        client.putItem(b -> b.tableName("things").item(Map.of("pk", AttributeValue.fromS("cond"), "state", AttributeValue.fromS("NEW")))
                .conditionExpression("attribute_not_exists(pk)"));
        assertThatThrownBy(() -> client.putItem(b -> b.tableName("things").item(key("cond")).conditionExpression("attribute_not_exists(pk)")))
                .isInstanceOf(ConditionalCheckFailedException.class);

        var refused = org.assertj.core.api.Assertions.catchThrowableOfType(ConditionalCheckFailedException.class,
                () -> client.putItem(b -> b.tableName("things").item(key("cond")).conditionExpression("attribute_not_exists(pk)")
                        .returnValuesOnConditionCheckFailure(software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure.ALL_OLD)));
        assertThat(refused.item()).as("the item that failed the condition").containsEntry("state", AttributeValue.fromS("NEW"));

        var updated = client.updateItem(b -> b.tableName("things").key(key("cond")).updateExpression("SET #s = :to")
                .conditionExpression("#s = :from").expressionAttributeNames(Map.of("#s", "state"))
                .expressionAttributeValues(Map.of(":from", AttributeValue.fromS("NEW"), ":to", AttributeValue.fromS("DONE")))
                .returnValues(ReturnValue.ALL_NEW));
        assertThat(updated.attributes()).containsEntry("state", AttributeValue.fromS("DONE"));
        assertThatThrownBy(() -> client.updateItem(b -> b.tableName("things").key(key("cond")).updateExpression("SET #s = :to")
                .conditionExpression("#s = :from").expressionAttributeNames(Map.of("#s", "state"))
                .expressionAttributeValues(Map.of(":from", AttributeValue.fromS("NEW"), ":to", AttributeValue.fromS("DONE")))))
                .isInstanceOf(ConditionalCheckFailedException.class);

        var deleted = client.deleteItem(b -> b.tableName("things").key(key("cond")).returnValues(ReturnValue.ALL_OLD));
        assertThat(deleted.attributes()).containsEntry("state", AttributeValue.fromS("DONE"));
        assertThatThrownBy(() -> client.getItem(b -> b.tableName("no-such-table").key(key("x"))))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void queriesAndScansPageThroughAnIndexWithFilters() {
        for (int i = 0; i < 7; i++) {
            int at = i;
            client.putItem(b -> b.tableName("things").item(Map.of("pk", AttributeValue.fromS("q" + at),
                    "owner", AttributeValue.fromS("ann"), "at", AttributeValue.fromN(Integer.toString(at)),
                    "v", AttributeValue.fromN(Integer.toString(at)))));
        }
        List<String> newestFirst = client.queryPaginator(b -> b.tableName("things").indexName("byOwner").limit(2)
                        .keyConditionExpression("#o = :o AND #a >= :from").filterExpression("#v <> :skip").scanIndexForward(false)
                        .expressionAttributeNames(Map.of("#o", "owner", "#a", "at", "#v", "v"))
                        .expressionAttributeValues(Map.of(":o", AttributeValue.fromS("ann"), ":from", AttributeValue.fromN("2"),
                                ":skip", AttributeValue.fromN("4"))))
                .items().stream().map(i -> i.get("pk").s()).toList();
        assertThat(newestFirst).containsExactly("q6", "q5", "q3", "q2");

        var firstPage = client.query(b -> b.tableName("things").indexName("byOwner").limit(3).keyConditionExpression("#o = :o")
                .expressionAttributeNames(Map.of("#o", "owner")).expressionAttributeValues(Map.of(":o", AttributeValue.fromS("ann"))));
        assertThat(firstPage.count()).isEqualTo(3);
        assertThat(firstPage.hasLastEvaluatedKey()).isTrue();

        long owned = client.scanPaginator(b -> b.tableName("things").limit(2).filterExpression("attribute_exists(#o)")
                .expressionAttributeNames(Map.of("#o", "owner"))).items().stream().count();
        assertThat(owned).isEqualTo(7);
    }
}
