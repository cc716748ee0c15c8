package dev.righttime.local.serve;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.righttime.deliverability.FeedbackService;
import dev.righttime.port.MessageQueue;
import dev.righttime.webhook.Headers;
import dev.righttime.webhook.StandardWebhooksScheme;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /feedback} of the local runtime: the feedback AWS would deliver to the feedback queue
 * (an SES event as EventBridge puts it, an SNS notification, an inbound SMS), posted by hand or by a
 * test, signed as a Standard Webhook with {@code RIGHTTIME_SECRET_FEEDBACK} (so nothing else on the
 * machine can bounce a customer). A valid one goes on the local feedback queue, which the decide
 * handler consumes exactly as in Lambda: 202; bad signature 401; not feedback 400.
 */
final class LocalFeedback implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    static final String SECRET = "RIGHTTIME_SECRET_FEEDBACK";
    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    private final StandardWebhooksScheme scheme = new StandardWebhooksScheme();
    private final byte[] key;
    private final MessageQueue queue;
    private final Clock clock;

    LocalFeedback(String secret, MessageQueue queue, Clock clock) {
        this.key = scheme.key(secret);
        this.queue = queue;
        this.clock = clock;
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
        queue.send(body, headers.require(StandardWebhooksScheme.ID));
        return answer(202, "{\"status\":\"accepted\"}");
    }

    private static APIGatewayV2HTTPResponse answer(int status, String body) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(JSON).withBody(body).build();
    }
}
