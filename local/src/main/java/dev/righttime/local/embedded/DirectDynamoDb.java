package dev.righttime.local.embedded;

import com.amazonaws.AmazonServiceException;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDB;
import com.amazonaws.services.dynamodbv2.local.shared.access.awssdkv2.converters.AwsServiceExceptionConverter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The item operations serve makes most (get, put, update, delete, query, scan) handed to DynamoDB
 * Local's engine through its SDK v1 interface, converted field by field. DynamoDB Local's own SDK
 * v2 client converts each request and response by writing it as JSON and reading it back, twice
 * each way; at 300 signals/s that was 12% of serve's CPU (issue 21). Only requests written with
 * expressions are taken; one that asks for consumed capacity or item collection metrics, or uses
 * the legacy parameters ({@code AttributesToGet}, {@code Expected},
 * {@code KeyConditions}, ...) returns null here and goes the engine's own way. Errors are the
 * engine's, converted by DynamoDB Local's own converter, so a failed condition is still the SDK's
 * {@code ConditionalCheckFailedException}.
 */
final class DirectDynamoDb {

    private final AmazonDynamoDB engine;

    DirectDynamoDb(AmazonDynamoDB engine) {
        this.engine = engine;
    }

    /** The response, or null when the request is not one this converts. */
    Object handle(Object request) {
        try {
            return switch (request) {
                case GetItemRequest r when plain(r.returnConsumedCapacity()) && !r.hasAttributesToGet() -> get(r);
                case PutItemRequest r when plain(r.returnConsumedCapacity()) && !r.hasExpected() && r.conditionalOperator() == null
                        && r.returnItemCollectionMetrics() == null -> put(r);
                case UpdateItemRequest r when plain(r.returnConsumedCapacity()) && !r.hasExpected() && !r.hasAttributeUpdates()
                        && r.conditionalOperator() == null && r.returnItemCollectionMetrics() == null -> update(r);
                case DeleteItemRequest r when plain(r.returnConsumedCapacity()) && !r.hasExpected() && r.conditionalOperator() == null
                        && r.returnItemCollectionMetrics() == null -> delete(r);
                case QueryRequest r when plain(r.returnConsumedCapacity()) && !r.hasKeyConditions() && !r.hasQueryFilter()
                        && !r.hasAttributesToGet() && r.conditionalOperator() == null -> query(r);
                case ScanRequest r when plain(r.returnConsumedCapacity()) && !r.hasScanFilter() && !r.hasAttributesToGet()
                        && r.conditionalOperator() == null -> scan(r);
                default -> null;
            };
        } catch (com.amazonaws.services.dynamodbv2.model.ConditionalCheckFailedException e) {
            // The item a failed condition returns (ReturnValuesOnConditionCheckFailure ALL_OLD) comes along.
            AwsServiceException converted = AwsServiceExceptionConverter.convert(e);
            if (e.getItem() != null && converted instanceof ConditionalCheckFailedException c && !c.hasItem()) {
                throw c.toBuilder().item(toV2(e.getItem())).build();
            }
            throw converted;
        } catch (AmazonServiceException e) {
            throw AwsServiceExceptionConverter.convert(e);
        }
    }

    private static boolean plain(ReturnConsumedCapacity rcc) {
        return rcc == null || rcc == ReturnConsumedCapacity.NONE;
    }

    private GetItemResponse get(GetItemRequest r) {
        var v1 = new com.amazonaws.services.dynamodbv2.model.GetItemRequest().withTableName(r.tableName()).withKey(toV1(r.key()))
                .withConsistentRead(r.consistentRead()).withProjectionExpression(r.projectionExpression());
        names(r.hasExpressionAttributeNames() ? r.expressionAttributeNames() : null, v1::setExpressionAttributeNames);
        var result = engine.getItem(v1);
        GetItemResponse.Builder b = GetItemResponse.builder();
        if (result.getItem() != null) {
            b.item(toV2(result.getItem()));
        }
        return b.build();
    }

