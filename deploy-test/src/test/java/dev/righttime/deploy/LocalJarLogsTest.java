package dev.righttime.deploy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.righttime.webhook.StandardWebhooksScheme;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded {@code local/target/righttime-local.jar} logs: log4j finds its configuration and
 * plugins (the plugin caches of the shaded jars merged), so a webhook leaves INFO lines with its
 * ids, and no address or message text. Skipped when the jar is not built (mvn test; mvn verify
 * packages local before this module runs).
 */
class LocalJarLogsTest {

    private static final Pattern RUNNING = Pattern.compile("Right Time is running on (http://127\\.0\\.0\\.1:\\d+)");
    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString("local-jar-logs-secret-0123".getBytes(UTF_8));

    @TempDir
    Path dir;

    @Test
    void theShadedServeJarLogsInfoLinesWithIdsAndNoPersonalData() throws Exception {
        Path jar = Repo.ROOT.resolve("local/target/righttime-local.jar");
        assumeTrue(Files.isRegularFile(jar), jar + " is not built (mvn package builds it)");
        Path out = dir.resolve("serve.out");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar.toString(), "serve", "--port", "0")
                .redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().put("RIGHTTIME_SECRET_STANDARD", SECRET);
        pb.environment().put("RIGHTTIME_ADMIN_TOKEN", "logs-test-token");
        Process serve = pb.start();
        try {
            String base = awaitMatch(out, serve, RUNNING, Duration.ofSeconds(180)).group(1);
            Instant now = Instant.now();
            String body = "{\"type\":\"support.ticket_opened\",\"occurredAt\":\"" + now + "\",\"customerRef\":{\"email\":\"secret.person@example.com\"},"
                    + "\"attributes\":{\"channel\":\"email\",\"subject\":\"my private words\"}}";
            byte[] bytes = body.getBytes(UTF_8);
            String sig = StandardWebhooksScheme.sign(new StandardWebhooksScheme().key(SECRET), "msg_logs_1", now.getEpochSecond(), bytes);
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/webhooks/standard"))
                    .timeout(Duration.ofSeconds(30))
                    .header("content-type", "application/json").header("webhook-id", "msg_logs_1")
                    .header("webhook-timestamp", Long.toString(now.getEpochSecond())).header("webhook-signature", sig)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);

            String line = awaitMatch(out, serve, Pattern.compile(".*\"level\":\"INFO\".*standard:msg_logs_1.*"), Duration.ofSeconds(60)).group();
            assertThat(line).contains("standard:msg_logs_1");
            String all = Files.readString(out);
            assertThat(all).doesNotContain("secret.person@example.com", "my private words", SECRET);
        } finally {
            serve.destroy();
            if (!serve.waitFor(60, TimeUnit.SECONDS)) {
                serve.destroyForcibly();
            }
        }
    }

    private static Matcher awaitMatch(Path out, Process p, Pattern pattern, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : new String(Files.readAllBytes(out), UTF_8).split("\n")) {
                Matcher m = pattern.matcher(line);
                if (m.find()) {
                    return m;
                }
            }
            if (!p.isAlive()) {
                break;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no line matching " + pattern + " in:\n" + Files.readString(out));
    }
}
