package dev.righttime.aws;

import dev.righttime.port.DeliveryLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The delivery ledger in one DynamoDB table. Partition key {@code signalId} (S); attributes
 * {@code state} (PENDING | QUEUED | FAILED | SETTLED), {@code claimedAt} (N, epoch millis), {@code updatedAt}
 * (S, ISO-8601), {@code expiresAt} (N, epoch seconds: the table's TTL attribute, 7 days on) and
 * {@code message} (S, the queue message, kept until the signal is decided: the sweep's input).
 * Intake uses it queue first ({@link #queueFirst}): a consistent read, the send, one conditional
 * PutItem of QUEUED. The claim/mark methods remain for body-hash deliveries and the older order.
 */
public final class DynamoDbDeliveryLedger implements DeliveryLedger {

    public static final String KEY = "signalId";
    public static final String STATE = "state";
    public static final String CLAIMED_AT = "claimedAt";
    public static final String UPDATED_AT = "updatedAt";
    public static final String EXPIRES_AT = "expiresAt";
    public static final String MESSAGE = "message";
    public static final Duration RETENTION = Duration.ofDays(7);
    public static final Duration LEASE = Duration.ofSeconds(30);

    private static final String CLAIMABLE = "attribute_not_exists(#k) OR #s = :failed OR (#s = :pending AND #c <= :stale)";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration lease;
    private final boolean keepMessages;

    public DynamoDbDeliveryLedger(DynamoDbClient dynamo, String table, Duration lease) {
        this(dynamo, table, lease, false);
    }

    private DynamoDbDeliveryLedger(DynamoDbClient dynamo, String table, Duration lease, boolean keepMessages) {
        this.dynamo = dynamo;
        this.table = table;
        this.lease = lease;
        this.keepMessages = keepMessages;
    }

    /**
     * A ledger that keeps each claim's queue message until {@link #settle}: the input of the
     * start-up sweep (serve {@code --data}). The Lambda keeps none: SQS is durable and no sweep
     * runs there yet, so the copy would only cost write units and hold personal data longer.
     */
    public DynamoDbDeliveryLedger keepingMessages() {
        return new DynamoDbDeliveryLedger(dynamo, table, lease, true);
    }

    public DynamoDbDeliveryLedger(DynamoDbClient dynamo, String table) {
        this(dynamo, table, LEASE);
    }

    @Override
    public Claim claim(String signalId, Instant now) {
        return claim(signalId, null, now);
    }

    @Override
    public Claim claim(String signalId, String message, Instant now) {
        try {
            putIf(item(signalId, "PENDING", message, now), CLAIMABLE, Map.of("#k", KEY, "#s", STATE, "#c", CLAIMED_AT),
                    Map.of(":failed", s("FAILED"), ":pending", s("PENDING"), ":stale", n(now.minus(lease).toEpochMilli())));
            return Claim.CLAIMED;
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> old = e.hasItem() ? e.item() : current(signalId);
            AttributeValue state = old == null ? null : old.get(STATE);
            return state != null && ("QUEUED".equals(state.s()) || "SETTLED".equals(state.s())) ? Claim.ALREADY_QUEUED : Claim.IN_PROGRESS;
        } catch (SdkException e) {
            throw new LedgerUnavailableException("claim failed", e);
        }
    }

    /** Queue-first: a consistent read before the send and one conditional PutItem after it (issue 21: 1 WRU + 1 RRU instead of 2 WRU). */
    @Override
    public boolean queueFirst() {
        return true;
    }

    @Override
    public boolean isQueued(String signalId) {
        try {
            Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(table)
                    .key(Map.of(KEY, s(signalId))).consistentRead(true)
                    .projectionExpression("#s").expressionAttributeNames(Map.of("#s", STATE)).build()).item();
            AttributeValue state = item == null ? null : item.get(STATE);
            return state != null && ("QUEUED".equals(state.s()) || "SETTLED".equals(state.s()));
        } catch (SdkException e) {
            throw new LedgerUnavailableException("read failed", e);
        }
    }

    @Override
    public boolean recordQueued(String signalId, String message, Instant now) {
        try {
            // Anything but QUEUED/SETTLED may be overwritten: a FAILED or stale PENDING claim of the older order.
            putIf(item(signalId, "QUEUED", message, now), "attribute_not_exists(#k) OR NOT (#s IN (:queued, :settled))",
                    Map.of("#k", KEY, "#s", STATE), Map.of(":queued", s("QUEUED"), ":settled", s("SETTLED")));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw new LedgerUnavailableException("record failed", e);
        }
    }

    @Override
    public void markQueued(String signalId, Instant now) {
        setState(signalId, "QUEUED", now, null);
    }

    @Override
    public void markFailed(String signalId, Instant now) {
        try {
            setState(signalId, "FAILED", now, "#s = :pending");
        } catch (LedgerUnavailableException e) {
            if (!(e.getCause() instanceof ConditionalCheckFailedException)) {
                throw e;
            }
        }
    }

    @Override
    public void forEachUnsettled(Consumer<Unsettled> each) {
        try {
            dynamo.scanPaginator(b -> b.tableName(table).consistentRead(true)
                            .filterExpression("attribute_exists(#m) AND (#s = :pending OR #s = :queued)")
                            .expressionAttributeNames(Map.of("#m", MESSAGE, "#s", STATE))
                            .expressionAttributeValues(Map.of(":pending", s("PENDING"), ":queued", s("QUEUED"))))
                    .items().forEach(item -> each.accept(new Unsettled(item.get(KEY).s(), item.get(MESSAGE).s(),
                            "QUEUED".equals(item.get(STATE).s()))));
        } catch (SdkException e) {
            throw new LedgerUnavailableException("scan failed", e);
        }
    }

    @Override
    public void settle(String signalId, Instant now) {
        try {
            dynamo.updateItem(UpdateItemRequest.builder()
                    .tableName(table)
                    .key(Map.of(KEY, s(signalId)))
                    .updateExpression("SET #s = :settled, #u = :now REMOVE #m")
                    .conditionExpression("attribute_exists(#k)")
                    .expressionAttributeNames(Map.of("#s", STATE, "#u", UPDATED_AT, "#m", MESSAGE, "#k", KEY))
                    .expressionAttributeValues(Map.of(":settled", s("SETTLED"), ":now", s(now.toString())))
                    .build());
        } catch (ConditionalCheckFailedException gone) {
            // Expired meanwhile: nothing to settle.
        } catch (SdkException e) {
            throw new LedgerUnavailableException("settle failed", e);
        }
    }

    private void setState(String signalId, String state, Instant now, String condition) {
        try {
            UpdateItemRequest.Builder b = UpdateItemRequest.builder()
                    .tableName(table)
                    .key(Map.of(KEY, s(signalId)))
                    .updateExpression("SET #s = :state, #u = :now")
                    .expressionAttributeNames(Map.of("#s", STATE, "#u", UPDATED_AT));
            if (condition != null) {
                b.conditionExpression(condition)
                        .expressionAttributeValues(Map.of(":state", s(state), ":now", s(now.toString()), ":pending", s("PENDING")));
            } else {
                b.expressionAttributeValues(Map.of(":state", s(state), ":now", s(now.toString())));
            }
            dynamo.updateItem(b.build());
        } catch (SdkException e) {
            throw new LedgerUnavailableException("state update failed", e);
        }
    }

    /** A conditional PutItem; a failed condition throws with the item it found (ALL_OLD). */
    private void putIf(Map<String, AttributeValue> item, String condition, Map<String, String> names,
                       Map<String, AttributeValue> values) {
        dynamo.putItem(PutItemRequest.builder().tableName(table).item(item).conditionExpression(condition)
                .expressionAttributeNames(names).expressionAttributeValues(values)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build());
    }

    /** A new record in {@code state}, expiring after {@link #RETENTION}, with the message if this ledger keeps them. */
    private Map<String, AttributeValue> item(String signalId, String state, String message, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of(
                KEY, s(signalId),
                STATE, s(state),
                CLAIMED_AT, n(now.toEpochMilli()),
                UPDATED_AT, s(now.toString()),
                EXPIRES_AT, n(now.plus(RETENTION).getEpochSecond())));
        if (message != null && keepMessages) {
            item.put(MESSAGE, s(message));
        }
        return item;
    }

    private Map<String, AttributeValue> current(String signalId) {
        return dynamo.getItem(GetItemRequest.builder()
                .tableName(table).key(Map.of(KEY, s(signalId))).consistentRead(true).build()).item();
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }
}
