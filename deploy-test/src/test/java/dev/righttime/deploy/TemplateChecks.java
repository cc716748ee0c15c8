package dev.righttime.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.righttime.aws.DynamoDbDeliveryLedger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks of template.yaml against the code. Each returns its problems as readable lines
 * (empty = fine), so a test can show them all and a negative test can assert on one.
 */
final class TemplateChecks {

    /** Read by the code but fine to leave unset: they have defaults. */
    static final Set<String> OPTIONAL = Set.of("PLAYBOOK_PATH", "PLAYBOOK_YAML", "SOURCES_FILE", "LOG_LEVEL",
            // newsroom: deployed, the JWT authorizer's claims name the approver; the token is a local/break-glass option
            "RIGHTTIME_ADMIN_TOKEN");

    /** Set by Lambda itself (reserved: a template may not set them). */
    static final Set<String> SET_BY_LAMBDA = Set.of("AWS_REGION", "AWS_DEFAULT_REGION", "AWS_LAMBDA_FUNCTION_NAME",
            "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_EXECUTION_ENV",
            "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME", "_X_AMZN_TRACE_ID", "LAMBDA_TASK_ROOT", "TZ");
    static final int VISIBILITY_FACTOR = 6;

    /** The HTTP contract of the spec (SPEC.md, "HTTP contract"); {@link #specRoutes} re-reads it when present. */
    static final List<String> ROUTES = List.of(
            "POST /webhooks/{}", "GET /webhooks/{}", "GET /approvals", "POST /approvals/{}/approve",
            "POST /approvals/{}/reject", "POST /approvals/{}/assign", "GET /customers/{}/timeline", "GET /reports/response-times",
            "GET /profiles/{}", "PUT /profiles/{}", "PATCH /profiles/{}", "DELETE /profiles/{}",
            "GET /settings/autonomy", "PUT /settings/autonomy",
            "GET /healthz", "GET /", "POST /unsubscribe", "GET /preferences", "GET /reports/outcomes");
    /**
     * The newsroom's routes beyond what {@link #specRoutes} reads from the spec's table (the page's
     * feed, the customer export): behind the JWT authorizer.
     */
    static final List<String> NEWSROOM_ROUTES = List.of("GET /decisions", "GET /customers/{}/export");

    /**
     * Routes anyone may call: providers sign their own deliveries; health checks and the page are
     * public; a message's recipient unsubscribes with the signed token of its link (no login).
     */
    static final Set<String> OPEN_ROUTES = Set.of("POST /webhooks/{}", "GET /webhooks/{}", "GET /healthz", "GET /",
            "POST /unsubscribe", "GET /preferences");

    private final Path repo;
    private final Template template;

    TemplateChecks(Path repo, Template template) {
        this.repo = repo;
        this.template = template;
    }

    /** CodeUri is a Maven module; Handler names a class under it that has the method. */
    List<String> handlers() {
        List<String> problems = new ArrayList<>();
        template.resources(Template.FUNCTION).forEach((fn, props) -> {
            String codeUri = props.path("CodeUri").asText("");
            Path dir = repo.resolve(codeUri).normalize();
            if (codeUri.isEmpty() || !Files.isRegularFile(dir.resolve("pom.xml"))) {
                problems.add(fn + ": CodeUri '" + codeUri + "' is not a Maven module (no pom.xml)");
                return;
            }
            String handler = template.functionProperty(fn, "Handler").asText("");
            String[] parts = handler.split("::", 2);
            Path source = dir.resolve("src/main/java").resolve(parts[0].replace('.', '/') + ".java");
            if (!Files.isRegularFile(source)) {
                problems.add(fn + ": Handler class " + parts[0] + " not found at " + repo.relativize(source));
            } else if (parts.length == 2 && !read(source).contains(" " + parts[1] + "(")) {
                problems.add(fn + ": Handler method " + parts[1] + " not found in " + parts[0]);
            }
        });
        return problems;
    }