    private PutItemResponse put(PutItemRequest r) {
        var v1 = new com.amazonaws.services.dynamodbv2.model.PutItemRequest().withTableName(r.tableName()).withItem(toV1(r.item()))
                .withConditionExpression(r.conditionExpression()).withReturnValues(r.returnValuesAsString())
                .withReturnValuesOnConditionCheckFailure(r.returnValuesOnConditionCheckFailureAsString());
        names(r.hasExpressionAttributeNames() ? r.expressionAttributeNames() : null, v1::setExpressionAttributeNames);
        values(r.hasExpressionAttributeValues() ? r.expressionAttributeValues() : null, v1::setExpressionAttributeValues);
        var result = engine.putItem(v1);
        PutItemResponse.Builder b = PutItemResponse.builder();
        if (result.getAttributes() != null) {
            b.attributes(toV2(result.getAttributes()));
        }
        return b.build();
    }

    private UpdateItemResponse update(UpdateItemRequest r) {
        var v1 = new com.amazonaws.services.dynamodbv2.model.UpdateItemRequest().withTableName(r.tableName()).withKey(toV1(r.key()))
                .withUpdateExpression(r.updateExpression()).withConditionExpression(r.conditionExpression())
                .withReturnValues(r.returnValuesAsString())
                .withReturnValuesOnConditionCheckFailure(r.returnValuesOnConditionCheckFailureAsString());
        names(r.hasExpressionAttributeNames() ? r.expressionAttributeNames() : null, v1::setExpressionAttributeNames);
        values(r.hasExpressionAttributeValues() ? r.expressionAttributeValues() : null, v1::setExpressionAttributeValues);
        var result = engine.updateItem(v1);
        UpdateItemResponse.Builder b = UpdateItemResponse.builder();
        if (result.getAttributes() != null) {
            b.attributes(toV2(result.getAttributes()));
        }
        return b.build();
    }

    private DeleteItemResponse delete(DeleteItemRequest r) {
        var v1 = new com.amazonaws.services.dynamodbv2.model.DeleteItemRequest().withTableName(r.tableName()).withKey(toV1(r.key()))
                .withConditionExpression(r.conditionExpression()).withReturnValues(r.returnValuesAsString())
                .withReturnValuesOnConditionCheckFailure(r.returnValuesOnConditionCheckFailureAsString());
        names(r.hasExpressionAttributeNames() ? r.expressionAttributeNames() : null, v1::setExpressionAttributeNames);
        values(r.hasExpressionAttributeValues() ? r.expressionAttributeValues() : null, v1::setExpressionAttributeValues);
        var result = engine.deleteItem(v1);
        DeleteItemResponse.Builder b = DeleteItemResponse.builder();
        if (result.getAttributes() != null) {
            b.attributes(toV2(result.getAttributes()));
        }
        return b.build();
    }

    private QueryResponse query(QueryRequest r) {
        var v1 = new com.amazonaws.services.dynamodbv2.model.QueryRequest().withTableName(r.tableName()).withIndexName(r.indexName())
                .withKeyConditionExpression(r.keyConditionExpression()).withFilterExpression(r.filterExpression())
                .withProjectionExpression(r.projectionExpression()).withLimit(r.limit()).withScanIndexForward(r.scanIndexForward())
                .withConsistentRead(r.consistentRead()).withSelect(r.selectAsString());
        names(r.hasExpressionAttributeNames() ? r.expressionAttributeNames() : null, v1::setExpressionAttributeNames);
        values(r.hasExpressionAttributeValues() ? r.expressionAttributeValues() : null, v1::setExpressionAttributeValues);
        if (r.hasExclusiveStartKey()) {
            v1.setExclusiveStartKey(toV1(r.exclusiveStartKey()));
        }
        var result = engine.query(v1);
        QueryResponse.Builder b = QueryResponse.builder().count(result.getCount()).scannedCount(result.getScannedCount());
        if (result.getItems() != null) {
            b.items(items(result.getItems()));
        }
        if (result.getLastEvaluatedKey() != null) {
            b.lastEvaluatedKey(toV2(result.getLastEvaluatedKey()));
        }
        return b.build();
    }

