package dev.righttime.aws;

import dev.righttime.model.Assignment;
import dev.righttime.model.Card;
import dev.righttime.model.Channel;
import dev.righttime.model.Fallback;
import dev.righttime.model.Feedback;
import dev.righttime.model.Outcome;
import dev.righttime.model.Reason;
import dev.righttime.model.Response;
import dev.righttime.model.ResponseStatus;
import dev.righttime.model.SignalType;
import dev.righttime.port.ResponseStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Responses table: PK {@code responseId}, one plain attribute per field so conditions can read
 * them. Index keys: {@code dueAtMs} (sendAt, else deadline, else occurredAt; GSI byCustomerKeys, keys
 * only: {@link #forCustomer} reads the records from the table) and,
 * only while PENDING_APPROVAL, {@code approvalQueue = "PENDING"} with {@code deadlineMs}
 * (sparse GSI pendingApprovals). Every status change goes through {@link #transition}, which keeps
 * approvalQueue in step with the status. A sender's claim ({@link #claim}) is a transition to
 * SENDING that records {@code claimedAt}/{@code claimedAtMs}; {@code occurredAtMs} and
 * {@code sentAtMs} are numbers for the report's filter.
 */
public final class DynamoDbResponseStore implements ResponseStore {

    /**
     * The responses table's indexes (template.yaml declares them): by customer, held replies, automatic
     * replies by author. By customer holds keys only (issue 21): a status change (a sender's SENDING
     * and SENT, a cancellation) writes no index entry; the index replaced {@code byCustomer}
     * (projection ALL) under a new name because CloudFormation cannot change a projection in place
     * (README "Upgrading a stack deployed before the keys-only index").
     */
    public static final String BY_CUSTOMER = "byCustomerKeys";
    /** The variable that names another by-customer index (an upgrade's first deploy reads the old one). */
    public static final String CUSTOMER_INDEX_VARIABLE = "RESPONSES_CUSTOMER_INDEX";
    public static final String PENDING_APPROVALS = "pendingApprovals";
    public static final String BY_AUTHOR = "byAuthor";

    private static final String APPROVAL_QUEUE = "PENDING";
    private static final String FEEDBACK_PREFIX = "feedback_";

    /** BatchGetItem's limit of keys per request. */
    private static final int BATCH_KEYS = 100;
    /** Rounds of UnprocessedKeys retried (throttling) before giving up, with a short growing pause. */
    private static final int BATCH_ROUNDS = 8;

    private final DynamoDbClient dynamo;
    private final String table;
    private final String customerIndex;

    public DynamoDbResponseStore(DynamoDbClient dynamo, String table) {
        this(dynamo, table, BY_CUSTOMER);
    }

    /** With the by-customer index of choice (keys only or ALL: the records are read from the table either way). */
    public DynamoDbResponseStore(DynamoDbClient dynamo, String table, String customerIndex) {
        this.dynamo = dynamo;
        this.table = table;
        this.customerIndex = customerIndex;
    }

    @Override
    public boolean create(Response r) {
        return create(r, null);
    }

    @Override
    public boolean create(Response r, String authorKey) {
        Map<String, AttributeValue> item = write(r);
        if (authorKey != null && r.dueAt() != null) {
            item.put("authorKey", Items.s(authorKey));
        }
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(responseId)"));
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    @Override
    public List<Response> forAuthor(String authorKey, Instant dueFrom) {
        return dueFrom(BY_AUTHOR, "authorKey", authorKey, dueFrom);
    }

    @Override
    public Optional<Response> get(String responseId) {
        return Items.get(dynamo, table, "responseId", responseId, DynamoDbResponseStore::read);
    }

    /**
     * The keys from the keys-only index, oldest first, then the records from the table by
     * BatchGetItem (eventually consistent, as the index itself is: half a read unit per record up
     * to 4 KB, while every status change it spares saved a write unit to the index). A record gone
     * between the two reads (erased) is left out.
     */
    @Override
    public List<Response> forCustomer(String customerId, Instant dueFrom) {
        Set<String> ids = new LinkedHashSet<>();
        dynamo.queryPaginator(b -> b.tableName(table).indexName(customerIndex)
                        .keyConditionExpression("customerId = :k AND dueAtMs >= :from")
                        .expressionAttributeValues(Map.of(":k", Items.s(customerId), ":from", Items.n(dueFrom.toEpochMilli()))))
                .items().forEach(item -> ids.add(Items.string(item, "responseId")));
        Map<String, Response> byId = records(List.copyOf(ids));
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    /** The records of these distinct ids, by BatchGetItem in chunks of 100, retrying unprocessed keys a few rounds. */
    private Map<String, Response> records(List<String> distinct) {
        Map<String, Response> out = new HashMap<>();
        for (int from = 0; from < distinct.size(); from += BATCH_KEYS) {
            List<Map<String, AttributeValue>> keys = distinct.subList(from, Math.min(distinct.size(), from + BATCH_KEYS))
                    .stream().map(DynamoDbResponseStore::key).toList();
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys).build());
            for (int round = 0; !request.isEmpty(); round++) {
                if (round == BATCH_ROUNDS) {
                    throw new IllegalStateException("BatchGetItem left keys unprocessed after " + BATCH_ROUNDS + " rounds");
                }
                if (round > 0) {
                    pause(round);
                }
                Map<String, KeysAndAttributes> ask = request;
                BatchGetItemResponse answer = dynamo.batchGetItem(b -> b.requestItems(ask));
                answer.responses().getOrDefault(table, List.of()).forEach(item -> {
                    Response r = read(item);
                    out.put(r.responseId(), r);
                });
                request = answer.hasUnprocessedKeys() ? answer.unprocessedKeys() : Map.of();
            }
        }
        return out;
    }

    private static void pause(int round) {
        try {
            Thread.sleep(Math.min(1000L, 25L << round));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading responses", e);
        }
    }

    /** The records of one key of an index on {@code (key, dueAtMs)}, due at or after {@code from}, oldest first. */
    private List<Response> dueFrom(String index, String keyName, String key, Instant from) {
        List<Response> out = new ArrayList<>();
        dynamo.queryPaginator(b -> b.tableName(table).indexName(index)
                        .keyConditionExpression(keyName + " = :k AND dueAtMs >= :from")
                        .expressionAttributeValues(Map.of(":k", Items.s(key), ":from", Items.n(from.toEpochMilli()))))
                .items().forEach(item -> out.add(read(item)));
        return out;
    }

    @Override
    public boolean transition(String responseId, Set<ResponseStatus> from, ResponseStatus to, Change change) {
        Update u = new Update(to);
        u.set("sentAt", change.sentAt());
        u.set("sentText", change.sentText());
        u.set("reviewedBy", change.reviewedBy());
        u.set("reviewedAt", change.reviewedAt());
        u.set("editedText", change.editedText());
        u.set("detail", change.detail());
        u.set("rejectReason", change.rejectReason());
        if (change.sentAt() != null) {
            u.setNumber("sentAtMs", change.sentAt().toEpochMilli());
        }
        return u.apply(responseId, "#status IN (" + u.statuses(from) + ")");
    }

    @Override
    public boolean claim(String responseId, Set<ResponseStatus> from, Instant now, Duration lease) {
        Update u = new Update(ResponseStatus.SENDING);
        u.set("claimedAt", now);
        u.setNumber("claimedAtMs", now.toEpochMilli());
        u.values.put(":sending", Items.s(ResponseStatus.SENDING.name()));
        u.values.put(":stale", Items.n(now.minus(lease).toEpochMilli()));
        String stale = "#status = :sending AND #claimedAtMs <= :stale";
        return u.apply(responseId, from.isEmpty() ? stale : "#status IN (" + u.statuses(from) + ") OR (" + stale + ")");
    }

    /** One conditional UpdateItem that sets the status (keeping approvalQueue in step) and some fields. */
    private final class Update {
        private final Map<String, AttributeValue> values = new HashMap<>();
        private final Map<String, String> names = new HashMap<>(Map.of("#status", "status"));
        private final List<String> sets = new ArrayList<>();
        private final ResponseStatus to;

        Update(ResponseStatus to) {
            this.to = to;
            values.put(":to", Items.s(to.name()));
            values.put(":now", Items.s(Instant.now().toString()));
            sets.add("#status = :to");
            sets.add("updatedAt = :now");
            if (to == ResponseStatus.PENDING_APPROVAL) {
                sets.add("approvalQueue = :queue");
                values.put(":queue", Items.s(APPROVAL_QUEUE));
            }
        }

        void set(String name, Object value) {
            if (value != null) {
                sets.add("#" + name + " = :" + name);
                names.put("#" + name, name);
                values.put(":" + name, Items.s(value.toString()));
            }
        }

        void setNumber(String name, long value) {
            sets.add("#" + name + " = :" + name);
            names.put("#" + name, name);
            values.put(":" + name, Items.n(value));
        }

        String statuses(Set<ResponseStatus> from) {
            List<String> placeholders = new ArrayList<>();
            for (ResponseStatus s : from) {
                String p = ":from" + placeholders.size();
                placeholders.add(p);
                values.put(p, Items.s(s.name()));
            }
            return String.join(", ", placeholders);
        }

        boolean apply(String responseId, String condition) {
            String expression = "SET " + String.join(", ", sets)
                    + (to == ResponseStatus.PENDING_APPROVAL ? "" : " REMOVE approvalQueue");
            try {
                dynamo.updateItem(b -> b.tableName(table).key(key(responseId))
                        .updateExpression(expression)
                        .conditionExpression("attribute_exists(responseId) AND (" + condition + ")")
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values));
                return true;
            } catch (ConditionalCheckFailedException notFrom) {
                return false;
            }
        }
    }

    @Override
    public boolean markDispatched(String responseId, Instant at) {
        return updateIf(responseId, "SET dispatchedAt = :at", "attribute_not_exists(dispatchedAt)",
                null, Map.of(":at", Items.s(at.toString())));
    }

    /** One top-level attribute per kind ({@code feedback_bounced}), set only if absent: the first report stays. */
    @Override
    public boolean recordFeedback(String responseId, Feedback kind, Instant at) {
        return updateIf(responseId, "SET #k = :at", "attribute_not_exists(#k)",
                Map.of("#k", FEEDBACK_PREFIX + kind.wire()), Map.of(":at", Items.s(at.toString())));
    }

    @Override
    public boolean assign(String responseId, Assignment a) {
        return updateIf(responseId, "SET assignment = :a", "#status = :pending", Map.of("#status", "status"),
                Map.of(":a", Items.s(Items.json(a)), ":pending", Items.s(ResponseStatus.PENDING_APPROVAL.name())));
    }

    /** One conditional UpdateItem on an existing record: false when the record is missing or the condition fails. */
    private boolean updateIf(String responseId, String update, String condition, Map<String, String> names,
                             Map<String, AttributeValue> values) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(responseId))
                    .updateExpression(update)
                    .conditionExpression("attribute_exists(responseId) AND " + condition)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException failed) {
            return false;
        }
    }

    @Override
    public void redact(String responseId) {
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(Map.of("responseId", Items.s(responseId)))
                    .conditionExpression("attribute_exists(responseId)")
                    .updateExpression("REMOVE customerId, sentText, editedText, card, assignment, rejectReason"));
        } catch (ConditionalCheckFailedException gone) {
            // Nothing to redact.
        }
    }

    @Override
    public List<Response> pendingApprovals(int limit) {
        List<Response> out = new ArrayList<>();
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(b -> b.tableName(table).indexName(PENDING_APPROVALS)
                        .keyConditionExpression("approvalQueue = :q")
                        .expressionAttributeValues(Map.of(":q", Items.s(APPROVAL_QUEUE))))
                .items()) {
            if (out.size() >= limit) {
                break;
            }
            out.add(read(item));
        }
        return out;
    }

    /**
     * A Scan filtered on {@code occurredAtMs}: it reads the whole table (reports are rare, the
     * table holds what the business keeps; a TTL or an aggregate would bound it further).
     */
    @Override
    public List<Response> occurredBetween(Instant from, Instant to) {
        List<Response> out = new ArrayList<>();
        dynamo.scanPaginator(b -> b.tableName(table)
                        .filterExpression("occurredAtMs >= :from AND occurredAtMs < :to")
                        .expressionAttributeValues(Map.of(":from", Items.n(from.toEpochMilli()), ":to", Items.n(to.toEpochMilli()))))
                .items().forEach(item -> out.add(read(item)));
        return out;
    }

    /** A Scan filtered on status (the start-up sweep; it reads the whole table). */
    @Override
    public List<Response> withStatus(Set<ResponseStatus> statuses) {
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (ResponseStatus st : statuses) {
            values.put(":s" + names.size(), Items.s(st.name()));
            names.add(":s" + names.size());
        }
        List<Response> out = new ArrayList<>();
        dynamo.scanPaginator(b -> b.tableName(table).consistentRead(true)
                        .filterExpression("#status IN (" + String.join(", ", names) + ")")
                        .expressionAttributeNames(Map.of("#status", "status"))
                        .expressionAttributeValues(values))
                .items().forEach(item -> out.add(read(item)));
        return out;
    }

    private static Map<String, AttributeValue> key(String responseId) {
        return Map.of("responseId", Items.s(responseId));
    }

    private static Map<String, AttributeValue> write(Response r) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("responseId", Items.s(r.responseId()));
        item.put("signalId", Items.s(r.signalId()));
        item.put("status", Items.s(r.status().name()));
        Items.putIfPresent(item, "customerId", r.customerId());
        Items.putIfPresent(item, "signalType", r.signalType() == null ? null : r.signalType().wire());
        Items.putIfPresent(item, "occurredAt", r.occurredAt());
        Items.putIfPresent(item, "outcome", r.outcome());
        Items.putIfPresent(item, "channel", r.channel() == null ? null : r.channel().wire());
        Items.putIfPresent(item, "sendAt", r.sendAt());
        Items.putIfPresent(item, "deadline", r.deadline());
        Items.putIfPresent(item, "fallback", r.fallback() == null ? null : r.fallback().wire());
        Items.putIfPresent(item, "createdAt", r.createdAt());
        Items.putIfPresent(item, "dispatchedAt", r.dispatchedAt());
        Items.putIfPresent(item, "claimedAt", r.claimedAt());
        Items.putIfPresent(item, "sentAt", r.sentAt());
        Items.putIfPresent(item, "sentText", r.sentText());
        Items.putIfPresent(item, "reviewedBy", r.reviewedBy());
        Items.putIfPresent(item, "reviewedAt", r.reviewedAt());
        Items.putIfPresent(item, "editedText", r.editedText());
        Items.putIfPresent(item, "detail", r.detail());
        Items.putIfPresent(item, "rejectReason", r.rejectReason());
        if (r.card() != null) {
            item.put("card", Items.s(Items.json(r.card())));
        }
        if (r.assignment() != null) {
            item.put("assignment", Items.s(Items.json(r.assignment())));
        }
        if (r.feedback() != null) {
            r.feedback().forEach((k, at) -> item.put(FEEDBACK_PREFIX + k, Items.s(at.toString())));
        }
        if (r.occurredAt() != null) {
            item.put("occurredAtMs", Items.n(r.occurredAt().toEpochMilli()));
        }
        if (r.claimedAt() != null) {
            item.put("claimedAtMs", Items.n(r.claimedAt().toEpochMilli()));
        }
        if (r.sentAt() != null) {
            item.put("sentAtMs", Items.n(r.sentAt().toEpochMilli()));
        }
        item.put("reasons", AttributeValue.fromL(r.reasons().stream().map(x -> Items.s(x.wire())).toList()));
        Instant due = r.dueAt() != null ? r.dueAt() : r.occurredAt();
        if (due != null) {
            item.put("dueAtMs", Items.n(due.toEpochMilli()));
        }
        if (r.deadline() != null) {
            item.put("deadlineMs", Items.n(r.deadline().toEpochMilli()));
        }
        if (r.status() == ResponseStatus.PENDING_APPROVAL) {
            item.put("approvalQueue", Items.s(APPROVAL_QUEUE));
        }
        return item;
    }

    private static Response read(Map<String, AttributeValue> item) {
        String type = Items.string(item, "signalType");
        String outcome = Items.string(item, "outcome");
        String channel = Items.string(item, "channel");
        String fallback = Items.string(item, "fallback");
        AttributeValue reasons = item.get("reasons");
        String card = Items.string(item, "card");
        String assignment = Items.string(item, "assignment");
        return Response.builder(Items.string(item, "responseId"), Items.string(item, "signalId"),
                        ResponseStatus.valueOf(Items.string(item, "status")))
                .customerId(Items.string(item, "customerId"))
                .signalType(type == null ? null : SignalType.fromWire(type))
                .occurredAt(Items.instant(item, "occurredAt"))
                .outcome(outcome == null ? null : Outcome.valueOf(outcome))
                .channel(channel == null ? null : Channel.fromWire(channel))
                .sendAt(Items.instant(item, "sendAt"))
                .deadline(Items.instant(item, "deadline"))
                .fallback(fallback == null ? null : Fallback.fromWire(fallback))
                .reasons(reasons == null ? List.of() : reasons.l().stream().map(v -> Reason.fromWire(v.s())).toList())
                .createdAt(Items.instant(item, "createdAt"))
                .dispatchedAt(Items.instant(item, "dispatchedAt"))
                .claimedAt(Items.instant(item, "claimedAt"))
                .sentAt(Items.instant(item, "sentAt"))
                .sentText(Items.string(item, "sentText"))
                .reviewedBy(Items.string(item, "reviewedBy"))
                .reviewedAt(Items.instant(item, "reviewedAt"))
                .editedText(Items.string(item, "editedText"))
                .detail(Items.string(item, "detail"))
                .card(card == null ? null : Items.fromJson(card, Card.class))
                .assignment(assignment == null ? null : Items.fromJson(assignment, Assignment.class))
                .rejectReason(Items.string(item, "rejectReason"))
                .feedback(feedback(item))
                .build();
    }

    private static Map<String, Instant> feedback(Map<String, AttributeValue> item) {
        Map<String, Instant> out = new HashMap<>();
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            if (e.getKey().startsWith(FEEDBACK_PREFIX) && e.getValue().s() != null) {
                out.put(e.getKey().substring(FEEDBACK_PREFIX.length()), Instant.parse(e.getValue().s()));
            }
        }
        return out;
    }
}
