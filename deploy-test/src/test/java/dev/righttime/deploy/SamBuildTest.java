package dev.righttime.deploy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.righttime.aws.AwsClients;
import dev.righttime.model.Json;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code sam build} as aws-lambda-builders' java_maven workflow does it, for every function of
 * template.yaml: the CodeUri copied alone to a scratch directory, {@code mvn clean install},
 * {@code mvn dependency:copy-dependencies -DincludeScope=runtime -Dmdep.prependGroupId=true}, and
 * the artifact made of {@code target/classes} plus {@code target/dependency} as {@code lib/}. The
 * parent pom and righttime-shared come from the local Maven repository, as after the README's
 * {@code mvn install}: here a private one holding this build's shared, the rest linked to the
 * build's own repository (so nothing of this checkout leaks into ~/.m2). Then each artifact runs
 * under Lambda's runtime interface client (aws-lambda-java-runtime-interface-client: its handler
 * loading from the task root and lib/, its event and response serialization) against a fake
 * Runtime API, on the first sample event of events/&lt;function&gt;/, after SnapStart's init (the
 * handlers' CRaC priming hooks, then restore; a hook that primes no class of the package's class list fails the
 * check). AWS is unreachable there (a
 * closed port): the answers are the handlers' own for an AWS outage, which is enough to prove the
 * artifact loads and (de)serializes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SamBuildTest {

    static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    /** SnapStartPrimed's log line once the class list is loaded. */
    static final java.util.regex.Pattern PRIMED = java.util.regex.Pattern.compile("primed [1-9][0-9]* classes");

    Path work;

    final Template template = Template.of(Repo.templateText());
    final Map<String, Path> artifacts = new LinkedHashMap<>();

    @AfterAll
    void clean() throws IOException {
        if (work == null) {
            return;
        }
        // Links into the real Maven repository go first, so nothing below can reach through them.
        try (Stream<Path> links = Files.walk(work.resolve("m2"))) {
            for (Path p : links.filter(Files::isSymbolicLink).toList()) {
                Files.delete(p);
            }
        }
        try (Stream<Path> all = Files.walk(work)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @BeforeAll
    void samBuild() throws Exception {
        work = Files.createTempDirectory("sam-build-");
        Path mvn = Tools.find("mvn").orElse(null);
        if (mvn == null) {
            Tools.missing("mvn is not on the PATH");
        }
        Path repo = privateRepository();
        // Each CodeUri alone in its own scratch directory (no ../../events, no parent pom next to it).
        Path scratch = Files.createDirectories(work.resolve("scratch"));
        Map<String, Path> modules = new LinkedHashMap<>();
        template.resources(Template.FUNCTION).forEach((fn, props) -> {
            Path source = Repo.ROOT.resolve(props.path("CodeUri").asText()).normalize();
            modules.put(fn, copy(source, scratch.resolve(fn)));
        });
        // One Maven run over all scratch copies (a plain aggregator) instead of one per function:
        // the same goals on the same isolated modules, in a fraction of the time.
        StringBuilder aggregator = new StringBuilder("""
                <project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
                <groupId>sam-build</groupId><artifactId>scratch</artifactId><version>1</version><packaging>pom</packaging><modules>
                """);
        modules.keySet().forEach(fn -> aggregator.append("<module>").append(fn).append("</module>"));
        Files.writeString(scratch.resolve("pom.xml"), aggregator.append("</modules></project>\n"));
        maven(mvn, scratch, repo, "clean", "install");
        maven(mvn, scratch, repo, "dependency:copy-dependencies", "-DincludeScope=runtime", "-Dmdep.prependGroupId=true");
        for (var m : modules.entrySet()) {
            Path artifact = work.resolve("artifacts").resolve(m.getKey());
            copy(m.getValue().resolve("target/classes"), artifact);
            if (Files.isDirectory(m.getValue().resolve("target/dependency"))) {
                copy(m.getValue().resolve("target/dependency"), artifact.resolve("lib"));
            }
            artifacts.put(m.getKey(), artifact);
        }
    }

    @Test
    void eachArtifactHoldsItsHandlerAndOnlyRuntimeDependencies() throws IOException {
        assertThat(artifacts.keySet()).containsExactlyElementsOf(template.resources(Template.FUNCTION).keySet());
        for (var a : artifacts.entrySet()) {
            String handler = template.resources(Template.FUNCTION).get(a.getKey()).path("Handler").asText();
            String cls = handler.substring(0, handler.indexOf("::")).replace('.', '/') + ".class";
            assertThat(a.getValue().resolve(cls)).as(a.getKey() + "'s handler class").isRegularFile();
            List<String> lib;
            try (Stream<Path> s = Files.list(a.getValue().resolve("lib"))) {
                lib = s.map(p -> p.getFileName().toString()).toList();
            }
            assertThat(lib).as(a.getKey() + "'s lib/").anyMatch(n -> n.startsWith("dev.righttime.righttime-shared-"))
                    .noneMatch(n -> n.contains("junit") || n.contains("assertj") || n.contains("DynamoDBLocal")
                            || n.endsWith("-tests.jar"));
        }
    }

    @Test
    void eachHandlerAnswersASampleEventThroughTheRuntimeInterfaceClient() throws Exception {
        Translated translated = Translated.of(Repo.ROOT.resolve("template.yaml"));
        MotoStack names = new MotoStack(translated, AwsClients.local(URI.create("http://127.0.0.1:1"), MotoServer.REGION),
                MotoServer.REGION, MotoServer.ACCOUNT, Map.of("EmailFrom", "hello@example.com", "SesIdentity", "example.com",
                "NewsroomJwtIssuer", "https://issuer.example", "NewsroomJwtAudience", "newsroom"));
        List<String> failures = new ArrayList<>();
        for (var a : artifacts.entrySet()) {
            String fn = a.getKey();
            String dir = Path.of(template.resources(Template.FUNCTION).get(fn).path("CodeUri").asText()).getFileName().toString();
            Path event;
            try (Stream<Path> s = Files.list(Repo.ROOT.resolve("events").resolve(dir))) {
                event = s.filter(p -> p.toString().endsWith(".json")).sorted().findFirst()
                        .orElseThrow(() -> new AssertionError(fn + ": no sample event in events/" + dir + "/"));
            }
            Map<String, String> env = new HashMap<>(names.environment(fn));
            if (env.containsKey("OUTBOUND_WEBHOOK_SECRET")) {
                env.put("OUTBOUND_WEBHOOK_SECRET", "whsec_" + java.util.Base64.getEncoder().encodeToString("k".repeat(24).getBytes(UTF_8)));
            }
            String handler = translated.resource(fn).path("Properties").path("Handler").asText();
            Invocation result = invoke(a.getValue(), handler, env, Files.readString(event));
            JsonNode in = Json.mapper().readTree(Files.readString(event));
            if (result.kind().equals("response")) {
                JsonNode out = Json.mapper().readTree(result.body());
                if (in.has("Records")) {
                    List<String> ids = in.path("Records").findValuesAsText("messageId");
                    if (!out.has("batchItemFailures") || !ids.containsAll(out.path("batchItemFailures").findValuesAsText("itemIdentifier"))) {
                        failures.add(fn + ": not an SQS batch response for " + event.getFileName() + ": " + result.body());
                    }
                } else if (!out.path("statusCode").isInt()) {
                    failures.add(fn + ": not an HTTP API response for " + event.getFileName() + ": " + result.body());
                }
            } else {
                failures.add(fn + ": " + result.kind() + " " + result.body() + "\n" + result.log());
            }
        }
        assertThat(failures).as(String.join("\n", failures)).isEmpty();
    }

    record Invocation(String kind, String body, String log) {}

    /** One invocation through the runtime interface client, with a fake Runtime API on a loopback port. */
    private Invocation invoke(Path taskRoot, String handler, Map<String, String> functionEnv, String event) throws Exception {
        CompletableFuture<Invocation> answer = new CompletableFuture<>();
        CountDownLatch done = new CountDownLatch(1);
        HttpServer api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        api.setExecutor(Executors.newCachedThreadPool());
        boolean[] handedOut = {false};
        boolean[] restored = {false};
        api.createContext("/2018-06-01/runtime/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), UTF_8);
            if (path.endsWith("/restore/next")) {
                restored[0] = !handedOut[0]; // SnapStart: the snapshot point, before any invocation
                reply(exchange, 200, "");
            } else if (path.endsWith("/invocation/next")) {
                synchronized (handedOut) {
                    if (handedOut[0]) {
                        await(done); // the client's next poll: held until the test is done with it
                        exchange.close();
                        return;
                    }
                    handedOut[0] = true;
                }
                exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", "req-1");
                exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 60_000));
                exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:eu-central-1:123456789012:function:f");
                exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000;Sampled=0");
                reply(exchange, 200, event);
            } else {
                reply(exchange, 202, "{}");
                String kind = !restored[0] ? "no SnapStart restore before the invocation; " + path
                        : path.endsWith("/response") ? "response" : path.endsWith("/init/error") ? "init error" : "error " + path;
                answer.complete(new Invocation(kind, body, ""));
            }
        });
        api.start();
        Path log = Files.createTempFile(work, "ric-", ".log");
        Map<String, String> env = new HashMap<>(functionEnv);
        env.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + api.getAddress().getPort());
        env.put("AWS_REGION", MotoServer.REGION);
        env.put("AWS_DEFAULT_REGION", MotoServer.REGION);
        env.put("AWS_ACCESS_KEY_ID", "testing");
        env.put("AWS_SECRET_ACCESS_KEY", "testing");
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:1"); // nothing listens: AWS is down for this check
        env.put("AWS_LAMBDA_FUNCTION_NAME", "f");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        // SnapStart's init: the client runs the CRaC beforeCheckpoint hooks (the handlers' priming),
        // then asks restore/next; org.crac reaches the client's CRaC through this property, as in Lambda.
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
        ProcessBuilder pb = new ProcessBuilder(javaExecutable(), "-XX:+UseSerialGC", "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
                "--add-opens=java.base/java.io=ALL-UNNAMED", "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac",
                "-Djava.net.preferIPv4Stack=true", "-cp", runtimeClasspath(), RIC_MAIN, handler)
                .directory(taskRoot.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        p.onExit().thenRun(() -> answer.complete(new Invocation("exit " + p.exitValue() + " before answering", "", "")));
        try {
            Invocation got = answer.get(120, TimeUnit.SECONDS);
            String output = Files.readString(log);
            if (got.kind().equals("response") && !PRIMED.matcher(output).find()) {
                return new Invocation("the SnapStart hook primed no class before the snapshot (classesloaded.txt not in the package?)",
                        got.body(), output);
            }
            return new Invocation(got.kind(), got.body(), got.kind().equals("response") ? "" : output);
        } catch (java.util.concurrent.TimeoutException e) {
            return new Invocation("no answer in 120 s", "", Files.readString(log));
        } finally {
            done.countDown();
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            api.stop(0);
        }
    }

    private static void await(CountDownLatch done) {
        try {
            done.await(130, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(UTF_8);
        // The client's native part reads Content-Type unconditionally (no header: a crash in libc).
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** The runtime's own classpath in Lambda: the runtime interface client and its serialization, nothing of the function. */
    private static String runtimeClasspath() {
        List<String> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (name.startsWith("aws-lambda-java-runtime-interface-client-") || name.startsWith("aws-lambda-java-serialization-")
                    || name.startsWith("aws-lambda-java-core-")) {
                jars.add(entry);
            }
        }
        assertThat(jars).as("the runtime interface client on the test classpath").hasSize(3);
        return String.join(File.pathSeparator, jars);
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /**
     * A Maven repository for the scratch builds: this build's parent pom and righttime-shared as
     * {@code mvn install} would put them, everything else linked to the build's own repository.
     */
    private Path privateRepository() throws IOException {
        Path real = Path.of(System.getProperty("righttime.m2", System.getProperty("user.home") + "/.m2/repository"));
        String version = System.getProperty("righttime.version", "0.1.0-SNAPSHOT");
        Path repo = Files.createDirectories(work.resolve("m2"));
        link(real, repo, List.of("dev", "righttime"));
        Path ours = Files.createDirectories(repo.resolve("dev/righttime"));
        Path parent = Files.createDirectories(ours.resolve("righttime-parent").resolve(version));
        Files.copy(Repo.ROOT.resolve("pom.xml"), parent.resolve("righttime-parent-" + version + ".pom"));
        Path shared = Files.createDirectories(ours.resolve("righttime-shared").resolve(version));
        Path target = Repo.ROOT.resolve("shared/target");
        Files.copy(Repo.ROOT.resolve("shared/pom.xml"), shared.resolve("righttime-shared-" + version + ".pom"));
        for (String suffix : List.of(".jar", "-tests.jar")) {
            Path jar = target.resolve("righttime-shared-" + version + suffix);
            assertThat(jar).as("shared is packaged before deploy-test runs (mvn verify)").isRegularFile();
            Files.copy(jar, shared.resolve("righttime-shared-" + version + suffix));
        }
        return repo;
    }

    /** Mirrors {@code from} into {@code to} with symbolic links, except along {@code keep} (made real, left empty). */
    private static void link(Path from, Path to, List<String> keep) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> s = Files.list(from)) {
            for (Path child : s.toList()) {
                String name = child.getFileName().toString();
                if (!keep.isEmpty() && name.equals(keep.get(0))) {
                    Path dir = Files.createDirectories(to.resolve(name));
                    if (keep.size() > 1) {
                        link(child, dir, keep.subList(1, keep.size()));
                    }
                } else {
                    Files.createSymbolicLink(to.resolve(name), child);
                }
            }
        }
    }

    private void maven(Path mvn, Path dir, Path repo, String... goals) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(mvn.toString(), "-B", "-q", "-Dmaven.repo.local=" + repo));
        cmd.addAll(List.of(goals));
        Path log = Files.createTempFile(work, "mvn-", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home")); // the JDK this build runs on (21+)
        Process p = pb.start();
        if (!p.waitFor(15, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", goals) + " did not finish in 15 minutes");
        }
        assertThat(p.exitValue()).as("mvn " + String.join(" ", goals) + " in the scratch copies:\n" + tail(log)).isZero();
    }

    private static String tail(Path log) throws IOException {
        String s = Files.readString(log);
        return s.substring(Math.max(0, s.length() - 4000));
    }

    /** A directory tree copied (target/ left out, as a fresh checkout has none). */
    private static Path copy(Path from, Path to) {
        try {
            Files.walkFileTree(from, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    if (dir.getFileName().toString().equals("target") && !dir.equals(from)) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
                    return FileVisitResult.CONTINUE;
                }
            });
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
