package dev.righttime.newsroom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.righttime.model.Json;
import dev.righttime.port.ResponseStore;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The newsroom's HTTP routes, for the Lambda (HTTP API payload 2.0) and the local server alike:
 * <pre>
 * GET  /approvals                          held responses, soonest deadline first ({"approvals":[..]}; ?limit=, max 100)
 * POST /approvals/{id}/approve             optional body {"text":"edited reply"}
 * POST /approvals/{id}/reject
 * GET  /customers/{id}/timeline            {"customerId":..,"events":[{"at","kind",..}]}
 * GET  /reports/response-times             ?from=&to= (ISO-8601; default the last 7 days, at most 31 days)
 * GET  /reports/outcomes                   the same period: sends, opens, clicks, conversions, unsubscribes per rule and delay
 * GET|PUT|PATCH|DELETE /profiles/{id}      the profile API ({@link ProfileRoutes}), when given
 * </pre>
 * Every route needs an approver ({@link Approver}); errors are {@code {"error","message"}}.
 */
public final class NewsroomApi {

    /** The parts of an HTTP request the routes read. */
    public record Request(String method, String path, Map<String, String> query, Map<String, String> headers,
                          String body, Map<String, String> jwtClaims) {
    }

    /** Status and JSON body. */
    public record Answer(int status, String body) {
    }

    static final Duration DEFAULT_WINDOW = Duration.ofDays(7);
    static final Duration MAX_WINDOW = Duration.ofDays(31);
    private static final Pattern DECIDE = Pattern.compile("^/approvals/([^/]+)/(approve|reject)/?$");
    private static final Pattern TIMELINE = Pattern.compile("^/customers/([^/]+)/timeline/?$");

    private final Approvals approvals;
    private final Timeline timeline;
    private final ResponseStore responses;
    private final Approver approver;
    private final Clock clock;
    private ProfileRoutes profiles;

    public NewsroomApi(Approvals approvals, Timeline timeline, ResponseStore responses, Approver approver, Clock clock) {
        this.approvals = approvals;
        this.timeline = timeline;
        this.responses = responses;
        this.approver = approver;
        this.clock = clock;
    }

    /** Serves the profile API ({@link ProfileRoutes}) on {@code /profiles/{id}} too; without it those paths are 404. */
    public NewsroomApi withProfiles(ProfileRoutes routes) {
        this.profiles = routes;
        return this;
    }

    /** Ids in paths: bounded in length and characters before they become store keys. */
    private static final Pattern BOUNDED_ID = Pattern.compile("[\\x21-\\x7E]{1,256}");

    public Answer handle(Request request) {
        Optional<String> who = approver.resolve(request.jwtClaims(), request.headers());
        if (who.isEmpty()) {
            return error(401, "unauthorized", "a bearer token or a signed-in approver is required");
        }
        String path = request.path() == null ? "" : request.path();
        String method = request.method() == null ? "" : request.method().toUpperCase(java.util.Locale.ROOT);
        Matcher decide = DECIDE.matcher(path);
        Matcher customer = TIMELINE.matcher(path);
        if (path.equals("/approvals") || path.equals("/approvals/")) {
            return method.equals("GET") ? pending(request) : notAllowed();
        }
        if ((decide.matches() && !BOUNDED_ID.matcher(decide.group(1)).matches())
                || (customer.matches() && !BOUNDED_ID.matcher(customer.group(1)).matches())) {
            // A key DynamoDB would refuse (over 2 KB) is the caller's error, not a retryable 5xx.
            return error(400, "invalid_id", "an id must be 1 to 256 printable ASCII characters");
        }
        if (decide.matches()) {
            if (!method.equals("POST")) {
                return notAllowed();
            }
            return decide.group(2).equals("approve") ? approve(decide.group(1), who.get(), request.body())
                    : answer(approvals.reject(decide.group(1), who.get()));
        }
        if (customer.matches()) {
            return method.equals("GET") ? timeline(customer.group(1)) : notAllowed();
        }
        if (path.equals("/reports/response-times")) {
            return method.equals("GET") ? report(request) : notAllowed();
        }
        if (path.equals("/reports/outcomes")) {
            return method.equals("GET") ? outcomes(request) : notAllowed();
        }
        if (profiles != null) {
            Optional<Answer> profile = profiles.handle(request, method, path, who.get());
            if (profile.isPresent()) {
                return profile.get();
            }
        }
        return error(404, "not_found", "no such route");
    }

    private Answer pending(Request request) {
        int limit = 50;
        String given = request.query() == null ? null : request.query().get("limit");
        if (given != null) {
            try {
                limit = Math.min(100, Math.max(1, Integer.parseInt(given.trim())));
            } catch (NumberFormatException e) {
                return error(400, "invalid_query", "limit must be a number");
            }
        }
        return ok(Map.of("approvals", approvals.pending(limit)));
    }

    private Answer approve(String id, String who, String body) {
        String text = null;
        if (body != null && !body.isBlank()) {
            JsonNode json;
            try {
                json = Json.mapper().readTree(body);
            } catch (JsonProcessingException e) {
                return error(400, "invalid_body", "the body must be JSON: {\"text\": \"edited reply\"}");
            }
            JsonNode t = json == null ? null : json.get("text");
            if (json == null || !json.isObject() || (t != null && !t.isNull() && (!t.isTextual() || t.asText().isBlank()))) {
                return error(400, "invalid_body", "text must be a non-empty string");
            }
            text = t == null || t.isNull() ? null : t.asText();
        }
        return answer(approvals.approve(id, who, text));
    }

    private Answer timeline(String customerId) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("customerId", customerId);
        out.put("events", timeline.of(customerId).stream().map(row -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("at", row.at());
            m.put("kind", row.kind());
            m.putAll(row.fields());
            return m;
        }).toList());
        return ok(out);
    }

    private Answer report(Request request) {
        return overPeriod(request, (from, to) -> ResponseTimeReport.of(responses.occurredBetween(from, to), from, to));
    }

    /** Per rule and delay: see {@link dev.righttime.deliverability.OutcomeReport}. */
    private Answer outcomes(Request request) {
        return overPeriod(request, (from, to) -> dev.righttime.deliverability.OutcomeReport.of(responses.occurredBetween(from, to), from, to));
    }

    /** A report over ?from=&to= (ISO-8601; default the last 7 days, at most 31 days), or a 400. */
    private Answer overPeriod(Request request, java.util.function.BiFunction<Instant, Instant, Object> report) {
        Instant to;
        Instant from;
        try {
            to = instant(request, "to", clock.instant());
            from = instant(request, "from", to.minus(DEFAULT_WINDOW));
        } catch (DateTimeParseException e) {
            return error(400, "invalid_query", "from and to must be ISO-8601 instants (2026-03-01T00:00:00Z)");
        }
        if (!from.isBefore(to) || Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            return error(400, "invalid_query", "from must be before to, at most 31 days apart");
        }
        return ok(report.apply(from, to));
    }

    private static Instant instant(Request request, String name, Instant orElse) {
        String v = request.query() == null ? null : request.query().get(name);
        return v == null || v.isBlank() ? orElse : Instant.parse(v.trim());
    }

    private static Answer answer(Approvals.Result result) {
        if (result.status() == 200) {
            return ok(result.response());
        }
        return error(result.status(), result.error(), result.message());
    }

    private static Answer notAllowed() {
        return error(405, "method_not_allowed", "method not allowed on this route");
    }

    static Answer error(int status, String error, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", message);
        return new Answer(status, json(body));
    }

    private static Answer ok(Object body) {
        return new Answer(200, json(body));
    }

    private static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