    /**
     * Every variable a function's code reads while it is built (the handler's no-arg Lambda
     * constructor, hence its composition root, under the template's environment) is set, optional,
     * or set by Lambda; for webhook-ingest also each source's secret variable (read when a delivery
     * arrives). A variable the code requires but the template lacks gets a stand-in so the build
     * goes on and every missing one is named, with the class and method that read it.
     */
    List<String> environment() {
        List<String> problems = new ArrayList<>();
        Translated named = Translated.of(template.root());
        Map<String, String> parameters = new java.util.HashMap<>();
        named.parameterDefaults().forEach((name, dflt) -> parameters.put(name, dflt.isEmpty() ? "x-" + name : dflt));
        new MotoStack(named, null, "eu-central-1", "123456789012", parameters);   // names every resource; creates nothing
        template.resources(Template.FUNCTION).forEach((fn, props) -> {
            Map<String, JsonNode> declared = template.environment(fn);
            Map<String, String> env = new java.util.HashMap<>();
            declared.forEach((name, value) -> env.put(name, named.text(value)));
            env.put("AWS_REGION", "eu-central-1");
            String handler = template.functionProperty(fn, "Handler").asText("");
            Map<String, String> reads = new java.util.TreeMap<>();
            for (int attempt = 0; ; attempt++) {
                try {
                    ProcessEnv.recording(env, reads::putIfAbsent, () -> build(handler));
                    break;
                } catch (dev.righttime.aws.Config.Missing e) {
                    if (attempt > 50) {
                        throw e;
                    }
                    env.put(e.variable(), "x-" + e.variable());   // a stand-in, so the next missing one is found too
                } catch (RuntimeException e) {
                    problems.add(fn + ": " + handler + " cannot be built from the template's environment: " + e.getMessage());
                    return;
                }
            }
            if (reads.containsKey("SOURCES_FILE")) {
                sourceSecretVariables().forEach((variable, source) -> reads.putIfAbsent(variable, "sources.yaml (source " + source + ")"));
            }
            reads.forEach((variable, where) -> {
                if (!declared.containsKey(variable) && !OPTIONAL.contains(variable) && !SET_BY_LAMBDA.contains(variable)) {
                    problems.add(fn + ": environment variable " + variable + " is read by " + where + " but not set");
                }
            });
        });
        return problems;
    }

