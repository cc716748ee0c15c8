package dev.righttime.local.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.righttime.local.embedded.EmbeddedDynamoDb;
import dev.righttime.model.Json;
import dev.righttime.webhook.StandardWebhooksScheme;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A 202 is a promise even across {@code kill -9}: a child {@code serve --data} JVM takes signed
 * support tickets (each one a SEND_NOW email) on loopback at a bounded rate, is killed with SIGKILL
 * mid-stream, and is started again on the same data; the deliveries not answered before the kill
 * are sent again, as a provider retries. Counted from the durable records afterwards: every
 * accepted delivery decided once, every reply in the outbox once, none lost, none duplicated.
 */
class KillRestartTest {

    private static final int DELIVERIES = 120;
    private static final int KILL_AFTER_ACCEPTED = 50;
    private static final String SECRET = "whsec_" + java.util.Base64.getEncoder().encodeToString(
            "kill-restart-secret-0123456789".getBytes(StandardCharsets.UTF_8));
    private static final String TOKEN = "kill-restart-token";
    private static final Pattern RUNNING = Pattern.compile("Right Time is running on (http://127\\.0\\.0\\.1:\\d+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void everyAcceptedDeliveryIsDecidedAndSentOnceAcrossAKill() throws Exception {
        Path data = dir.resolve("data");
        Path profiles = dir.resolve("profiles.jsonl");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < DELIVERIES; i++) {
            lines.append("{\"customerId\":\"k").append(i).append("\",\"timezone\":\"UTC\",\"consent\":{\"email\":true},")
                    .append("\"addresses\":{\"email\":\"k").append(i).append("@example.com\"},\"preferredChannel\":\"email\"}\n");
        }
        Files.writeString(profiles, lines);

        Map<String, Integer> answers = new ConcurrentHashMap<>();
        Child first = Child.start(data, profiles);
        AtomicInteger accepted = new AtomicInteger();
        CountDownLatch enough = new CountDownLatch(1);
        ExecutorService posters = Executors.newFixedThreadPool(4);
        try {
            // 40 deliveries a second, at most four in flight; the kill lands while they keep coming.
            for (int i = 0; i < DELIVERIES; i++) {
                String id = "msg_kill_" + i;
                int n = i;
                posters.submit(() -> {
                    int status = post(first.base, id, n);
                    answers.merge(id, status, (a, b) -> a == 202 || a == 200 ? a : b);
                    if (status == 202 && accepted.incrementAndGet() >= KILL_AFTER_ACCEPTED) {
                        enough.countDown();
                    }
                });
                Thread.sleep(25);
                if (enough.getCount() == 0) {
                    break;
                }
            }
            assertThat(enough.await(120, TimeUnit.SECONDS)).as("deliveries accepted before the kill").isTrue();
            first.process.destroyForcibly();
            assertThat(first.process.waitFor(60, TimeUnit.SECONDS)).as("killed").isTrue();
        } finally {
            posters.shutdownNow();
            posters.awaitTermination(30, TimeUnit.SECONDS);
            first.process.destroyForcibly();
        }
        Set<String> acceptedBeforeKill = Set.copyOf(answers.entrySet().stream().filter(e -> e.getValue() == 202).map(Map.Entry::getKey).toList());
        assertThat(acceptedBeforeKill.size()).isGreaterThanOrEqualTo(KILL_AFTER_ACCEPTED).isLessThan(DELIVERIES);

