package dev.righttime.deploy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every function of template.yaml, run from its Lambda jar alone ({@code functions/<name>/target/
 * righttime-<name>-lambda.jar}, as {@code mvn package} builds it): a child JVM whose classpath is
 * that jar plus {@link JarProbe} builds the handler from the environment, runs its SnapStart priming
 * hook if it has one, and handles one sample event against a local stub that answers every AWS call
 * with a 400. The jars carry only the SDK modules each function calls, so a class left out of one
 * fails here (NoClassDefFoundError), not in Lambda. Skipped when the jar is not built (mvn test).
 */
class LambdaJarsTest {

    /** A sample that reaches the function's AWS calls; otherwise the folder's first. */
    private static final Map<String, String> SAMPLES = Map.of(
            "webhook-ingest", "shopify-checkouts-create.json",
            "decide", "ticket-opened.json",
            "newsroom-api", "approve.json");

    private static HttpServer stub;

    @TempDir
    static Path probeDir;

    @BeforeAll
    static void start() throws IOException {
        stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stub.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            byte[] body = "{\"__type\":\"com.amazon.coral.validate#ValidationException\",\"message\":\"jar check stub\"}"
                    .getBytes(UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.getResponseHeaders().add("x-amzn-ErrorType", "ValidationException");
            exchange.sendResponseHeaders(400, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        stub.start();
        // The child's classpath gets JarProbe alone, not the test classpath (which has every class).
        Path compiled = Path.of(JarProbe.class.getProtectionDomain().getCodeSource().getLocation().getPath())
                .resolve("dev/righttime/deploy/JarProbe.class");
        Path copy = probeDir.resolve("dev/righttime/deploy/JarProbe.class");
        Files.createDirectories(copy.getParent());
        Files.copy(compiled, copy);
    }

    @AfterAll
    static void stop() {
        stub.stop(0);
    }

    record Function(String logicalId, String module, String handlerClass) {
        @Override
        public String toString() {
            return module;
        }
    }

    static List<Function> functions() {
        List<Function> out = new ArrayList<>();
        Template template = Template.read(Repo.ROOT.resolve("template.yaml"));
        for (Map.Entry<String, JsonNode> f : template.resources(Template.FUNCTION).entrySet()) {
            String module = Path.of(f.getValue().path("CodeUri").asText()).getFileName().toString();
            String handler = template.functionProperty(f.getKey(), "Handler").asText().split("::")[0];
            out.add(new Function(f.getKey(), module, handler));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void theLambdaJarRunsItsHandlerWithNothingElseOnTheClasspath(Function f) throws Exception {
        Path jar = Repo.ROOT.resolve("functions").resolve(f.module()).resolve("target")
                .resolve("righttime-" + f.module() + "-lambda.jar");
        assumeTrue(Files.isRegularFile(jar), jar + " is not built (mvn package builds it)");
        Path event = sample(f.module());

        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", jar + java.io.File.pathSeparator + probeDir,
                JarProbe.class.getName(), f.handlerClass(), event.toString());
        pb.environment().putAll(environment("http://127.0.0.1:" + stub.getAddress().getPort()));
        Path out = Files.createTempFile(probeDir, f.module(), ".out");
        pb.redirectErrorStream(true).redirectOutput(out.toFile());
        Process child = pb.start();
        boolean finished = child.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            child.destroyForcibly();
        }
        String output = Files.readString(out);

        assertThat(finished).as("%s finished within 120 s:%n%s", f.module(), output).isTrue();
        assertThat(output).as(f.module()).doesNotContain("NoClassDefFoundError", "ClassNotFoundException",
                "NoSuchMethodError", "ServiceConfigurationError");
        assertThat(child.exitValue()).as("%s exit code:%n%s", f.module(), output).isZero();
        assertThat(output).as(f.module()).contains("PROBE ok ");
    }

    private static Path sample(String module) throws IOException {
        Path folder = Repo.ROOT.resolve("events").resolve(module);
        String preferred = SAMPLES.get(module);
        if (preferred != null) {
            return folder.resolve(preferred);
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().findFirst().orElseThrow();
        }
    }

    /** What template.yaml gives the functions, pointed at the stub; ingest's secret goes through SSM. */
    private static Map<String, String> environment(String stubUrl) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "jarcheck");
        env.put("AWS_SECRET_ACCESS_KEY", "jarcheck");
        env.put("AWS_ENDPOINT_URL", stubUrl);
        env.put("AWS_EMF_ENVIRONMENT", "Local");
        env.put("POWERTOOLS_METRICS_NAMESPACE", "RightTime");
        env.put("DELIVERIES_TABLE", "deliveries");
        env.put("PROFILES_TABLE", "profiles");
        env.put("IDENTITIES_TABLE", "identities");
        env.put("SIGNALS_TABLE", "signals");
        env.put("RESPONSES_TABLE", "responses");
        env.put("SIGNALS_QUEUE_URL", stubUrl + "/000000000000/signals");
        for (String q : List.of("EMAIL", "SMS", "WEBHOOK")) {
            env.put(q + "_QUEUE_URL", stubUrl + "/000000000000/" + q.toLowerCase());
            env.put(q + "_QUEUE_ARN", "arn:aws:sqs:us-east-1:000000000000:" + q.toLowerCase());
        }
        env.put("SCHEDULE_GROUP", "righttime");
        env.put("SCHEDULER_ROLE_ARN", "arn:aws:iam::000000000000:role/scheduler");
        env.put("SCHEDULER_DLQ_ARN", "arn:aws:sqs:us-east-1:000000000000:dlq");
        env.put("EVENT_BUS_NAME", "righttime");
        env.put("SENDER_EMAIL", "noreply@example.com");
        env.put("SOCIAL_WEBHOOK_URL", stubUrl + "/social");
        env.put("CHAT_WEBHOOK_URL", stubUrl + "/chat");
        env.put("OUTBOUND_WEBHOOK_SECRET", "whsec_amFyY2hlY2stamFyY2hlY2stamFyY2hlY2s=");
        env.put("RIGHTTIME_SECRET_SHOPIFY", "ssm:/righttime/shopify");
        env.put("PUBLIC_BASE_URL", "");
        env.put("API_BASE_URL", "https://api.example.com");
        env.put("UNSUBSCRIBE_SECRET", "ssm:/righttime/unsubscribe");
        env.put("CONFIGURATION_SET", "righttime-feedback");
        env.put("PLAYBOOK_YAML", "{brand: {timezone: 'UTC'}, approval: {reachThreshold: 10000}, marketing: {cap: {messages: 1}}}");
        return env;
    }
}
