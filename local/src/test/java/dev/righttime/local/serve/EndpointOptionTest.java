package dev.righttime.local.serve;

import static dev.righttime.local.serve.LocalFlow.await;
import static dev.righttime.local.serve.LocalFlow.post;
import static dev.righttime.local.serve.LocalFlow.signal;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.righttime.local.embedded.EmbeddedDynamoDb;
import dev.righttime.local.embedded.EmbeddedSqs;
import dev.righttime.model.CustomerProfile;
import dev.righttime.model.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code --endpoint URL}: every client talks to that one endpoint, as with LocalStack. Here the
 * endpoint is a small router (by X-Amz-Target, as LocalStack routes) in front of DynamoDB Local
 * and ElasticMQ, which counts what each service received.
 */
class EndpointOptionTest {

    static final Set<String> HOP_BY_HOP = Set.of("host", "content-length", "connection", "transfer-encoding", "expect");

    @Test
    void everyClientUsesTheGivenEndpoint() throws Exception {
        AtomicInteger dynamoCalls = new AtomicInteger();
        AtomicInteger sqsCalls = new AtomicInteger();
        HttpClient forward = HttpClient.newHttpClient();
        try (EmbeddedDynamoDb ddb = EmbeddedDynamoDb.start(null); EmbeddedSqs mq = EmbeddedSqs.start()) {
            HttpServer router = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
            router.createContext("/", exchange -> route(exchange, forward, ddb.endpoint(), mq.endpoint(), dynamoCalls, sqsCalls));
            router.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
            router.start();
            URI endpoint = URI.create("http://127.0.0.1:" + router.getAddress().getPort());
            Instant now = Instant.parse("2026-03-02T10:00:00Z");
            LocalRuntime.Options o = LocalRuntime.Options.defaults().withPort(0).withClock(new FastClock(now, 1))
                    .withEnv(LocalFlow.ENV::get).withEndpoint(endpoint);
            try (LocalRuntime rt = new LocalRuntime(o)) {
                // A known customer: a ticket of someone not known yet would wait for a link (README).
                rt.seed(List.of(Json.mapper().readValue(LocalFlow.ADA, CustomerProfile.class)));
                assertThat(rt.storesDescription()).contains(endpoint.toString());
                HttpResponse<String> r = post(rt, "msg_ticket_e", signal("support.ticket_opened", now, "{\"channel\":\"email\"}"), now);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
                await(() -> !rt.decisions().latest(1).isEmpty());
            } finally {
                router.stop(0);
            }
        }
        assertThat(dynamoCalls.get()).isGreaterThan(5);
        assertThat(sqsCalls.get()).isGreaterThan(5);
    }

    private static void route(HttpExchange exchange, HttpClient forward, URI dynamo, URI sqs,
                              AtomicInteger dynamoCalls, AtomicInteger sqsCalls) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            boolean isDynamo = target != null && target.startsWith("DynamoDB");
            (isDynamo ? dynamoCalls : sqsCalls).incrementAndGet();
            URI to = (isDynamo ? dynamo : sqs).resolve(exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
            HttpRequest.Builder b = HttpRequest.newBuilder(to)
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(exchange.getRequestBody().readAllBytes()));
            exchange.getRequestHeaders().forEach((k, v) -> {
                if (!HOP_BY_HOP.contains(k.toLowerCase(Locale.ROOT))) {
                    v.forEach(value -> b.header(k, value));
                }
            });
            HttpResponse<byte[]> response = forward.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().map().forEach((k, v) -> {
                if (!HOP_BY_HOP.contains(k.toLowerCase(Locale.ROOT)) && !k.startsWith(":")) {
                    exchange.getResponseHeaders().put(k, v);
                }
            });
            exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
            if (response.body().length > 0) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(response.body());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