        Child second = Child.start(data, profiles);
        try {
            String banner = second.banner();
            System.out.print(banner);
            assertThat(banner).contains("durability  --data");
            // The provider retries what it has no 2xx for; a duplicate answer means "already queued".
            for (int i = 0; i < DELIVERIES; i++) {
                String id = "msg_kill_" + i;
                Integer before = answers.get(id);
                if (before != null && (before == 202 || before == 200)) {
                    continue;
                }
                int status = 0;
                for (int attempt = 0; attempt < 60 && status != 202 && status != 200; attempt++) {
                    if (attempt > 0) {
                        Thread.sleep(1000); // 503 delivery_in_progress until a crashed claim's lease ends
                    }
                    status = post(second.base, id, i);
                }
                assertThat(status).as("retry of " + id).isIn(200, 202);
                answers.put(id, status);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (outboxSignals(second.base).size() < DELIVERIES && System.nanoTime() < deadline) {
                Thread.sleep(250);
            }
        } finally {
            second.stop();
        }

        // Count from what survived on disk: the signal ledger, the response records, the outbox journal.
        Map<String, String> signalStates = new HashMap<>();
        Map<String, String> responseStatuses = new HashMap<>();
        try (EmbeddedDynamoDb.InProcess ddb = EmbeddedDynamoDb.inProcess(data.resolve("dynamodb"))) {
            DynamoDbClient dynamo = ddb.client();
            dynamo.scanPaginator(b -> b.tableName(LocalRuntime.PREFIX + "signals")).items()
                    .forEach(item -> signalStates.put(item.get("signalId").s(), item.get("state").s()));
            dynamo.scanPaginator(b -> b.tableName(LocalRuntime.PREFIX + "responses")).items()
                    .forEach(item -> responseStatuses.put(item.get("signalId").s(), str(item.get("status"))));
        }
        Map<String, Integer> sends = new HashMap<>();
        for (String line : Files.readAllLines(data.resolve("outbox.jsonl"))) {
            if (!line.isBlank()) {
                sends.merge(Json.mapper().readTree(line).get("responseId").asText(), 1, Integer::sum);
            }
        }
        int decided = 0;
        int sent = 0;
        List<String> lost = new ArrayList<>();
        for (int i = 0; i < DELIVERIES; i++) {
            String signalId = "standard:msg_kill_" + i;
            boolean done = "DONE".equals(signalStates.get(signalId));
            boolean isSent = "SENT".equals(responseStatuses.get(signalId));
            decided += done ? 1 : 0;
            sent += isSent ? 1 : 0;
            if (!done || !isSent) {
                lost.add(signalId + " " + signalStates.get(signalId) + "/" + responseStatuses.get(signalId));
            }
        }
        int duplicated = sends.values().stream().mapToInt(c -> c - 1).sum();
        System.out.printf("kill-restart: accepted before kill %d, decided %d, sent %d, lost %d, duplicated %d%n",
                acceptedBeforeKill.size(), decided, sent, lost.size(), duplicated);
        assertThat(lost).as("lost").isEmpty();
        assertThat(duplicated).as("duplicated sends").isZero();
        assertThat(sends).as("one outbox entry per reply").hasSize(DELIVERIES);
        assertThat(signalStates.keySet()).as("each delivery decided once, nothing else").hasSize(DELIVERIES);
    }

    private static final String UNSUBSCRIBE_KEY = "kill-restart-unsubscribe-key-0123";
    private static final String FEEDBACK_SECRET = "whsec_" + java.util.Base64.getEncoder().encodeToString(
            "kill-restart-feedback-0123456789".getBytes(StandardCharsets.UTF_8));

