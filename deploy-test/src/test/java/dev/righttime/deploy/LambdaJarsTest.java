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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
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
 * hook if it has one, and handles its sample events against a local stub that answers every AWS call
 * with an empty 200 ({@link #answer}). The jars carry only the SDK modules each function calls, so a class left out of one
 * fails here (NoClassDefFoundError), not in Lambda. Skipped when the jar is not built (mvn test).
 */
class LambdaJarsTest {

    /** A sample that reaches the function's AWS calls; otherwise the folder's first. */
    private static final Map<String, String> SAMPLES = Map.of(
            "webhook-ingest", "shopify-checkouts-create.json",
            "decide", "ticket-opened.json",
            "newsroom-api", "approve.json");

    /** System property: write each function's class list from this run instead of checking it. */
    static final String WRITE = "righttime.writeClassLists";

    /**
     * Classes of the jar the sample events may still load after the priming without the list
     * being stale: a few load in one run and not the next (an SDK retry, a log line's timing).
     */
    static final int MAX_MISSED = 10;

    private static HttpServer stub;

    @TempDir
    static Path probeDir;

    @BeforeAll
    static void start() throws IOException {
        stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stub.createContext("/", exchange -> {
            String request;
            try (InputStream in = exchange.getRequestBody()) {
                request = new String(in.readAllBytes(), UTF_8);
            }
            byte[] body = answer(exchange.getRequestHeaders().getFirst("X-Amz-Target"), request).getBytes(UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        stub.start();
        // The child's classpath gets JarProbe alone, not the test classpath (which has every class).
        Path compiled = Path.of(JarProbe.class.getProtectionDomain().getCodeSource().getLocation().getPath())
                .resolve("dev/righttime/deploy");
        Files.createDirectories(probeDir.resolve("dev/righttime/deploy"));
        for (String name : List.of("JarProbe.class", "JarProbe$Constructed.class", "JarProbe$Primed.class")) {
            Files.copy(compiled.resolve(name), probeDir.resolve("dev/righttime/deploy").resolve(name));
        }
    }

    /**
     * What the stub answers: an empty 200 to every call, so each request's success path runs as far
     * as the SDK accepts the answer (an item not found, an empty page; SQS's MD5 check and an XML
     * protocol's parser reject it after the answer is read); a SecureString to an SSM read, so
     * ingest's Shopify secret (events/webhook-ingest/README.md) and the unsubscribe key resolve.
     */
    static String answer(String target, String request) {
        if ("AmazonSSM.GetParameter".equals(target)) {
            String value = request.contains("shopify") ? "local-test-shopify" : "jar-check-key-0123456789";
            return "{\"Parameter\":{\"Name\":\"p\",\"Type\":\"SecureString\",\"Value\":\"" + value + "\",\"Version\":1}}";
        }
        return "{}";
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

    /** No class named as a test double, ours or a library's (the SDK ships a few in its main jars; the parent's shade filters drop them). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void theLambdaJarHoldsNoClassNamedAsATestDouble(Function f) {
        Path jar = jar(f);
        assumeTrue(Files.isRegularFile(jar), jar + " is not built (mvn package builds it)");
        java.util.regex.Pattern doubleName = java.util.regex.Pattern.compile("(InMemory|Fake|Canned|Offline|Stub|Mock)[A-Z][A-Za-z0-9]*");
        List<String> doubles = ClassList.jarClasses(jar).stream()
                .filter(c -> doubleName.matcher(c.substring(c.lastIndexOf('.') + 1).split("\\$")[0]).matches())
                .sorted().toList();
        assertThat(doubles).as("test or local-only classes in " + jar.getFileName()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void theLambdaJarRunsItsHandlerWithNothingElseOnTheClasspath(Function f) throws Exception {
        Path jar = jar(f);
        assumeTrue(Files.isRegularFile(jar), jar + " is not built (mvn package builds it)");
        boolean write = Boolean.getBoolean(WRITE);

        Probe run = probe(f, jar, samples(f.module()), write);

        Path list = classList(f);
        if (write) {
            Files.createDirectories(list.getParent());
            Files.write(list, run.generatedList(f));
            return;
        }
        // The SnapStart class list (SnapStartPrimed) is still what the requests load: after the
        // priming, the sample events load hardly any class of the jar the list leaves out ...
        assertThat(list).as("%s: generate it with scripts/priming-classes.sh", list).isRegularFile();
        Set<String> listed = new HashSet<>(ClassList.names(list));
        List<String> missed = run.afterPrimed().stream()
                .filter(c -> c.from(jar) && !listed.contains(c.name())).map(LoadedClass::name).toList();
        assertThat(missed).as("%s: classes the requests loaded that %s does not name (stale: run scripts/priming-classes.sh)",
                f.module(), list).hasSizeLessThanOrEqualTo(MAX_MISSED);
        // ... and names no class of the jar's packages that the jar no longer has (renamed or removed).
        Set<String> inJar = ClassList.jarClasses(jar);
        Set<String> packages = inJar.stream().map(ClassList::packageOf).collect(Collectors.toSet());
        assertThat(listed.stream().filter(n -> packages.contains(ClassList.packageOf(n)) && !inJar.contains(n)).sorted().toList())
                .as("%s names classes %s lacks (stale: run scripts/priming-classes.sh)", list, jar.getFileName()).isEmpty();
    }

    /** The function's Lambda jar, as {@code mvn package} builds it. */
    static Path jar(Function f) {
        return Repo.ROOT.resolve("functions").resolve(f.module()).resolve("target").resolve("righttime-" + f.module() + "-lambda.jar");
    }

    /** Where a function's class list lives: beside its handler class, in its module's resources. */
    static Path classList(Function f) {
        String pkg = f.handlerClass().substring(0, f.handlerClass().lastIndexOf('.')).replace('.', '/');
        return Repo.ROOT.resolve("functions").resolve(f.module()).resolve("src/main/resources").resolve(pkg)
                .resolve("classesloaded.txt");
    }

    /** The jar alone plus {@link JarProbe} in a child JVM on the events, class loading logged; fails on a missing class. */
    static Probe probe(Function f, Path jar, List<Path> events, boolean noPrime) throws Exception {
        Path log = Files.createTempFile(probeDir, f.module(), ".classes");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xlog:class+load=info:file=" + log,
                "-cp", jar + java.io.File.pathSeparator + probeDir, JarProbe.class.getName()));
        if (noPrime) {
            command.add("--no-prime");
        }
        command.add(f.handlerClass());
        events.forEach(e -> command.add(e.toString()));
        ProcessBuilder pb = new ProcessBuilder(command);
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
        return new Probe(LoadedClass.read(log));
    }

    /** Sample events of the function: the preferred one (it reaches the AWS calls) first, then the rest of its folder. */
    static List<Path> samples(String module) throws IOException {
        Path folder = Repo.ROOT.resolve("events").resolve(module);
        List<Path> out = new ArrayList<>();
        String preferred = SAMPLES.get(module);
        if (preferred != null) {
            out.add(folder.resolve(preferred));
        }
        try (Stream<Path> s = Files.list(folder)) {
            s.filter(p -> p.toString().endsWith(".json") && !p.getFileName().toString().equals(preferred)).sorted().forEach(out::add);
        }
        return out;
    }

    /** One class as the JVM's class+load log names it, with where it came from. */
    record LoadedClass(String name, String source) {
        private static final Pattern LINE = Pattern.compile("\\[class,load\\] (\\S+) source: (.*)$");

        static List<LoadedClass> read(Path log) throws IOException {
            List<LoadedClass> out = new ArrayList<>();
            for (String line : Files.readAllLines(log)) {
                Matcher m = LINE.matcher(line);
                if (m.find()) {
                    out.add(new LoadedClass(m.group(1), m.group(2)));
                }
            }
            return out;
        }

        boolean from(Path jar) {
            return source.endsWith(jar.getFileName().toString());
        }

        /** A class Class.forName can name: not a lambda's or another hidden class, not the probe. */
        boolean nameable() {
            return !name.contains("/") && !name.contains("$$Lambda") && !name.startsWith(JarProbe.class.getName());
        }
    }

    /** What one probe run loaded, in order. */
    record Probe(List<LoadedClass> loaded) {
        List<LoadedClass> after(Class<?> marker) {
            for (int i = 0; i < loaded.size(); i++) {
                if (loaded.get(i).name().equals(marker.getName())) {
                    return loaded.subList(i + 1, loaded.size());
                }
            }
            throw new IllegalStateException(marker.getSimpleName() + " not in the class+load log");
        }

        List<LoadedClass> afterPrimed() {
            return after(JarProbe.Primed.class).stream().filter(LoadedClass::nameable).toList();
        }

        /** The class list: what the events loaded after the constructor, in load order, each once. */
        List<String> generatedList(Function f) {
            List<String> out = new ArrayList<>(List.of(
                    "# Generated by scripts/priming-classes.sh (LambdaJarsTest with -Drighttime.writeClassLists=true): the classes "
                            + f.module() + "'s sample",
                    "# events (events/" + f.module() + "/) loaded after its constructor, in its Lambda jar alone, every AWS "
                            + "call answered by LambdaJarsTest's stub.",
                    "# SnapStartPrimed loads them before the snapshot; LambdaJarsTest fails when this list goes stale."));
            after(JarProbe.Constructed.class).stream().filter(LoadedClass::nameable).map(LoadedClass::name)
                    .filter(n -> !n.startsWith(JarProbe.class.getName())).distinct().forEach(out::add);
            return out;
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
        // The other sources' test secrets (events/webhook-ingest/README.md); their signed times are long past.
        env.put("RIGHTTIME_SECRET_STANDARD", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        env.put("RIGHTTIME_SECRET_STRIPE", "whsec_local_test_stripe");
        env.put("RIGHTTIME_SECRET_ZENDESK", "local-test-zendesk");
        env.put("RIGHTTIME_SECRET_SEGMENT", "local-test-segment");
        env.put("RIGHTTIME_SECRET_X", "local-test-x-consumer-secret");
        env.put("PUBLIC_BASE_URL", "");
        env.put("API_BASE_URL", "https://api.example.com");
        env.put("UNSUBSCRIBE_SECRET", "ssm:/righttime/unsubscribe");
        env.put("CONFIGURATION_SET", "righttime-feedback");
        env.put("PLAYBOOK_YAML", "{brand: {timezone: 'UTC'}, approval: {reachThreshold: 10000}, marketing: {cap: {messages: 1}}}");
        return env;
    }
}