    /** The handler by its no-arg constructor, as Lambda builds it. */
    private static void build(String handler) {
        String cls = handler.substring(0, handler.indexOf("::"));
        try {
            Class.forName(cls).getDeclaredConstructor().newInstance();
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + cls + ": " + e, e);
        }
    }

    /** Source name to its secret references' environment variables, from shared's sources.yaml. */
    private Map<String, String> sourceSecretVariables() {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        try (var in = Files.newInputStream(repo.resolve("shared/src/main/resources/sources.yaml"))) {
            var sources = dev.righttime.webhook.Sources.load(in);
            for (String name : sources.names()) {
                for (String ref : sources.find(name).orElseThrow().secretRefs()) {
                    if (ref.startsWith("env:")) {
                        out.put(ref.substring(4), name);
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    /** Every queue has a DLQ (or is one); each consumed queue's visibility is at least 6x its consumer's timeout. */
    List<String> queues() {
        List<String> problems = new ArrayList<>();
        Map<String, JsonNode> queues = template.resources(Template.QUEUE);
        Set<String> deadLetterQueues = deadLetterQueues();
        queues.forEach((q, props) -> {
            if (deadLetterQueues.contains(q)) {
                return;
            }
            JsonNode redrive = props.path("RedrivePolicy");
            String dlq = Template.target(redrive.path("deadLetterTargetArn")).orElse(null);
            if (dlq == null || !queues.containsKey(dlq)) {
                problems.add(q + ": no dead-letter queue (RedrivePolicy.deadLetterTargetArn to a queue of the template)");
            } else if (redrive.path("maxReceiveCount").asInt(0) < 1) {
                problems.add(q + ": RedrivePolicy.maxReceiveCount is missing");
            }
        });
        template.resources(Template.FUNCTION).keySet().forEach(fn -> template.events(fn, "SQS").forEach((event, props) -> {
            String q = Template.target(props.path("Queue")).orElse("?");
            int visibility = queues.containsKey(q) ? queues.get(q).path("VisibilityTimeout").asInt(30) : 30;
            int timeout = template.timeout(fn);
            if (visibility < VISIBILITY_FACTOR * timeout) {
                problems.add(q + ": VisibilityTimeout " + visibility + " s is below " + VISIBILITY_FACTOR + " x "
                        + fn + "'s Timeout " + timeout + " s (" + VISIBILITY_FACTOR * timeout + " s)");
            }
            boolean partial = false;
            for (JsonNode t : props.path("FunctionResponseTypes")) {
                partial |= t.asText().equals("ReportBatchItemFailures");
            }
            if (!partial) {
                problems.add(fn + "." + event + ": FunctionResponseTypes lacks ReportBatchItemFailures");
            }
        }));
        for (String dlq : deadLetterQueues) {
            if (!alarmed("AWS/SQS", "QueueName", dlq)) {
                problems.add(dlq + ": dead-letter queue without an ApproximateNumberOfMessagesVisible alarm");
            }
        }
        for (String fn : template.resources(Template.FUNCTION).keySet()) {
            if (!alarmed("AWS/Lambda", "FunctionName", fn)) {
                problems.add(fn + ": no Errors alarm");
            }
        }
        return problems;
    }

    /** Every route of the spec is an HttpApi event; the newsroom's routes need the JWT authorizer, the open ones none. */
    List<String> routes() {
        List<String> problems = new ArrayList<>();
        Map<String, String> authorizerOf = new java.util.TreeMap<>();
        Set<String> jwtAuthorizers = new TreeSet<>();
        template.resources(Template.HTTP_API).values().forEach(api -> api.path("Auth").path("Authorizers").fields()
                .forEachRemaining(a -> {
                    if (a.getValue().has("JwtConfiguration")) {
                        jwtAuthorizers.add(a.getKey());
                    }
                }));
        template.resources(Template.FUNCTION).keySet().forEach(fn -> template.events(fn, "HttpApi").values().forEach(p -> {
            String route = p.path("Method").asText().toUpperCase() + " " + normalize(p.path("Path").asText());
            authorizerOf.put(route, p.path("Auth").path("Authorizer").asText(""));
        }));
        List<String> all = new ArrayList<>(ROUTES);
        all.addAll(NEWSROOM_ROUTES);
        for (String route : all) {
            if (!authorizerOf.containsKey(route)) {
                problems.add("route " + route + " of the spec has no HttpApi event");
            } else if (OPEN_ROUTES.contains(route) && !authorizerOf.get(route).isEmpty()
                    && !authorizerOf.get(route).equals("NONE")) {
                problems.add("route " + route + " must be open but has authorizer " + authorizerOf.get(route));
            } else if (!OPEN_ROUTES.contains(route) && !jwtAuthorizers.contains(authorizerOf.get(route))) {
                problems.add("route " + route + " needs the JWT authorizer (has '" + authorizerOf.get(route) + "')");
            }
        }
        return problems;
    }

    /** {@code /approvals/{id}/approve} and {@code /approvals/{anything}/approve} are the same route. */
    static String normalize(String path) {
        return path.replaceAll("\\{[^}]*}", "{}");
    }

    /**
     * The routes of the spec's HTTP contract table: each {@code `METHOD /path`}; a bare
     * {@code `/x`} replaces the last segment of the route before it (`/reject` after
     * `POST /approvals/{id}/approve`); X's {@code /webhooks/x?crc_token=..} is the {source} route.
     */
    static List<String> specRoutes(String spec) {
        int start = spec.indexOf("## HTTP contract");
        int end = spec.indexOf("\n## ", start + 1);
        String table = spec.substring(start, end < 0 ? spec.length() : end);
        Set<String> routes = new LinkedHashSet<>();
        Matcher m = Pattern.compile("`(?:((?:GET|POST|PUT|DELETE|PATCH)(?:/(?:GET|POST|PUT|DELETE|PATCH))*) )?(/[^`?\\s]*)[^`]*`")
                .matcher(table);
        String previous = null;
        while (m.find()) {
            String route;
            if (m.group(1) != null) {
                // "PUT/PATCH/GET/DELETE /profiles/{id}" is one route per method.
                String path = m.group(2).replaceAll("^/webhooks/[a-z]+$", "/webhooks/{}");
                for (String method : m.group(1).split("/")) {
                    route = method + " " + path;
                    routes.add(normalize(route));
                    previous = route;
                }
                continue;
            } else if (previous != null) {
                route = previous.substring(0, previous.lastIndexOf('/')) + m.group(2);
            } else {
                continue;
            }
            routes.add(normalize(route));
            previous = route;
        }
        return List.copyOf(routes);
    }

    private Set<String> deadLetterQueues() {
        Set<String> out = new TreeSet<>();
        template.resources(Template.QUEUE).values().forEach(props ->
                Template.target(props.path("RedrivePolicy").path("deadLetterTargetArn")).ifPresent(out::add));
        template.resources(Template.FUNCTION).keySet().forEach(fn -> {
            JsonNode schedulerDlq = template.environment(fn).get("SCHEDULER_DLQ_ARN");
            if (schedulerDlq != null) {
                Template.target(schedulerDlq).ifPresent(out::add);
            }
        });
        return out;
    }

    private boolean alarmed(String namespace, String dimension, String resource) {
        for (JsonNode alarm : template.resources(Template.ALARM).values()) {
            if (!alarm.path("Namespace").asText().equals(namespace)) {
                continue;
            }
            for (JsonNode d : alarm.path("Dimensions")) {
                if (d.path("Name").asText().equals(dimension)
                        && Template.target(d.path("Value")).filter(resource::equals).isPresent()
                        && alarm.path("Threshold").asDouble(-1) == 0
                        && alarm.path("ComparisonOperator").asText().equals("GreaterThanThreshold")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The ingest function's Timeout stays below the delivery ledger's lease. */
    List<String> ingestTimeout() {
        List<String> problems = new ArrayList<>();
        long lease = DynamoDbDeliveryLedger.LEASE.toSeconds();
        template.resources(Template.FUNCTION).keySet().forEach(fn -> {
            if (template.environment(fn).containsKey("DELIVERIES_TABLE") && template.timeout(fn) >= lease) {
                problems.add(fn + ": Timeout " + template.timeout(fn) + " s must stay below the ledger's " + lease + " s lease");
            }
        });
        return problems;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