    /**
     * What Right Time queues itself is a promise too: a one-click unsubscribe (200) and an inbound
     * STOP (202 from the signed POST /feedback) answered just before {@code kill -9} are decided after
     * the restart (the delivery ledger kept them; the start-up sweep queued them again if the queue
     * lost them), each once. Whether the kill lands before or after decide ran, the outcome is the same.
     */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void anAcknowledgedUnsubscribeAndStopAreNotLostAcrossAKill() throws Exception {
        Path data = dir.resolve("data-unsubscribe");
        Path profiles = dir.resolve("profiles-unsubscribe.jsonl");
        Files.writeString(profiles, "{\"customerId\":\"u1\",\"timezone\":\"UTC\",\"consent\":{\"email\":true,\"sms\":true},"
                + "\"addresses\":{\"email\":\"u1@example.com\",\"phone\":\"+4915112345678\"},\"preferredChannel\":\"email\"}\n");
        String token = new dev.righttime.deliverability.UnsubscribeTokens(List.of(UNSUBSCRIBE_KEY)).sign(
                new dev.righttime.deliverability.UnsubscribeTokens.Claims("u1", dev.righttime.model.Channel.EMAIL, null,
                        Instant.now().plus(Duration.ofDays(1))));
        String stop = "{\"originationNumber\":\"+4915112345678\",\"messageBody\":\"STOP\",\"inboundMessageId\":\"in-kill-1\"}";

        Child first = Child.start(data, profiles);
        try {
            HttpResponse<String> unsubscribed = HTTP.send(HttpRequest.newBuilder(URI.create(first.base + "/unsubscribe?token="
                            + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(20))
                    .header("content-type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(unsubscribed.statusCode()).as(unsubscribed.body()).isEqualTo(200);
            assertThat(signedPost(first.base + "/feedback", "fb-kill-1", stop, FEEDBACK_SECRET)).isEqualTo(202);
        } finally {
            first.process.destroyForcibly();
            assertThat(first.process.waitFor(60, TimeUnit.SECONDS)).as("killed").isTrue();
        }

        Child second = Child.start(data, null);   // not seeded again: that would put the old consent back
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            JsonNode consent = null;
            while (System.nanoTime() < deadline) {
                HttpResponse<String> p = HTTP.send(HttpRequest.newBuilder(URI.create(second.base + "/profiles/u1"))
                        .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + TOKEN).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(p.statusCode()).as(p.body()).isEqualTo(200);
                consent = Json.mapper().readTree(p.body()).path("profile").has("consent")
                        ? Json.mapper().readTree(p.body()).path("profile").path("consent") : Json.mapper().readTree(p.body()).path("consent");
                if (consent.path("email").isBoolean() && !consent.path("email").asBoolean()
                        && consent.path("sms").isBoolean() && !consent.path("sms").asBoolean()) {
                    break;
                }
                Thread.sleep(250);
            }
            assertThat(consent).as("consent after the restart").isNotNull();
            assertThat(consent.path("email").asText()).as("email consent after the restart").isEqualTo("false");
            assertThat(consent.path("sms").asText()).as("sms consent after the restart").isEqualTo("false");
        } finally {
            second.stop();
        }
        Map<String, String> states = new HashMap<>();
        try (EmbeddedDynamoDb.InProcess ddb = EmbeddedDynamoDb.inProcess(data.resolve("dynamodb"))) {
            ddb.client().scanPaginator(b -> b.tableName(LocalRuntime.PREFIX + "signals")).items()
                    .forEach(item -> states.put(item.get("signalId").s(), item.get("state").s()));
        }
        assertThat(states).as("the unsubscribe and the STOP, each decided once").hasSize(2).containsEntry("sms:in-kill-1", "DONE")
                .allSatisfy((id, state) -> assertThat(state).isEqualTo("DONE"));
        assertThat(states.keySet()).anySatisfy(id -> assertThat(id).startsWith("righttime:unsubscribed:"));
    }

    private static int signedPost(String url, String id, String body, String secret) {
        Instant now = Instant.now();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String sig = StandardWebhooksScheme.sign(new StandardWebhooksScheme().key(secret), id, now.getEpochSecond(), bytes);
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                    .header("content-type", "application/json").header("webhook-id", id)
                    .header("webhook-timestamp", Long.toString(now.getEpochSecond())).header("webhook-signature", sig)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String str(AttributeValue v) {
        return v == null ? null : v.s();
    }

    private static int post(String base, String id, int customer) {
        Instant now = Instant.now();
        String body = "{\"type\":\"support.ticket_opened\",\"occurredAt\":\"" + now + "\",\"customerRef\":{\"email\":\"k" + customer
                + "@example.com\"},\"attributes\":{\"channel\":\"email\",\"subject\":\"Where is my order?\"}}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        StandardWebhooksScheme scheme = new StandardWebhooksScheme();
        String sig = StandardWebhooksScheme.sign(scheme.key(SECRET), id, now.getEpochSecond(), bytes);
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/webhooks/standard"))
                    .timeout(Duration.ofSeconds(20))
                    .header("content-type", "application/json")
                    .header("webhook-id", id)
                    .header("webhook-timestamp", Long.toString(now.getEpochSecond()))
                    .header("webhook-signature", sig)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1; // no answer: the kill, or not listening
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static Set<String> outboxSignals(String base) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/outbox")).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Set<String> ids = new java.util.HashSet<>();
        for (JsonNode e : Json.mapper().readTree(r.body())) {
            ids.add(e.get("signalId").asText());
        }
        return ids;
    }

    /** A {@code serve} JVM on the test classpath (in {@code mvn verify} the shaded jar is built only after this runs). */
    private record Child(Process process, String base, LinkedBlockingQueue<String> output) {

        static Child start(Path data, Path profiles) throws Exception {
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-cp", classpath, "dev.righttime.local.Main", "serve", "--port", "0", "--data", data.toString()));
            if (profiles != null) {   // --profiles saves them at every start
                command.addAll(List.of("--profiles", profiles.toString()));
            }
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().put("RIGHTTIME_SECRET_STANDARD", SECRET);
            pb.environment().put("RIGHTTIME_ADMIN_TOKEN", TOKEN);
            pb.environment().put("UNSUBSCRIBE_SECRET", UNSUBSCRIBE_KEY);
            pb.environment().put("RIGHTTIME_SECRET_FEEDBACK", FEEDBACK_SECRET);
            Process p = pb.start();
            LinkedBlockingQueue<String> output = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        output.add(line);
                    }
                } catch (IOException ignored) {
                    // The process is gone.
                }
            }, "serve-output");
            reader.setDaemon(true);
            reader.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            StringBuilder seen = new StringBuilder();
            while (System.nanoTime() < deadline) {
                String line = output.poll(1, TimeUnit.SECONDS);
                if (line == null) {
                    if (!p.isAlive()) {
                        break;
                    }
                    continue;
                }
                seen.append(line).append('\n');
                Matcher m = RUNNING.matcher(line);
                if (m.find()) {
                    return new Child(p, m.group(1), output);
                }
            }
            p.destroyForcibly();
            throw new AssertionError("serve did not start:\n" + seen);
        }

        /** The banner lines printed after the URL (read until "Press Ctrl-C"). */
        String banner() throws InterruptedException {
            StringBuilder b = new StringBuilder();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                String line = output.poll(1, TimeUnit.SECONDS);
                if (line != null) {
                    b.append(line).append('\n');
                    if (line.startsWith("Press Ctrl-C")) {
                        break;
                    }
                }
            }
            return b.toString();
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
