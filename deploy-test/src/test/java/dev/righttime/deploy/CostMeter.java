package dev.righttime.deploy;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.ssm.model.GetParameterRequest;

/**
 * Meters what each function's AWS calls are billed for (issue 21), while a function is current in
 * {@link OperationRecorder} and the meter is {@link #start started}: every call, DynamoDB write and
 * read request units, SQS requests in 64 KiB chunks, PutEvents entries in 64 KiB chunks, SES
 * recipients, SNS SMS, SSM/KMS calls. Registered like the recorder through
 * software/amazon/awssdk/global/handlers/execution.interceptors; idle unless started.
 *
 * <p>DynamoDB's own {@code ConsumedCapacity} is asked for (ReturnConsumedCapacity INDEXES) and kept
 * as "reported", but moto answers a fixed 1.0 per call whatever the item or its indexes, so the
 * billed units are computed here as DynamoDB documents them: a write costs ceil(max(size before,
 * size after) / 1 KB) on the table plus, on each GSI whose entry the write adds, deletes or changes
 * (a projected attribute or an index key), ceil(index entry size / 1 KB), a key change being a
 * delete and a put; index entry size = projected attributes + 100 bytes; a failed conditional write
 * still costs its table units; a read costs ceil(bytes / 4 KB), halved when eventually consistent
 * (every GSI query). The item before and after a write is read by the meter itself through
 * {@link OperationRecorder#outside}, so those reads are neither recorded nor metered.
 */
public final class CostMeter implements ExecutionInterceptor {

    /** A billed quantity: {@code unit} of {@code service} used by {@code function} in {@code operation}. */
    record Charge(String function, String service, String operation, String unit, double quantity) {}

    static final int SQS_CHUNK = 64 * 1024;
    static final int EVENT_CHUNK = 64 * 1024;
    private static final List<Charge> CHARGES = new CopyOnWriteArrayList<>();
    private static final Map<String, TableDescription> TABLES = new ConcurrentHashMap<>();
    private static final ExecutionAttribute<Map<String, AttributeValue>> BEFORE = new ExecutionAttribute<>("rt.costmeter.before");
    private static volatile DynamoDbClient reader;

    /** Meters from now on; {@code dynamo} is the test's own client, used to read items around writes. */
    static void start(DynamoDbClient dynamo) {
        CHARGES.clear();
        reader = dynamo;
    }

    static void stop() {
        reader = null;
    }

    static List<Charge> charges() {
        return List.copyOf(CHARGES);
    }

    /** Adds what no SDK call of a function shows (a Lambda invocation, an HTTP API request, a schedule firing). */
    static void add(String function, String service, String operation, String unit, double quantity) {
        CHARGES.add(new Charge(function, service, operation, unit, quantity));
    }

