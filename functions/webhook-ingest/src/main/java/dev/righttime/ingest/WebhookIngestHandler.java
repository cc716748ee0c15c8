package dev.righttime.ingest;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.righttime.aws.AwsClients;
import dev.righttime.aws.Config;
import dev.righttime.port.DeliveryLedger;
import dev.righttime.port.MessageQueue;
import dev.righttime.priming.SnapStartPrimed;
import dev.righttime.webhook.Failure;
import dev.righttime.webhook.Intake;
import dev.righttime.webhook.IntakeResult;
import dev.righttime.webhook.SecretRefs;
import dev.righttime.webhook.Sources;
import dev.righttime.webhook.WebhookRequest;
import java.time.Clock;
import java.util.Map;
import org.crac.Core;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/{source}} (and X's {@code GET /webhooks/x?crc_token=}) behind an HTTP API,
 * payload format 2.0. Thin: turns the event into a {@link WebhookRequest}, lets {@link Intake} do
 * the work, and turns its {@link IntakeResult} into the response. Logs source, signalId, status
 * and latency only: never headers, bodies, secrets or personal data.
 *
 * <p>Environment: {@code DELIVERIES_TABLE}, {@code SIGNALS_QUEUE_URL}, {@code AWS_REGION},
 * {@code RIGHTTIME_SECRET_<SOURCE>} (or the refs in the sources file), optional {@code SOURCES_FILE}.
 */
public final class WebhookIngestHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, SnapStartPrimed {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookIngestHandler.class);
    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");
    private static final String PATH_PREFIX = "/webhooks/";

    private final Intake intake;

    /** Lambda: clients and configuration built once per execution environment, from the environment. */
    public WebhookIngestHandler() {
        this(IngestWiring.intake(Config.fromEnvironment(), AwsClients.fromEnvironment()));
        Core.getGlobalContext().register(this);
    }

    /** Tests and the local runtime: the ports to use. */
    public WebhookIngestHandler(Sources sources, SecretRefs secrets, DeliveryLedger ledger, MessageQueue queue, Clock clock) {
        this(new Intake(sources, secrets, ledger, queue, clock));
    }

    public WebhookIngestHandler(Intake intake) {
        this.intake = intake;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        long start = System.nanoTime();
        WebhookRequest request = toRequest(event);
        IntakeResult result = intake.handle(request);
        log(request, result, (System.nanoTime() - start) / 1_000_000);
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(result.status())
                .withHeaders(JSON)
                .withBody(result.body())
                .build();
    }


    static WebhookRequest toRequest(APIGatewayV2HTTPEvent event) {
        String method = null;
        if (event.getRequestContext() != null && event.getRequestContext().getHttp() != null) {
            method = event.getRequestContext().getHttp().getMethod();
        }
        return new WebhookRequest(method, source(event), event.getHeaders(), event.getQueryStringParameters(),
                event.getBody(), event.getIsBase64Encoded());
    }

    private static String source(APIGatewayV2HTTPEvent event) {
        Map<String, String> path = event.getPathParameters();
        if (path != null && path.get("source") != null) {
            return path.get("source");
        }
        String raw = event.getRawPath();
        return raw != null && raw.startsWith(PATH_PREFIX) ? raw.substring(PATH_PREFIX.length()) : null;
    }

    private static void log(WebhookRequest request, IntakeResult result, long latencyMs) {
        boolean unknown = result instanceof IntakeResult.Rejected r && r.failure() == Failure.UNKNOWN_SOURCE;
        LOG.info("webhook {}",
                result.outcome(),
                entry("source", unknown ? "unknown" : request.source()),
                entry("signalId", String.join(",", result.signalIds())),
                entry("status", result.outcome()),
                entry("httpStatus", result.status()),
                entry("latencyMs", latencyMs));
    }
}