    private ScanResponse scan(ScanRequest r) {
        var v1 = new com.amazonaws.services.dynamodbv2.model.ScanRequest().withTableName(r.tableName()).withIndexName(r.indexName())
                .withFilterExpression(r.filterExpression()).withProjectionExpression(r.projectionExpression()).withLimit(r.limit())
                .withSegment(r.segment()).withTotalSegments(r.totalSegments()).withConsistentRead(r.consistentRead())
                .withSelect(r.selectAsString());
        names(r.hasExpressionAttributeNames() ? r.expressionAttributeNames() : null, v1::setExpressionAttributeNames);
        values(r.hasExpressionAttributeValues() ? r.expressionAttributeValues() : null, v1::setExpressionAttributeValues);
        if (r.hasExclusiveStartKey()) {
            v1.setExclusiveStartKey(toV1(r.exclusiveStartKey()));
        }
        var result = engine.scan(v1);
        ScanResponse.Builder b = ScanResponse.builder().count(result.getCount()).scannedCount(result.getScannedCount());
        if (result.getItems() != null) {
            b.items(items(result.getItems()));
        }
        if (result.getLastEvaluatedKey() != null) {
            b.lastEvaluatedKey(toV2(result.getLastEvaluatedKey()));
        }
        return b.build();
    }

    private static void names(Map<String, String> names, java.util.function.Consumer<Map<String, String>> set) {
        if (names != null) {
            set.accept(new HashMap<>(names));
        }
    }

    private static void values(Map<String, AttributeValue> values,
                               java.util.function.Consumer<Map<String, com.amazonaws.services.dynamodbv2.model.AttributeValue>> set) {
        if (values != null) {
            set.accept(toV1(values));
        }
    }

    private static List<Map<String, AttributeValue>> items(List<Map<String, com.amazonaws.services.dynamodbv2.model.AttributeValue>> items) {
        List<Map<String, AttributeValue>> out = new ArrayList<>(items.size());
        for (Map<String, com.amazonaws.services.dynamodbv2.model.AttributeValue> item : items) {
            out.add(toV2(item));
        }
        return out;
    }

    static Map<String, com.amazonaws.services.dynamodbv2.model.AttributeValue> toV1(Map<String, AttributeValue> item) {
        Map<String, com.amazonaws.services.dynamodbv2.model.AttributeValue> out = new HashMap<>(item.size() * 2);
        item.forEach((k, v) -> out.put(k, toV1(v)));
        return out;
    }

    static com.amazonaws.services.dynamodbv2.model.AttributeValue toV1(AttributeValue v) {
        var out = new com.amazonaws.services.dynamodbv2.model.AttributeValue();
        switch (v.type()) {
            case S -> out.setS(v.s());
            case N -> out.setN(v.n());
            case B -> out.setB(v.b().asByteBuffer());
            case SS -> out.setSS(v.ss());
            case NS -> out.setNS(v.ns());
            case BS -> out.setBS(v.bs().stream().map(SdkBytes::asByteBuffer).toList());
            case M -> out.setM(toV1(v.m()));
            case L -> out.setL(v.l().stream().map(DirectDynamoDb::toV1).toList());
            case BOOL -> out.setBOOL(v.bool());
            case NUL -> out.setNULL(v.nul());
            default -> throw new IllegalArgumentException("an attribute value of an unknown type");
        }
        return out;
    }

    static Map<String, AttributeValue> toV2(Map<String, com.amazonaws.services.dynamodbv2.model.AttributeValue> item) {
        Map<String, AttributeValue> out = new HashMap<>(item.size() * 2);
        item.forEach((k, v) -> out.put(k, toV2(v)));
        return out;
    }

    static AttributeValue toV2(com.amazonaws.services.dynamodbv2.model.AttributeValue v) {
        if (v.getS() != null) {
            return AttributeValue.fromS(v.getS());
        }
        if (v.getN() != null) {
            return AttributeValue.fromN(v.getN());
        }
        if (v.getB() != null) {
            return AttributeValue.fromB(SdkBytes.fromByteBuffer(v.getB()));
        }
        if (v.getSS() != null) {
            return AttributeValue.fromSs(v.getSS());
        }
        if (v.getNS() != null) {
            return AttributeValue.fromNs(v.getNS());
        }
        if (v.getBS() != null) {
            return AttributeValue.fromBs(v.getBS().stream().map(SdkBytes::fromByteBuffer).toList());
        }
        if (v.getM() != null) {
            return AttributeValue.fromM(toV2(v.getM()));
        }
        if (v.getL() != null) {
            return AttributeValue.fromL(v.getL().stream().map(DirectDynamoDb::toV2).toList());
        }
        if (v.getBOOL() != null) {
            return AttributeValue.fromBool(v.getBOOL());
        }
        if (v.getNULL() != null) {
            return AttributeValue.fromNul(v.getNULL());
        }
        throw new IllegalArgumentException("an attribute value of an unknown type");
    }
}