    private static boolean metering() {
        return reader != null && OperationRecorder.current() != null;
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        if (!metering()) {
            return context.request();
        }
        SdkRequest r = context.request();
        if (r instanceof PutItemRequest p) {
            attributes.putAttribute(BEFORE, item(p.tableName(), keyOf(p.tableName(), p.item())));
            return p.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.INDEXES).build();
        }
        if (r instanceof UpdateItemRequest u) {
            attributes.putAttribute(BEFORE, item(u.tableName(), u.key()));
            return u.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.INDEXES).build();
        }
        if (r instanceof DeleteItemRequest d) {
            attributes.putAttribute(BEFORE, item(d.tableName(), d.key()));
            return d.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.INDEXES).build();
        }
        if (r instanceof GetItemRequest g) {
            return g.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.INDEXES).build();
        }
        if (r instanceof QueryRequest q) {
            return q.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.INDEXES).build();
        }
        if (r instanceof ScanRequest s) {
            return s.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.INDEXES).build();
        }
        return r;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (metering()) {
            meter(context.request(), context.response(), attributes, true);
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        if (metering()) {
            meter(context.request(), null, attributes, false);
        }
    }

    private void meter(SdkRequest request, SdkResponse response, ExecutionAttributes attributes, boolean succeeded) {
        String fn = OperationRecorder.current();
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String op = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME) + onTable(request);
        add(fn, service, op, "call", 1);
        switch (request) {
            case PutItemRequest p -> write(fn, service, op, p.tableName(), attributes.getAttribute(BEFORE),
                    succeeded ? p.item() : attributes.getAttribute(BEFORE), succeeded);
            case UpdateItemRequest u -> write(fn, service, op, u.tableName(), attributes.getAttribute(BEFORE),
                    succeeded ? item(u.tableName(), u.key()) : attributes.getAttribute(BEFORE), succeeded);
            case DeleteItemRequest d -> write(fn, service, op, d.tableName(), attributes.getAttribute(BEFORE),
                    succeeded ? null : attributes.getAttribute(BEFORE), succeeded);
            case GetItemRequest g -> {
                GetItemResponse out = (GetItemResponse) response;
                long bytes = out == null || !out.hasItem() ? 0 : size(out.item());
                add(fn, service, op, "RRU", readUnits(bytes, Boolean.TRUE.equals(g.consistentRead())));
                reported(fn, service, op, out == null ? null : out.consumedCapacity());
            }
            case QueryRequest q -> {
                QueryResponse out = (QueryResponse) response;
                long bytes = out == null ? 0 : out.items().stream().mapToLong(CostMeter::size).sum();
                add(fn, service, op, "RRU", readUnits(bytes, q.indexName() == null && Boolean.TRUE.equals(q.consistentRead())));
                reported(fn, service, op, out == null ? null : out.consumedCapacity());
            }
            case BatchGetItemRequest b -> {
                // Each item read is billed on its own: ceil(size / 4 KB), halved when eventually consistent.
                BatchGetItemResponse out = (BatchGetItemResponse) response;
                double units = 0;
                if (out != null) {
                    for (Map.Entry<String, List<Map<String, AttributeValue>>> e : out.responses().entrySet()) {
                        KeysAndAttributes asked = b.requestItems().get(e.getKey());
                        boolean consistent = asked != null && Boolean.TRUE.equals(asked.consistentRead());
                        units += e.getValue().stream().mapToDouble(item -> readUnits(size(item), consistent)).sum();
                    }
                }
                add(fn, service, op, "RRU", units);
            }
            case ScanRequest s -> {
                // Returned items only: a filtered Scan reads more (Scans are off the signal path: reports, start-up sweep).
                ScanResponse out = (ScanResponse) response;
                long bytes = out == null ? 0 : out.items().stream().mapToLong(CostMeter::size).sum();
                add(fn, service, op, "RRU", readUnits(bytes, Boolean.TRUE.equals(s.consistentRead())));
            }
            case SendMessageRequest m -> add(fn, service, op, "request", chunks(utf8(m.messageBody()), SQS_CHUNK));
            case SendMessageBatchRequest b -> add(fn, service, op, "request",
                    chunks(b.entries().stream().mapToLong(e -> utf8(e.messageBody())).sum(), SQS_CHUNK));
            case PutEventsRequest e -> add(fn, service, op, "event",
                    e.entries().stream().mapToLong(x -> chunks(eventSize(x), EVENT_CHUNK)).sum());
            case SendEmailRequest e -> add(fn, service, op, "email", e.destination() == null ? 1
                    : e.destination().toAddresses().size() + e.destination().ccAddresses().size() + e.destination().bccAddresses().size());
            case PublishRequest p -> add(fn, service, op, p.phoneNumber() != null ? "sms" : "publish", 1);
            case GetParameterRequest g -> {
                add(fn, service, op, "request", 1);
                if (Boolean.TRUE.equals(g.withDecryption())) {
                    add(fn, "Kms", "Decrypt (SecureString)", "request", 1);
                }
            }
            default -> add(fn, service, op, "request", 1);
        }
    }

    /** " table" for a DynamoDB item or query request, so the report shows which table each unit went to. */
    private static String onTable(SdkRequest request) {
        if (request instanceof BatchGetItemRequest b) {
            return " " + String.join(" ", new java.util.TreeSet<>(b.requestItems().keySet()));
        }
        return request.getValueForField("TableName", String.class).map(t -> " " + t).orElse("");
    }

    private void write(String fn, String service, String op, String table, Map<String, AttributeValue> before,
            Map<String, AttributeValue> after, boolean succeeded) {
        long tableBytes = Math.max(size(before), size(after));
        add(fn, service, op, "WRU", Math.max(1, ceil(tableBytes, 1024)));
        if (!succeeded) {
            return;
        }
        TableDescription d = describe(table);
        for (GlobalSecondaryIndexDescription gsi : d.globalSecondaryIndexes()) {
            Map<String, AttributeValue> was = entry(d, gsi, before);
            Map<String, AttributeValue> now = entry(d, gsi, after);
            long units = 0;
            if (was != null && now != null && !sameKeys(gsi, was, now)) {
                units = ceil(size(was) + 100, 1024) + ceil(size(now) + 100, 1024);
            } else if (was != null && now != null) {
                units = was.equals(now) ? 0 : ceil(size(now) + 100, 1024);
            } else if (was != null || now != null) {
                units = ceil(size(Objects.requireNonNullElse(now, was)) + 100, 1024);
            }
            if (units > 0) {
                add(fn, service, op + " (index " + gsi.indexName() + ")", "WRU", units);
            }
        }
    }

    /** The index entry of {@code item} (its projected attributes), or null when the item is not in that index. */
    private static Map<String, AttributeValue> entry(TableDescription d, GlobalSecondaryIndexDescription gsi, Map<String, AttributeValue> item) {
        if (item == null || !gsi.keySchema().stream().allMatch(k -> item.containsKey(k.attributeName()))) {
            return null;
        }
        if (gsi.projection().projectionType() == ProjectionType.ALL) {
            return item;
        }
        Set<String> projected = new java.util.HashSet<>();
        d.keySchema().forEach(k -> projected.add(k.attributeName()));
        gsi.keySchema().forEach(k -> projected.add(k.attributeName()));
        if (gsi.projection().projectionType() == ProjectionType.INCLUDE) {
            projected.addAll(gsi.projection().nonKeyAttributes());
        }
        Map<String, AttributeValue> out = new HashMap<>(item);
        out.keySet().retainAll(projected);
        return out;
    }

    private static boolean sameKeys(GlobalSecondaryIndexDescription gsi, Map<String, AttributeValue> a, Map<String, AttributeValue> b) {
        return gsi.keySchema().stream().map(KeySchemaElement::attributeName).allMatch(k -> Objects.equals(a.get(k), b.get(k)));
    }

    private static TableDescription describe(String table) {
        return TABLES.computeIfAbsent(table, t -> {
            List<TableDescription> out = new ArrayList<>();
            OperationRecorder.outside(() -> out.add(reader.describeTable(b -> b.tableName(t)).table()));
            return out.get(0);
        });
    }

    private static Map<String, AttributeValue> keyOf(String table, Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = new HashMap<>();
        describe(table).keySchema().forEach(k -> key.put(k.attributeName(), item.get(k.attributeName())));
        return key;
    }

    private static Map<String, AttributeValue> item(String table, Map<String, AttributeValue> key) {
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        OperationRecorder.outside(() -> {
            GetItemResponse r = reader.getItem(b -> b.tableName(table).key(key).consistentRead(true));
            out.add(r.hasItem() && !r.item().isEmpty() ? r.item() : null);
        });
        return out.get(0);
    }

    private static void reported(String fn, String service, String op, ConsumedCapacity c) {
        if (c != null && c.capacityUnits() != null) {
            add(fn, service, op, "reported CU", c.capacityUnits());
        }
    }

    static double readUnits(long bytes, boolean consistent) {
        long units = Math.max(1, ceil(bytes, 4096));
        return consistent ? units : units / 2.0;
    }

    static long chunks(long bytes, int chunk) {
        return Math.max(1, ceil(bytes, chunk));
    }

    private static long ceil(long bytes, int unit) {
        return (bytes + unit - 1) / unit;
    }

    private static long eventSize(PutEventsRequestEntry e) {
        // EventBridge's documented entry size: Time 14 bytes + Source + DetailType + Detail + each Resource.
        return 14 + utf8(e.source()) + utf8(e.detailType()) + utf8(e.detail())
                + e.resources().stream().mapToLong(CostMeter::utf8).sum();
    }

    private static long utf8(String s) {
        return s == null ? 0 : s.getBytes(UTF_8).length;
    }

    /** An item's size as DynamoDB documents it: attribute names plus values. */
    static long size(Map<String, AttributeValue> item) {
        if (item == null) {
            return 0;
        }
        return item.entrySet().stream().mapToLong(e -> utf8(e.getKey()) + size(e.getValue())).sum();
    }

    private static long size(AttributeValue v) {
        if (v.s() != null) {
            return utf8(v.s());
        }
        if (v.n() != null) {
            return (v.n().replaceAll("[^0-9]", "").length() + 1) / 2 + 1;
        }
        if (v.b() != null) {
            return v.b().asByteArray().length;
        }
        if (v.bool() != null || Boolean.TRUE.equals(v.nul())) {
            return 1;
        }
        if (v.hasL()) {
            return 3 + v.l().stream().mapToLong(x -> 1 + size(x)).sum();
        }
        if (v.hasM()) {
            return 3 + v.m().entrySet().stream().mapToLong(e -> 1 + utf8(e.getKey()) + size(e.getValue())).sum();
        }
        if (v.hasSs()) {
            return v.ss().stream().mapToLong(CostMeter::utf8).sum();
        }
        if (v.hasNs()) {
            return v.ns().stream().mapToLong(n -> (n.length() + 1) / 2 + 1).sum();
        }
        return 1;
    }
}
