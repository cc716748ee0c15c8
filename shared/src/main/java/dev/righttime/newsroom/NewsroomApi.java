package dev.righttime.newsroom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.righttime.flow.ChannelQueues;
import dev.righttime.flow.Customers;
import dev.righttime.flow.Erasure;
import dev.righttime.model.Json;
import dev.righttime.model.Response;
import dev.righttime.policy.Playbook;
import dev.righttime.port.AutonomyStore;
import dev.righttime.port.DecisionFeed;
import dev.righttime.port.ProfileStore;
import dev.righttime.port.ResponseStore;
import dev.righttime.port.RollupStore;
import dev.righttime.port.Scheduler;
import dev.righttime.port.SignalLedger;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The newsroom's HTTP routes, for the Lambda (HTTP API payload 2.0) and the local server alike:
 * <pre>
 * GET  /approvals                          held responses as cards, soonest deadline first ({"approvals":[..]}; ?limit=, max 100)
 * POST /approvals/{id}/approve             optional body {"text":"edited reply"} (none: the card's proposed reply)
 * POST /approvals/{id}/reject              optional body {"reason":"why, in words"}
 * POST /approvals/{id}/assign              body {"to":"who"}: hand it to a person (recorded)
 * GET  /decisions                          the latest decisions, newest first ({"decisions":[..]}; ?limit=, max 200)
 * GET  /customers/{id}/timeline            {"customerId":..,"events":[{"at","kind",..}]}
 * GET  /customers/{id}/export              everything held about the customer, as JSON
 * GET  /reports/response-times             ?from=&to= (ISO-8601; default the last 7 days, at most 366 days)
 * GET  /reports/outcomes                   the same period: sends, opens, clicks, conversions, unsubscribes per rule and delay
 * GET  /settings/autonomy                  the sandbox covenants, their history and the evidence beside each
 * PUT  /settings/autonomy                  {"version": edited, "covenants": [..]}: saved as the next version (409 if stale)
 * GET|PUT|PATCH|DELETE /profiles/{id}      the profile API ({@link ProfileRoutes}), when given
 * </pre>
 * Every route needs an approver ({@link Approver}); errors are {@code {"error","message"}}. Ids in
 * paths are percent-decoded ({@code /customers/c%31/timeline} is customer {@code c1}).
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
    static final Duration MAX_WINDOW = Duration.ofDays(366);
    private static final Pattern DECIDE = Pattern.compile("^/approvals/([^/]+)/(approve|reject|assign)/?$");
    private static final Pattern CUSTOMER = Pattern.compile("^/customers/([^/]+)/(timeline|export)/?$");
    /** How many of a customer's earlier responses a card shows. */
    static final int LAST_INTERACTIONS = 5;

    /** The newsroom's optional stores: the decisions feed, profiles (export, card summaries), report roll-ups. */
    public record Extras(DecisionFeed feed, ProfileStore profiles, RollupStore rollups, AutonomySettings autonomy) {
        public static final Extras NONE = new Extras(DecisionFeed.NONE, null, null, null);

        public Extras(DecisionFeed feed, ProfileStore profiles) {
            this(feed, profiles, null, null);
        }

        public Extras {
            feed = feed == null ? DecisionFeed.NONE : feed;
        }
    }

    /**
     * The stores and queues behind every route, as the newsroom function and {@code serve} each
     * provide them; {@code feed}, {@code rollups} and {@code autonomy} may be null (no newsroom table).
     */
    public record Ports(Customers customers, ProfileStore profiles, SignalLedger signals, ResponseStore responses,
                        Scheduler scheduler, ChannelQueues queues, DecisionFeed feed, RollupStore rollups, AutonomyStore autonomy) {
    }

    /** Every route on {@code ports}: approvals, timeline, profiles (with erasure), feed, reports, covenants. */
    public static NewsroomApi of(Ports ports, Playbook playbook, Approver approver, Clock clock) {
        ProfileRoutes profileRoutes = new ProfileRoutes(ports.customers(),
                new Erasure(ports.customers(), ports.profiles(), ports.signals(), ports.responses(), ports.scheduler(), clock),
                playbook.brand().defaultQuietHours(), clock);
        Extras extras = new Extras(ports.feed(), ports.profiles(), ports.rollups(),
                ports.autonomy() == null ? null : new AutonomySettings(ports.autonomy(), playbook, ports.responses(), clock));
        return new NewsroomApi(new Approvals(ports.responses(), ports.scheduler(), ports.queues(), clock),
                new Timeline(ports.signals(), ports.responses()), ports.responses(), approver, clock, extras)
                .withProfiles(profileRoutes);
    }

    private final Approvals approvals;
    private final Timeline timeline;
    private final ResponseStore responses;
    private final Approver approver;
    private final Clock clock;
    private final Extras extras;
    private ProfileRoutes profiles;

    public NewsroomApi(Approvals approvals, Timeline timeline, ResponseStore responses, Approver approver, Clock clock) {
        this(approvals, timeline, responses, approver, clock, Extras.NONE);
    }

    public NewsroomApi(Approvals approvals, Timeline timeline, ResponseStore responses, Approver approver, Clock clock,
                       Extras extras) {
        this.extras = extras == null ? Extras.NONE : extras;
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
        Matcher customer = CUSTOMER.matcher(path);
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
            String id = decoded(decide.group(1));
            if (id == null) {
                return error(400, "invalid_path", "the id is not valid percent-encoding");
            }
            return switch (decide.group(2)) {
                case "approve" -> approve(id, who.get(), request.body());
                case "reject" -> reject(id, who.get(), request.body());
                default -> assign(id, who.get(), request.body());
            };
        }
        if (customer.matches()) {
            String id = decoded(customer.group(1));
            if (id == null) {
                return error(400, "invalid_path", "the id is not valid percent-encoding");
            }
            if (!method.equals("GET")) {
                return notAllowed();
            }
            return customer.group(2).equals("timeline") ? timeline(id) : export(id);
        }
        if (path.equals("/decisions") || path.equals("/decisions/")) {
            return method.equals("GET") ? decisions(request) : notAllowed();
        }
        if (path.equals("/settings/autonomy") || path.equals("/settings/autonomy/")) {
            if (extras.autonomy() == null) {
                return error(404, "not_found", "autonomy settings are not configured here");
            }
            return method.equals("GET") ? ok(extras.autonomy().view())
                    : method.equals("PUT") ? saveAutonomy(request.body(), who.get()) : notAllowed();
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
        Integer limit = limit(request, 50, 100);
        if (limit == null) {
            return error(400, "invalid_query", "limit must be a number");
        }
        Instant now = clock.instant();
        return ok(Map.of("approvals", approvals.pending(limit).stream().map(r -> card(r, now)).toList()));
    }

    /** A held response as the page shows it: the record, time left, and the customer's last interactions. */
    private Map<String, Object> card(Response r, Instant now) {
        Map<String, Object> out = Json.mapper().convertValue(r, new com.fasterxml.jackson.core.type.TypeReference<>() { });
        if (r.deadline() != null) {
            out.put("timeLeftMs", Math.max(0, Duration.between(now, r.deadline()).toMillis()));
        }
        out.put("triage", r.card() != null && r.card().triage() != null ? r.card().triage()
                : dev.righttime.flow.Facts.triageOf(r.reasons()).orElse(null));
        if (r.customerId() != null) {
            List<Map<String, Object>> last = new ArrayList<>();
            List<Response> earlier = new ArrayList<>(responses.forCustomer(r.customerId(), Instant.EPOCH));
            Collections.reverse(earlier);
            for (Response e : earlier) {
                if (last.size() == LAST_INTERACTIONS) {
                    break;
                }
                if (e.responseId().equals(r.responseId())) {
                    continue;
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("at", e.sentAt() != null ? e.sentAt() : e.dueAt() != null ? e.dueAt() : e.occurredAt());
                m.put("signalType", e.signalType() == null ? null : e.signalType().wire());
                m.put("channel", e.channel() == null ? null : e.channel().wire());
                m.put("status", e.status().name());
                if (e.detail() != null) {
                    m.put("detail", e.detail());
                }
                last.add(m);
            }
            out.put("lastInteractions", last);
        }
        return out;
    }

    private Answer saveAutonomy(String body, String who) {
        JsonNode json = object(body);
        if (json == null || json == MALFORMED) {
            return error(400, "invalid_body", "the body must be {\"version\": <the version edited>, \"covenants\": [..]}");
        }
        AutonomySettings.Saved saved = extras.autonomy().save(json, who);
        return saved.status() == 200 ? ok(extras.autonomy().view()) : error(saved.status(), saved.error(), saved.message());
    }

    private Answer decisions(Request request) {
        Integer limit = limit(request, 50, 200);
        if (limit == null) {
            return error(400, "invalid_query", "limit must be a number");
        }
        return ok(Map.of("decisions", extras.feed().latest(limit)));
    }

    private static Integer limit(Request request, int orElse, int max) {
        String given = request.query() == null ? null : request.query().get("limit");
        if (given == null) {
            return orElse;
        }
        try {
            return Math.min(max, Math.max(1, Integer.parseInt(given.trim())));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A path segment percent-decoded ('+' stays a plus, as in a path); null if malformed. */
    static String decoded(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
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

    private Answer reject(String id, String who, String body) {
        JsonNode json = object(body);
        if (json == MALFORMED) {
            return error(400, "invalid_body", "the body must be JSON: {\"reason\": \"why, in words\"}");
        }
        JsonNode reason = json == null ? null : json.get("reason");
        if (reason != null && !reason.isNull() && !reason.isTextual()) {
            return error(400, "invalid_body", "reason must be a string");
        }
        String why = reason == null || reason.isNull() || reason.asText().isBlank() ? null : reason.asText().strip();
        if (why != null && why.length() > 500) {
            return error(400, "invalid_body", "reason is at most 500 characters");
        }
        return answer(approvals.reject(id, who, why));
    }

    private Answer assign(String id, String who, String body) {
        JsonNode json = object(body);
        JsonNode to = json == null || json == MALFORMED ? null : json.get("to");
        if (to == null || !to.isTextual() || to.asText().isBlank() || to.asText().length() > 200) {
            return error(400, "invalid_body", "the body must be {\"to\": \"who takes it\"} (1-200 characters)");
        }
        return answer(approvals.assign(id, who, to.asText().strip()));
    }

    private static final JsonNode MALFORMED = com.fasterxml.jackson.databind.node.MissingNode.getInstance();

    /** The body as a JSON object; null when empty, {@link #MALFORMED} when not an object. */
    private static JsonNode object(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode json = Json.mapper().readTree(body);
            return json != null && json.isObject() ? json : MALFORMED;
        } catch (JsonProcessingException e) {
            return MALFORMED;
        }
    }

    private Answer export(String customerId) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("customerId", customerId);
        out.put("exportedAt", clock.instant());
        out.put("profile", extras.profiles() == null ? null : extras.profiles().get(customerId).orElse(null));
        out.put("responses", responses.forCustomer(customerId, Instant.EPOCH));
        out.put("events", events(customerId));
        return ok(out);
    }

    private Answer timeline(String customerId) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("customerId", customerId);
        if (extras.profiles() != null) {
            extras.profiles().get(customerId).ifPresent(p -> out.put("profile", dev.righttime.flow.Facts.of(p)));
        }
        out.put("events", events(customerId));
        return ok(out);
    }

    private List<Map<String, Object>> events(String customerId) {
        return timeline.of(customerId).stream().map(row -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("at", row.at());
            m.put("kind", row.kind());
            m.putAll(row.fields());
            return m;
        }).toList();
    }

    private Answer report(Request request) {
        return overPeriod(request, (from, to) -> new Reports(responses, extras.rollups(), clock).between(from, to));
    }

    /** Per rule and delay: see {@link dev.righttime.deliverability.OutcomeReport}. */
    private Answer outcomes(Request request) {
        return overPeriod(request, (from, to) -> dev.righttime.deliverability.OutcomeReport.of(responses.occurredBetween(from, to), from, to));
    }

    /** A report over ?from=&to= (ISO-8601; default the last 7 days, at most 366 days), or a 400. */
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
            return error(400, "invalid_query", "from must be before to, at most 366 days apart");
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
