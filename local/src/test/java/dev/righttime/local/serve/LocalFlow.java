package dev.righttime.local.serve;

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
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.sqs.model.Message;

/** Test helpers for the local runtime: start it, post signed canonical signals, wait, read queues. */
final class LocalFlow {

    static final String ADA = """
            {"customerId":"c1","timezone":"Europe/Berlin","consent":{"email":true},"addresses":{"email":"ada@example.com"},"preferredChannel":"email"}""";

    static final Map<String, String> ENV = Map.of(
            "RIGHTTIME_SECRET_STANDARD", "whsec_" + Base64.getEncoder().encodeToString("local-test-secret-123456".getBytes(StandardCharsets.UTF_8)),
            "RIGHTTIME_ADMIN_TOKEN", "test-token");

    static final HttpClient HTTP = HttpClient.newHttpClient();

    private LocalFlow() {
    }

    static LocalRuntime.Options options(FastClock clock, Path dataDir) {
        return LocalRuntime.Options.defaults().withPort(0).withClock(clock).withEnv(ENV::get).withData(dataDir);
    }

    static LocalRuntime start(LocalRuntime.Options options) throws Exception {
        LocalRuntime rt = new LocalRuntime(options);
        rt.seed(List.of(Json.mapper().readValue(ADA, CustomerProfile.class)));
        return rt;
    }

    static HttpResponse<String> post(LocalRuntime rt, String id, String body, Instant signedAt) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        StandardWebhooksScheme scheme = new StandardWebhooksScheme();
        String sig = StandardWebhooksScheme.sign(scheme.key(ENV.get("RIGHTTIME_SECRET_STANDARD")), id, signedAt.getEpochSecond(), bytes);
        return HTTP.send(HttpRequest.newBuilder(URI.create(rt.baseUrl() + "/webhooks/standard"))
                .header("content-type", "application/json")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(signedAt.getEpochSecond()))
                .header("webhook-signature", sig)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(LocalRuntime rt, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(rt.baseUrl() + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
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

    /**
     * Waits until the response record has {@code status}. A sender puts the message in the outbox
     * before it marks the record SENT (claim, send, mark), so an outbox entry alone does not mean SENT yet.
     */
    static void awaitStatus(LocalRuntime rt, String responseId, ResponseStatus status) throws InterruptedException {
        await(() -> rt.responses().get(responseId).map(r -> r.status() == status).orElse(false));
    }

    static String signal(String type, Instant at, String attributes) {
        return "{\"type\":\"" + type + "\",\"occurredAt\":\"" + at + "\",\"customerRef\":{\"email\":\"ada@example.com\"},\"attributes\":" + attributes + "}";
    }

    static List<Message> drain(LocalRuntime rt, String queue) {
        String url = rt.queues().get(queue).url();
        return rt.sqs().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
    }
}
