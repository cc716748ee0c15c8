package dev.righttime.newsroom;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.righttime.aws.SdkPriming;
import dev.righttime.deliverability.PreferencesApi;
import dev.righttime.deliverability.UnsubscribeTokens;
import dev.righttime.flow.ChannelQueues;
import dev.righttime.model.Channel;
import dev.righttime.model.Outcome;
import dev.righttime.model.Reason;
import dev.righttime.model.ResponseStatus;
import dev.righttime.model.SignalType;
import dev.righttime.port.MessageQueue;
import dev.righttime.port.ResponseStore.Change;
import dev.righttime.port.Scheduler;
import dev.righttime.priming.Samples;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the SnapStart hook runs: every newsroom route with nothing real behind it. */
final class Priming {

    /** Accepted as a bearer token by the priming handler only; the function's own token is not used. */
    static final String TOKEN = "priming-only-token";
    private static final Map<String, String> EDITOR = Map.of("email", "priming@example.invalid", "sub", "priming");

    private Priming() {
    }

    /**
     * Sends one request per route through a throwaway handler whose stores are in memory and whose
     * queue and scheduler are no-ops ({@link Samples}: two held replies and a sent ticket reply):
     * the page, the pending approvals, an approval with an edited text (bearer token), a rejection
     * and the other reads (JWT claims), and one request without either (401). Loads and warms the API
     * Gateway event model, the routes, the approver check, Jackson's request and answer bodies, the
     * timeline, the response-time and outcome reports, the preference page and a one-click unsubscribe
     * (a priming-only token; the consent change goes nowhere). Returns the answers, in that order.
     */
    static List<APIGatewayV2HTTPResponse> run() {
        Samples samples = new Samples();
        Map<String, Object> mention = Map.of("sentiment", "negative", "followers", 50_000, "url", "https://example.invalid/priming");
        String approve = samples.add("mention-1", Channel.SOCIAL, SignalType.SOCIAL_MENTION, mention, Outcome.HOLD,
                Reason.HIGH_REACH, Reason.NEEDS_APPROVAL);
        String reject = samples.add("mention-2", Channel.SOCIAL, SignalType.SOCIAL_MENTION, mention, Outcome.HOLD,
                Reason.HIGH_REACH, Reason.NEEDS_APPROVAL);
        String ticket = samples.add("ticket", Channel.EMAIL, SignalType.TICKET_OPENED, Map.of("channel", "email"), Outcome.SEND_NOW,
                Reason.CUSTOMER_INITIATED);
        samples.responses().transition(ticket, Set.of(ResponseStatus.SCHEDULED), ResponseStatus.SENT,
                Change.sent(Samples.OCCURRED.plusSeconds(4), "priming", null));

        MessageQueue queue = (body, id) -> { };
        Scheduler scheduler = new Scheduler() {
            @Override
            public boolean create(Delivery delivery) {
                return true;
            }

            @Override
            public void delete(String name) {
                // Nothing scheduled.
            }
        };
        // The recipient's routes, with a priming-only key and a sink that keeps nothing.
        UnsubscribeTokens tokens = new UnsubscribeTokens(List.of("priming-only-unsubscribe-key"));
        String token = tokens.sign(new UnsubscribeTokens.Claims(Samples.CUSTOMER, Channel.EMAIL, ticket,
                Samples.CLOCK.instant().plusSeconds(3600)));
        NewsroomApiHandler handler = new NewsroomApiHandler(new NewsroomApi(
                new Approvals(samples.responses(), scheduler, new ChannelQueues(queue, queue, queue), Samples.CLOCK),
                new Timeline(samples.signals(), samples.responses()), samples.responses(), new Approver(TOKEN), Samples.CLOCK),
                () -> true, new PreferencesApi(tokens, samples.profiles(), signal -> { }, Samples.CLOCK));

        List<APIGatewayV2HTTPResponse> answers = new ArrayList<>();
        answers.add(handler.handleRequest(event("GET", "/", null, null, null, null), null));
        answers.add(handler.handleRequest(event("GET", "/approvals", null, Map.of("limit", "10"), EDITOR, null), null));
        answers.add(handler.handleRequest(event("POST", "/approvals/{id}/approve", approve, null, null,
                "{\"text\":\"Thanks, we are on it (priming).\"}"), null));
        answers.add(handler.handleRequest(event("POST", "/approvals/{id}/reject", reject, null, EDITOR, null), null));
        answers.add(handler.handleRequest(event("GET", "/customers/{id}/timeline", Samples.CUSTOMER, null, EDITOR, null), null));
        answers.add(handler.handleRequest(event("GET", "/reports/response-times", null,
                Map.of("from", "2026-01-01T00:00:00Z", "to", "2026-01-02T00:00:00Z"), EDITOR, null), null));
        answers.add(handler.handleRequest(event("GET", "/reports/outcomes", null,
                Map.of("from", "2026-01-01T00:00:00Z", "to", "2026-01-02T00:00:00Z"), EDITOR, null), null));
        answers.add(handler.handleRequest(event("GET", "/preferences", null, Map.of("token", token), null, null), null));
        answers.add(handler.handleRequest(event("POST", "/unsubscribe", null, Map.of("token", token), null, null), null));
        answers.add(handler.handleRequest(event("GET", "/approvals", null, null, null, null), null));
        return answers;
    }

    /**
     * A payload 2.0 event of the route ({@code {id}} replaced by {@code id}): with the JWT claims as
     * the authorizer passes them, if given; a request with a body carries the priming bearer token.
     */
    private static APIGatewayV2HTTPEvent event(String method, String route, String id, Map<String, String> query,
                                               Map<String, String> claims, String body) {
        String path = id == null ? route : route.replace("{id}", id);
        Map<String, String> headers = new HashMap<>(Map.of("content-type", "application/json"));
        if (body != null) {
            headers.put("authorization", "Bearer " + TOKEN);
        }
        APIGatewayV2HTTPEvent.RequestContext.RequestContextBuilder context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path).build());
        if (claims != null) {
            context.withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                    .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder().withClaims(claims).build()).build());
        }
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(method + " " + route)
                .withPathParameters(id == null ? null : Map.of("id", id))
                .withRawPath(path)
                .withQueryStringParameters(query)
                .withHeaders(headers)
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(context.build())
                .build();
    }

    /**
     * The SDK's request path of the calls this function makes (DynamoDB, with the report's Scan; SQS
     * SendMessage; Scheduler), on throwaway clients answered in memory; returns the requests
     * answered. Never fails the snapshot ({@link SdkPriming#quietly}).
     */
    static int sdk() {
        return SdkPriming.quietly(SdkPriming::dynamoDb, SdkPriming::dynamoDbScan, SdkPriming::sqs, SdkPriming::scheduler);
    }
}
