package dev.righttime.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.righttime.aws.AwsClients;
import dev.righttime.aws.DynamoDbDeliveryLedger;
import dev.righttime.aws.SqsMessageQueue;
import dev.righttime.model.Json;
import dev.righttime.port.DeliveryLedger;
import dev.righttime.port.MessageQueue;
import dev.righttime.webhook.SecretRefs;
import dev.righttime.webhook.Sources;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The handler against embedded DynamoDB Local (the real ledger adapter and its conditional writes)
 * and embedded ElasticMQ (the real SQS adapter): what lands on the queue, and when.
 */
class WebhookIngestIntegrationTest {

    private static AmazonDynamoDBLocal dynamoLocal;
    private static SQSRestServer sqsServer;
    private static DynamoDbClient dynamo;
    private static SqsClient sqs;

    private String queueUrl;
    private String table;
    private DeliveryLedger ledger;

    /** Fails the next {@code failures} sends, then passes them to the real queue. */
    private static final class FailingQueue implements MessageQueue {
        final MessageQueue real;
        final AtomicInteger failures = new AtomicInteger();

        FailingQueue(MessageQueue real) {
            this.real = real;
        }

        @Override
        public void send(String body, String deduplicationId) {
            if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new QueueUnavailableException("injected failure", null);
            }
            real.send(body, deduplicationId);
        }
    }

    @BeforeAll
    static void start() {
        System.setProperty("aws.dynamodb.local.telemetry", "false");
        dynamoLocal = DynamoDBEmbedded.create();
        dynamo = dynamoLocal.dynamoDbClient();
        sqsServer = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        int port = sqsServer.waitUntilStarted().localAddress().getPort();
        sqs = AwsClients.local(URI.create("http://127.0.0.1:" + port), "eu-west-1").sqs();
    }

    @AfterAll
    static void stop() {
        if (sqs != null) {
            sqs.close();
        }
        if (sqsServer != null) {
            sqsServer.stopAndWait();
        }
        if (dynamoLocal != null) {
            dynamoLocal.shutdown();
        }
    }

    @BeforeEach
    void freshQueueAndTable() {
        queueUrl = sqs.createQueue(b -> b.queueName("signals-" + System.nanoTime())).queueUrl();
        table = "deliveries-" + System.nanoTime();
        dynamo.createTable(b -> b.tableName(table)
                .keySchema(KeySchemaElement.builder().attributeName(DynamoDbDeliveryLedger.KEY).keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName(DynamoDbDeliveryLedger.KEY)
                        .attributeType(ScalarAttributeType.S).build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
        ledger = new DynamoDbDeliveryLedger(dynamo, table);
    }

    @Test
    void aFailedEnqueueIs503ItsRetry202AndARedeliveryADuplicateWithExactlyOneMessage() throws Exception {
        FailingQueue queue = new FailingQueue(new SqsMessageQueue(sqs, queueUrl));
        WebhookIngestHandler handler = handler(queue, SampleEvents.SIGNED_AT);
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/webhook-ingest/shopify-checkouts-create.json");

        queue.failures.set(1);
        var failed = handler.handleRequest(event, null);
        assertThat(failed.getStatusCode()).isEqualTo(503);
        assertThat(failed.getBody()).contains("\"error\":\"queue_unavailable\"");
        assertThat(receiveAll()).isEmpty();
        assertThat(state("shopify:9c2e1d2a-5b1f-4f0e-8d7c-1a2b3c4d5e6f")).as("queue first: a failed send records nothing").isNull();

        var retried = handler.handleRequest(event, null);
        assertThat(retried.getStatusCode()).isEqualTo(202);
        assertThat(retried.getBody()).isEqualTo("{\"status\":\"accepted\",\"signalId\":\"shopify:9c2e1d2a-5b1f-4f0e-8d7c-1a2b3c4d5e6f\"}");
        assertThat(state("shopify:9c2e1d2a-5b1f-4f0e-8d7c-1a2b3c4d5e6f")).isEqualTo("QUEUED");

        var redelivered = handler.handleRequest(event, null);
        assertThat(redelivered.getStatusCode()).isEqualTo(200);
        assertThat(redelivered.getBody()).isEqualTo("{\"status\":\"duplicate\"}");

        List<Message> messages = receiveAll();
        assertThat(messages).hasSize(1);
        JsonNode signal = Json.mapper().readTree(messages.get(0).body());
        assertThat(signal.path("signalId").asText()).isEqualTo("shopify:9c2e1d2a-5b1f-4f0e-8d7c-1a2b3c4d5e6f");
        assertThat(signal.path("type").asText()).isEqualTo("commerce.cart_abandoned");
        assertThat(signal.path("customerRef").path("email").asText()).isEqualTo("ada@example.com");
        assertThat(messages.get(0).messageAttributes().get("righttime-id").stringValue())
                .isEqualTo("shopify:9c2e1d2a-5b1f-4f0e-8d7c-1a2b3c4d5e6f");
    }

    @Test
    void everySampleEventLandsOnTheQueueAsItsCanonicalSignal() throws Exception {
        WebhookIngestHandler handler = handler(new SqsMessageQueue(sqs, queueUrl), SampleEvents.SIGNED_AT);
        Map<String, String> expectedTypes = Map.of(
                "standard-social-mention.json", "social.mention",
                "stripe-cancel-requested.json", "account.cancel_requested",
                "shopify-orders-create.json", "commerce.order_placed",
                "zendesk-ticket-created.json", "support.ticket_opened",
                "segment-product-viewed.json", "commerce.product_viewed",
                "segment-identify.json", "profile.updated",
                "x-mention.json", "social.mention");
        for (String file : expectedTypes.keySet()) {
            var r = handler.handleRequest(EventLoader.loadApiGatewayHttpEvent("events/webhook-ingest/" + file), null);
            assertThat(r.getStatusCode()).as(file + ": " + r.getBody()).isEqualTo(202);
        }
        List<String> types = new ArrayList<>();
        for (Message m : receiveAll()) {
            types.add(Json.mapper().readTree(m.body()).path("type").asText());
        }
        assertThat(types).containsExactlyInAnyOrderElementsOf(expectedTypes.values());
    }

    @Test
    void aCrashBetweenTheSendAndTheRecordLeavesNoRecordSoTheRetryQueuesASecondCopy() throws Exception {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/webhook-ingest/segment-product-viewed.json");
        String id = "segment:ajs-next-1772396900-1a2b3c";
        DeliveryLedger real = ledger;
        ledger = new Interrupted(real, true, false);

        var first = handler(new SqsMessageQueue(sqs, queueUrl), SampleEvents.SIGNED_AT).handleRequest(event, null);
        assertThat(first.getStatusCode()).as("the signal is on the queue: accepted").isEqualTo(202);
        assertThat(state(id)).isNull();
        ledger = real;

        // The provider retries (the crashed attempt's answer never reached it): queued again, recorded this time.
        var retried = handler(new SqsMessageQueue(sqs, queueUrl), SampleEvents.SIGNED_AT.plusSeconds(5)).handleRequest(event, null);
        assertThat(retried.getStatusCode()).isEqualTo(202);
        assertThat(state(id)).isEqualTo("QUEUED");
        var redelivered = handler(new SqsMessageQueue(sqs, queueUrl), SampleEvents.SIGNED_AT.plusSeconds(9)).handleRequest(event, null);
        assertThat(redelivered.getStatusCode()).isEqualTo(200);

        List<String> ids = new ArrayList<>();
        for (Message m : receiveAll()) {
            ids.add(Json.mapper().readTree(m.body()).path("signalId").asText());
        }
        assertThat(ids).as("two copies of one signalId: decide's ledger drops the second").containsExactly(id, id);
    }

    @Test
    void twoConcurrentDeliveriesBothSendAndTheOneWhoseRecordLosesAnswersDuplicate() {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/webhook-ingest/segment-product-viewed.json");
        String id = "segment:ajs-next-1772396900-1a2b3c";
        assertThat(handler(new SqsMessageQueue(sqs, queueUrl), SampleEvents.SIGNED_AT).handleRequest(event, null).getStatusCode())
                .isEqualTo(202);
        ledger = new Interrupted(ledger, false, true); // read before the other delivery's record was written

        var second = handler(new SqsMessageQueue(sqs, queueUrl), SampleEvents.SIGNED_AT.plusSeconds(1)).handleRequest(event, null);

        assertThat(second.getStatusCode()).isEqualTo(200);
        assertThat(second.getBody()).isEqualTo("{\"status\":\"duplicate\"}");
        assertThat(state(id)).isEqualTo("QUEUED");
        assertThat(receiveAll()).hasSize(2);
    }

    @Test
    void aClaimLeftPendingByTheClaimFirstOrderIsTakenOverByTheQueueFirstOne() {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/webhook-ingest/segment-product-viewed.json");
        String id = "segment:ajs-next-1772396900-1a2b3c";
        assertThat(ledger.claim(id, SampleEvents.SIGNED_AT)).isEqualTo(DeliveryLedger.Claim.CLAIMED); // then "crashed"

        var retried = handler(new SqsMessageQueue(sqs, queueUrl), SampleEvents.SIGNED_AT.plusSeconds(5)).handleRequest(event, null);

        assertThat(retried.getStatusCode()).isEqualTo(202);
        assertThat(state(id)).isEqualTo("QUEUED");
        assertThat(receiveAll()).hasSize(1);
    }

    /** The real ledger, with its record failing (a crash after the send) or its read blind to a record (a race), on demand. */
    private record Interrupted(DeliveryLedger real, boolean failRecord, boolean blindRead) implements DeliveryLedger {
        @Override
        public Claim claim(String signalId, Instant now) {
            return real.claim(signalId, now);
        }

        @Override
        public void markQueued(String signalId, Instant now) {
            real.markQueued(signalId, now);
        }

        @Override
        public void markFailed(String signalId, Instant now) {
            real.markFailed(signalId, now);
        }

        @Override
        public boolean queueFirst() {
            return true;
        }

        @Override
        public boolean isQueued(String signalId) {
            return !blindRead && real.isQueued(signalId);
        }

        @Override
        public boolean recordQueued(String signalId, String message, Instant now) {
            if (failRecord) {
                throw new LedgerUnavailableException("crashed before the record", null);
            }
            return real.recordQueued(signalId, message, now);
        }
    }

    @Test
    void theLedgerKeepsATtlSevenDaysOut() {
        Instant now = Instant.parse("2026-03-01T20:30:00Z");
        ledger.claim("test:ttl", now);
        var item = dynamo.getItem(b -> b.tableName(table).key(Map.of(DynamoDbDeliveryLedger.KEY,
                software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("test:ttl")))).item();
        assertThat(Long.parseLong(item.get(DynamoDbDeliveryLedger.EXPIRES_AT).n())).isEqualTo(now.plusSeconds(7 * 86400).getEpochSecond());
        assertThat(ledger.claim("test:ttl", now.plusSeconds(1))).isEqualTo(DeliveryLedger.Claim.IN_PROGRESS);
        ledger.markQueued("test:ttl", now);
        assertThat(ledger.claim("test:ttl", now.plusSeconds(3600))).isEqualTo(DeliveryLedger.Claim.ALREADY_QUEUED);
    }

    private WebhookIngestHandler handler(MessageQueue queue, Instant now) {
        return new WebhookIngestHandler(Sources.defaults(), SecretRefs.of(SampleEvents.SECRETS), ledger, queue,
                Clock.fixed(now, ZoneOffset.UTC));
    }

    /** The delivery's state, null when the ledger has no record of it. */
    private String state(String signalId) {
        var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(Map.of(DynamoDbDeliveryLedger.KEY,
                software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(signalId)))).item();
        return item == null || item.isEmpty() ? null : item.get(DynamoDbDeliveryLedger.STATE).s();
    }

    private List<Message> receiveAll() {
        List<Message> all = new ArrayList<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(0).messageAttributeNames("All")).messages();
            if (batch.isEmpty()) {
                return all;
            }
            all.addAll(batch);
        }
    }
}
