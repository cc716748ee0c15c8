package dev.righttime.local.serve;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.righttime.deliverability.FeedbackService;
import dev.righttime.deliverability.LedgeredSignalSink;
import dev.righttime.port.DeliveryLedger;
import dev.righttime.webhook.Headers;
import dev.righttime.webhook.StandardWebhooksScheme;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code POST /feedback} of the local runtime: the feedback AWS would deliver to the feedback queue
 * (an SES event as EventBridge puts it, an SNS notification, an inbound SMS, a mail to the
 * unsubscribe mailto as SES receiving publishes it), posted by hand or by a test, signed as a
 * Standard Webhook with {@code RIGHTTIME_SECRET_FEEDBACK} (so nothing else on the machine can bounce
 * a customer). A valid one is claimed in the delivery ledger with its body, under {@link #key}, then
 * goes on the local feedback queue, which the decide handler consumes exactly as in Lambda: 202 (200
 * if the same body was taken before); bad signature 401; not feedback 400; the ledger or queue not
 * answering 503. A kill before decide handled it loses nothing: the start-up sweep queues it again.
 */
final class LocalFeedback implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    static final String SECRET = "RIGHTTIME_SECRET_FEEDBACK";
    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    private final StandardWebhooksScheme scheme = new StandardWebhooksScheme();
    private final byte[] key;
    private final LedgeredSignalSink queue;
    private final Clock clock;

    LocalFeedback(String secret, LedgeredSignalSink queue, Clock clock) {
        this.key = scheme.key(secret);
        this.queue = queue;
        this.clock = clock;
    }

    /** The ledger key of a feedback body: feedback carries no id of its own every shape shares, so its hash (same body, same effect). */
    static String key(String body) {
        try {
            return "feedback:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(UTF_8)), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String body = event.getBody() == null ? "" : event.getBody();
        if (event.getIsBase64Encoded()) {
            body = new String(Base64.getDecoder().decode(body), UTF_8);
        }
        Headers headers = Headers.of(event.getHeaders() == null ? Map.of() : event.getHeaders());
        try {
            scheme.verify(headers, body.getBytes(UTF_8), List.of(key), clock.instant());
        } catch (RuntimeException e) {
            return answer(401, "{\"error\":\"invalid_signature\",\"message\":\"sign the body as a Standard Webhook with RIGHTTIME_SECRET_FEEDBACK\"}");
        }
        if (!FeedbackService.isFeedback(body)) {
            return answer(400, "{\"error\":\"not_feedback\",\"message\":\"expected an SES event, an SNS notification or an inbound SMS\"}");
        }
        try {
            return queue.send(key(body), body) ? answer(202, "{\"status\":\"accepted\"}") : answer(200, "{\"status\":\"duplicate\"}");
        } catch (RuntimeException e) {
            return answer(503, "{\"error\":\"unavailable\",\"message\":\"the feedback could not be queued; retry later\"}");
        }
    }

    /**
     * The decide handler, settling each feedback body it handled in the delivery ledger (so the
     * start-up sweep stops queueing it again). Signals settle by the signal ledger instead.
     */
    static RequestHandler<SQSEvent, SQSBatchResponse> settling(RequestHandler<SQSEvent, SQSBatchResponse> decide, DeliveryLedger deliveries,
                                                              Clock clock) {
        return (event, context) -> {
            SQSBatchResponse r = decide.handleRequest(event, context);
            Set<String> failed = r.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                    .collect(Collectors.toSet());
            for (SQSEvent.SQSMessage m : event.getRecords() == null ? List.<SQSEvent.SQSMessage>of() : event.getRecords()) {
                if (!failed.contains(m.getMessageId()) && FeedbackService.isFeedback(m.getBody())) {
                    try {
                        deliveries.settle(key(m.getBody()), clock.instant());
                    } catch (RuntimeException e) {
                        // Handled, only not settled: the next start-up queues it again, and handling it twice changes nothing.
                    }
                }
            }
            return r;
        };
    }

    private static APIGatewayV2HTTPResponse answer(int status, String body) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(JSON).withBody(body).build();
    }
}
