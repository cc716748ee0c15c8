package dev.righttime.newsroom;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.righttime.aws.AwsClients;
import dev.righttime.aws.Config;
import dev.righttime.deliverability.PreferencesApi;
import dev.righttime.priming.SnapStartPrimed;
import dev.righttime.web.NewsroomPage;
import java.util.Base64;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.crac.Core;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The newsroom's HTTP API (payload format 2.0), every route in one function: turns the event into a
 * {@link NewsroomApi.Request} (with the JWT authorizer's claims, if any) and the answer into the
 * response. Logs method, route and status only.
 */
public final class NewsroomApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, SnapStartPrimed {

    private static final Logger LOG = LoggerFactory.getLogger(NewsroomApiHandler.class);
    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");
    static final String UNAVAILABLE = "{\"error\":\"unavailable\",\"message\":\"a store or queue did not answer; try again\"}";

    private final NewsroomApi api;
    private final BooleanSupplier healthy;
    private final PreferencesApi preferences;

    /** Lambda: clients and configuration from the environment, once per execution environment. */
    public NewsroomApiHandler() {
        this(NewsroomWiring.fromEnvironment(Config.fromEnvironment(), AwsClients.fromEnvironment()));
        Core.getGlobalContext().register(this);
    }

    /** Tests and the local runtime: the API, and whether its stores and queues answer (for /healthz). */
    public NewsroomApiHandler(NewsroomApi api, BooleanSupplier healthy) {
        this(api, healthy, null);
    }

    /** With the recipient's routes (/unsubscribe, /preferences; no login, a signed token), if given. */
    public NewsroomApiHandler(NewsroomApi api, BooleanSupplier healthy, PreferencesApi preferences) {
        this.api = api;
        this.healthy = healthy;
        this.preferences = preferences;
    }

    public NewsroomApiHandler(NewsroomApi api) {
        this(api, () -> true);
    }

    private NewsroomApiHandler(NewsroomWiring w) {
        this(w.api(), w.healthy(), w.preferences());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return context == null ? handle(event) : PowertoolsLogging.withLogging(context, () -> handle(event));
    }


    private APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        NewsroomApi.Request request = toRequest(event);
        // The page and the health check are open routes; everything else needs an approver.
        if ("GET".equalsIgnoreCase(request.method()) && "/".equals(request.path())) {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                    .withHeaders(Map.of("Content-Type", NewsroomPage.CONTENT_TYPE)).withBody(NewsroomPage.html()).build();
        }
        if ("GET".equalsIgnoreCase(request.method()) && "/healthz".equals(request.path())) {
            boolean ok = healthy.getAsBoolean();
            return APIGatewayV2HTTPResponse.builder().withStatusCode(ok ? 200 : 503).withHeaders(JSON)
                    .withBody(ok ? "{\"status\":\"ok\"}" : "{\"error\":\"unavailable\",\"message\":\"a store or queue does not answer\"}")
                    .build();
        }
        if (preferences != null && PreferencesApi.handles(request.path())) {
            PreferencesApi.Answer a;
            try {
                a = preferences.handle(request.method(), request.path(), request.query(), request.body());
            } catch (SdkException | dev.righttime.port.MessageQueue.QueueUnavailableException e) {
                // The profile could not be read or the consent change not queued: nothing changed, try again.
                LOG.warn("{} {} -> 503: {}", request.method(), request.path(), e.getClass().getSimpleName());
                return APIGatewayV2HTTPResponse.builder().withStatusCode(503).withHeaders(JSON).withBody(UNAVAILABLE).build();
            }
            LOG.info("{} {} -> {}", request.method(), request.path(), a.status());
            return APIGatewayV2HTTPResponse.builder().withStatusCode(a.status())
                    .withHeaders(Map.of("Content-Type", a.contentType(), "Cache-Control", "no-store")).withBody(a.body()).build();
        }
        // HTTP API's route key names the method already ("GET /approvals"); the path may hold an id.
        String route = event.getRouteKey() != null ? event.getRouteKey() : request.method() + " -";
        NewsroomApi.Answer answer;
        try {
            answer = api.handle(request);
        } catch (SdkException e) {
            // DynamoDB, SQS or Scheduler failed or throttled: the spec's JSON error, not API Gateway's bare 500.
            LOG.warn("{} -> 503: {}", route, e.getClass().getSimpleName());
            return APIGatewayV2HTTPResponse.builder().withStatusCode(503).withHeaders(JSON)
                    .withBody(UNAVAILABLE).build();
        }
        LOG.info("{} -> {}", route, answer.status());
        return APIGatewayV2HTTPResponse.builder().withStatusCode(answer.status()).withHeaders(JSON).withBody(answer.body()).build();
    }

    static NewsroomApi.Request toRequest(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPEvent.RequestContext ctx = event.getRequestContext();
        String method = ctx != null && ctx.getHttp() != null ? ctx.getHttp().getMethod() : null;
        Map<String, String> claims = null;
        if (ctx != null && ctx.getAuthorizer() != null && ctx.getAuthorizer().getJwt() != null) {
            claims = ctx.getAuthorizer().getJwt().getClaims();
        }
        String body = event.getBody();
        if (body != null && event.getIsBase64Encoded()) {
            body = new String(Base64.getDecoder().decode(body), UTF_8);
        }
        return new NewsroomApi.Request(method, event.getRawPath(), event.getQueryStringParameters(), event.getHeaders(),
                body, claims);
    }
}
