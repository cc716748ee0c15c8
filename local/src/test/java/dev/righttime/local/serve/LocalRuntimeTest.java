package dev.righttime.local.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.righttime.model.CustomerProfile;
import dev.righttime.model.Json;
import dev.righttime.model.ResponseStatus;
import dev.righttime.webhook.StandardWebhooksScheme;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.Message;

/** serve's runtime end to end over HTTP: signed webhook in, decision recorded, message queued or scheduled. */
class LocalRuntimeTest {

    static final String ADA = """
            {"customerId":"c1","timezone":"Europe/Berlin","consent":{"email":true},"addresses":{"email":"ada@example.com"},"preferredChannel":"email"}""";

    @TempDir
    Path data;

    final HttpClient http = HttpClient.newHttpClient();
    final Map<String, String> env = new HashMap<>(Map.of(
            "RIGHTTIME_SECRET_STANDARD", "whsec_" + java.util.Base64.getEncoder().encodeToString("local-test-secret-123456".getBytes()),
            "RIGHTTIME_ADMIN_TOKEN", "test-token"));

    LocalRuntime start(FastClock clock, Path dataDir) throws Exception {
        LocalRuntime.Options o = LocalRuntime.Options.defaults().withPort(0).withClock(clock).withEnv(env::get).withData(dataDir);
        LocalRuntime rt = new LocalRuntime(o);
        rt.seed(List.of(Json.mapper().readValue(ADA, CustomerProfile.class)));
        return rt;
    }

    HttpResponse<String> post(LocalRuntime rt, String id, String body, Instant signedAt) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        StandardWebhooksScheme scheme = new StandardWebhooksScheme();
        String sig = StandardWebhooksScheme.sign(scheme.key(env.get("RIGHTTIME_SECRET_STANDARD")), id, signedAt.getEpochSecond(), bytes);
        return http.send(HttpRequest.newBuilder(URI.create(rt.baseUrl() + "/webhooks/standard"))
                .header("content-type", "application/json")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(signedAt.getEpochSecond()))
                .header("webhook-signature", sig)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s");
            }
            Thread.sleep(50);
        }
    }

    static String signal(String type, Instant at, String attributes) {
        return "{\"type\":\"" + type + "\",\"occurredAt\":\"" + at + "\",\"customerRef\":{\"email\":\"ada@example.com\"},\"attributes\":" + attributes + "}";
    }

    List<Message> drain(LocalRuntime rt, String queue) {
        String url = rt.queues().get(queue).url();
        return rt.sqs().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
    }

    @Test
    void aTicketIsAnsweredNowAndARetryIsADuplicate() throws Exception {
        Instant now = Instant.parse("2026-03-02T10:00:00Z");
        try (LocalRuntime rt = start(new FastClock(now, 1), null)) {
            assertThat(http.send(HttpRequest.newBuilder(URI.create(rt.baseUrl() + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            String body = signal("support.ticket_opened", now, "{\"channel\":\"email\"}");
            HttpResponse<String> first = post(rt, "msg_ticket_1", body, now);
            assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
            assertThat(first.body()).contains("\"signalId\":\"standard:msg_ticket_1\"");
            assertThat(post(rt, "msg_ticket_1", body, now).body()).contains("duplicate");

            await(() -> !rt.decisions().latest(10).isEmpty());
            assertThat(rt.decisions().latest(10)).singleElement()
                    .satisfies(d -> assertThat(d.outcome().name()).isEqualTo("SEND_NOW"));
            List<Message> queued = drain(rt, "email");
            assertThat(queued).hasSize(1);
            assertThat(rt.responses().get(queued.get(0).body())).hasValueSatisfying(r -> {
                assertThat(r.signalId()).isEqualTo("standard:msg_ticket_1");
                assertThat(r.status()).isEqualTo(ResponseStatus.SCHEDULED);
            });
        }
    }

    @Test
    void aScheduledReminderSurvivesARestartWithDataAndFiresOnce() throws Exception {
        Instant now = Instant.parse("2026-03-02T10:00:00Z");
        FastClock clock = new FastClock(now, 1);
        String responseId;
        try (LocalRuntime rt = start(clock, data)) {
            HttpResponse<String> r = post(rt, "msg_cart_1", signal("commerce.cart_abandoned", now, "{}"), now);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            await(() -> rt.scheduler().pending() == 1);
            responseId = rt.responses().forCustomer("c1", now).get(0).responseId();
        }
        // Down while the reminder came due (an hour later): the restart fires it, once.
        clock.advance(Duration.ofHours(2));
        try (LocalRuntime rt = start(clock, data)) {
            await(() -> rt.scheduler().pending() == 0);
            List<Message> queued = drain(rt, "email");
            assertThat(queued).extracting(Message::body).containsExactly(responseId);
            assertThat(drain(rt, "email")).isEmpty();
        }
    }
}
