package dev.righttime.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.righttime.aws.SdkPriming;
import dev.righttime.webhook.InMemoryDeliveryLedger;
import dev.righttime.webhook.Intake;
import dev.righttime.webhook.SecretRefs;
import dev.righttime.webhook.ShopifyScheme;
import dev.righttime.webhook.Sources;
import dev.righttime.webhook.StandardWebhooksScheme;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/** What the SnapStart hook runs: the ingest path end to end with nothing real behind it. */
final class Priming {

    private static final String SECRET = "priming-only-secret";
    private static final String STANDARD_SECRET = "whsec_cHJpbWluZy1vbmx5LXNlY3JldA==";

    private Priming() {
    }

    /** Runs each sample through a throwaway handler; returns what the queue would have carried. */
    static List<String> run() {
        List<String> queued = new ArrayList<>();
        Clock clock = Clock.systemUTC();
        WebhookIngestHandler handler = new WebhookIngestHandler(new Intake(Sources.defaults(),
                SecretRefs.of(Map.of("RIGHTTIME_SECRET_SHOPIFY", SECRET, "RIGHTTIME_SECRET_STANDARD", STANDARD_SECRET)),
                new InMemoryDeliveryLedger(), (body, id) -> queued.add(body), clock));
        for (int i = 0; i < 3; i++) {
            String checkout = "{\"id\":" + i + ",\"email\":\"priming@example.invalid\",\"created_at\":\"2026-01-01T00:00:00Z\","
                    + "\"total_price\":\"1.00\",\"currency\":\"EUR\",\"customer\":{\"id\":1}}";
            handler.handleRequest(event("shopify", checkout, Map.of("content-type", "application/json",
                    "x-shopify-topic", "checkouts/create", "x-shopify-event-id", "priming-" + i,
                    "x-shopify-hmac-sha256", ShopifyScheme.sign(SECRET, checkout.getBytes(UTF_8)))), null);
            String signal = "{\"type\":\"support.ticket_opened\",\"occurredAt\":\"2026-01-01T00:00:00Z\","
                    + "\"customerRef\":{\"email\":\"priming@example.invalid\"},\"attributes\":{\"channel\":\"email\"}}";
            long t = clock.instant().getEpochSecond();
            handler.handleRequest(event("standard", signal, Map.of("content-type", "application/json",
                    StandardWebhooksScheme.ID, "priming-" + i, StandardWebhooksScheme.TIMESTAMP, Long.toString(t),
                    StandardWebhooksScheme.SIGNATURE, StandardWebhooksScheme.sign(
                            new StandardWebhooksScheme().key(STANDARD_SECRET), "priming-" + i, t, signal.getBytes(UTF_8)))), null);
            handler.handleRequest(event("nosuch", "{}", Map.of("content-type", "application/json")), null);
        }
        // The SDK model classes the ledger and queue build per request (built, never sent).
        PutItemRequest.builder().tableName("priming").item(Map.of("signalId", AttributeValue.fromS("priming"),
                "claimedAt", AttributeValue.fromN("0"))).conditionExpression("attribute_not_exists(signalId)").build();
        SendMessageRequest.builder().queueUrl("http://priming.invalid/q").messageBody(queued.isEmpty() ? "" : queued.get(0))
                .messageAttributes(Map.of("righttime-id", MessageAttributeValue.builder().dataType("String").stringValue("p").build()))
                .build();
        return queued;
    }

    private static APIGatewayV2HTTPEvent event(String source, String body, Map<String, String> headers) {
        APIGatewayV2HTTPEvent e = APIGatewayV2HTTPEvent.builder()
                .withRawPath("/webhooks/" + source)
                .withPathParameters(Map.of("source", source))
                .withHeaders(headers)
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").build()).build())
                .build();
        return e;
    }

    /**
     * The SDK's request path of the calls this function makes (DynamoDB, SQS, and SSM for
     * {@code ssm:/} secrets), on throwaway clients answered in memory ({@link SdkPriming}); returns
     * the requests answered. Never fails the snapshot: if it stops working, the first request after
     * a restore is slower, nothing else ({@link SdkPriming#quietly}).
     */
    static int sdk() {
        return SdkPriming.quietly(SdkPriming::dynamoDb, SdkPriming::sqs, SdkPriming::ssm);
    }
}
