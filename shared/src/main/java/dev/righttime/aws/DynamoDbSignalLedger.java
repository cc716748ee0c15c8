package dev.righttime.aws;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.righttime.model.Decision;
import dev.righttime.model.Signal;
import dev.righttime.port.SignalLedger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Signals table: PK {@code signalId}; {@code signal} and {@code decisions} as JSON, {@code state}
 * DECIDED or DONE, {@code type}, {@code customerId}, {@code occurredAtMs} (GSI byCustomer).
 */
public final class DynamoDbSignalLedger implements SignalLedger {

    /** The signals table's index by customer and occurrence time (template.yaml declares it). */
    public static final String BY_CUSTOMER = "byCustomer";

    private static final TypeReference<List<Decision>> DECISIONS = new TypeReference<>() {
    };

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbSignalLedger(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<Entry> get(String signalId) {
        return Items.get(dynamo, table, "signalId", signalId, DynamoDbSignalLedger::read);
    }

    @Override
    public boolean begin(Entry entry) {
        Signal signal = entry.signal();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("signalId", Items.s(signal.signalId()));
        item.put("type", Items.s(signal.type().wire()));
        item.put("occurredAtMs", Items.n(signal.occurredAt().toEpochMilli()));
        item.put("signal", Items.s(Items.json(signal)));
        item.put("decisions", Items.s(Items.json(entry.decisions())));
        item.put("state", Items.s(entry.state().name()));
        item.put("decidedAt", Items.s(entry.decidedAt().toString()));
        Items.putIfPresent(item, "customerId", entry.customerId());
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(signalId)"));
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    @Override
    public void complete(String signalId) {
        dynamo.updateItem(b -> b.tableName(table)
                .key(Map.of("signalId", Items.s(signalId)))
                .updateExpression("SET #state = :done")
                .conditionExpression("attribute_exists(signalId)")
                .expressionAttributeNames(Map.of("#state", "state"))
                .expressionAttributeValues(Map.of(":done", Items.s(State.DONE.name()))));
    }

    @Override
    public List<Entry> forCustomer(String customerId) {
        List<Entry> entries = new ArrayList<>();
        // The index holds keys only (KEYS_ONLY: the ledger's state change on complete writes no index
        // entry); only the timeline and erasure read it (rare), so each entry is read from the table.
        dynamo.queryPaginator(b -> b.tableName(table).indexName(BY_CUSTOMER)
                        .keyConditionExpression("customerId = :c")
                        .expressionAttributeValues(Map.of(":c", Items.s(customerId))))
                .items().forEach(key -> get(Items.string(key, "signalId")).ifPresent(entries::add));
        return entries;
    }

    @Override
    public void redact(String signalId) {
        get(signalId).ifPresent(e -> {
            Entry r = SignalLedger.redacted(e);
            dynamo.updateItem(b -> b.tableName(table)
                    .key(Map.of("signalId", Items.s(signalId)))
                    .updateExpression("SET #signal = :signal, decisions = :decisions REMOVE customerId")
                    .expressionAttributeNames(Map.of("#signal", "signal"))
                    .expressionAttributeValues(Map.of(":signal", Items.s(Items.json(r.signal())),
                            ":decisions", Items.s(Items.json(r.decisions())))));
        });
    }

    private static Entry read(Map<String, AttributeValue> item) {
        return new Entry(Items.fromJson(Items.string(item, "signal"), Signal.class),
                Items.string(item, "customerId"),
                Items.fromJson(Items.string(item, "decisions"), DECISIONS),
                State.valueOf(Items.string(item, "state")),
                Instant.parse(Items.string(item, "decidedAt")));
    }
}
