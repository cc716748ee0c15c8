package dev.righttime.local.serve;

import static dev.righttime.local.serve.LocalFlow.signal;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.righttime.model.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * serve's HTTP server against clients that trickle, overflow or lie: each is answered with the
 * spec's JSON error (never a dropped connection), and slow clients do not stop anyone else.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileClientsTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private LocalRuntime rt;

    @BeforeAll
    void start() throws Exception {
        rt = LocalFlow.start(LocalFlow.options(new FastClock(NOW, 1), null));
    }

    @AfterAll
    void stop() {
        rt.close();
    }

    @Test
    void fiftySlowClientsDoNotStopHealthOrWebhooks() throws Exception {
        List<Socket> slow = new ArrayList<>();
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int i = 0; i < 50; i++) {
                Socket s = new Socket(InetAddress.getLoopbackAddress(), rt.port());
                // Half stop in the headers, half in the body; then one byte a second.
                String start = "POST /webhooks/standard HTTP/1.1\r\nHost: 127.0.0.1:" + rt.port() + "\r\n"
                        + (i % 2 == 0 ? "X-Slow: " : "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{");
                s.getOutputStream().write(start.getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                slow.add(s);
            }
            trickle.scheduleAtFixedRate(() -> slow.forEach(s -> {
                try {
                    s.getOutputStream().write('a');
                    s.getOutputStream().flush();
                } catch (IOException closed) {
                    // The server may close a slow client: that is allowed.
                }
            }), 1, 1, TimeUnit.SECONDS);

            HttpResponse<String> health = LocalFlow.HTTP.send(HttpRequest.newBuilder(URI.create(rt.baseUrl() + "/healthz"))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            HttpResponse<String> webhook = LocalFlow.post(rt, "msg_slow_1",
                    signal("support.ticket_opened", NOW, "{\"channel\":\"email\"}"), NOW);
            assertThat(webhook.statusCode()).as(webhook.body()).isEqualTo(202);
        } finally {
            trickle.shutdownNow();
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    @Test
    void anOverlongRequestLineIs414Json() throws Exception {
        Raw r = raw("GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: 127.0.0.1:" + rt.port() + "\r\n\r\n");
        assertThat(r.status).isEqualTo(414);
        assertThat(r.json().get("error").asText()).isEqualTo("uri_too_long");
    }

    @Test
    void aThousandHeadersOrOneHugeHeaderAre431Json() throws Exception {
        StringBuilder many = new StringBuilder("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:" + rt.port() + "\r\n");
        for (int i = 0; i < 1000; i++) {
            many.append("X-Header-").append(i).append(": value\r\n");
        }
        Raw r = raw(many.append("\r\n").toString());
        assertThat(r.status).isEqualTo(431);
        assertThat(r.json().get("error").asText()).isEqualTo("request_header_fields_too_large");

        Raw huge = raw("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:" + rt.port() + "\r\nX-Big: " + "b".repeat(512 * 1024) + "\r\n\r\n");
        assertThat(huge.status).isEqualTo(431);
        assertThat(huge.json().has("message")).isTrue();
    }

    @Test
    void aMalformedChunkedBodyIs400Json() throws Exception {
        Raw r = raw("POST /webhooks/standard HTTP/1.1\r\nHost: 127.0.0.1:" + rt.port()
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\n{}\r\n0\r\n\r\n");
        assertThat(r.status).isEqualTo(400);
        assertThat(r.json().get("error").asText()).isEqualTo("bad_request");
    }

    @Test
    void aLongApprovalIdIs400NotADroppedConnection() throws Exception {
        HttpResponse<String> r = LocalFlow.HTTP.send(HttpRequest.newBuilder(
                        URI.create(rt.baseUrl() + "/approvals/" + "r".repeat(3000) + "/approve"))
                .header("Authorization", "Bearer test-token").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Json.mapper().readTree(r.body()).get("error").asText()).isEqualTo("invalid_id");
    }

    @Test
    void aWebhookIdOverTheKeyLimitIsAPermanent400() throws Exception {
        HttpResponse<String> r = LocalFlow.post(rt, "msg_" + "x".repeat(3000),
                signal("support.ticket_opened", NOW, "{\"channel\":\"email\"}"), NOW);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(Json.mapper().readTree(r.body()).get("error").asText()).isEqualTo("invalid_id");
    }

    @Test
    void anotherHostIsRefusedOnEveryRoute() throws Exception {
        for (String path : List.of("/healthz", "/", "/outbox", "/webhooks/standard", "/approvals")) {
            Raw r = raw("GET " + path + " HTTP/1.1\r\nHost: evil.example:" + rt.port() + "\r\n\r\n");
            assertThat(r.status).as(path).isEqualTo(421);
            assertThat(r.json().get("error").asText()).isEqualTo("misdirected_request");
        }
        assertThat(raw("GET /healthz HTTP/1.1\r\nHost: localhost:" + rt.port() + "\r\n\r\n").status).isEqualTo(200);
    }

    @Test
    void outboxAndDecisionsNeedTheAdminToken() throws Exception {
        for (String path : List.of("/outbox", "/decisions")) {
            HttpResponse<String> anonymous = LocalFlow.get(rt, path, null);
            assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
            assertThat(Json.mapper().readTree(anonymous.body()).get("error").asText()).isEqualTo("unauthorized");
            assertThat(LocalFlow.get(rt, path, "wrong").statusCode()).isEqualTo(401);
            assertThat(LocalFlow.get(rt, path, "test-token").statusCode()).isEqualTo(200);
        }
    }

    /** A status and body read off a raw socket (the request written in full first). */
    private record Raw(int status, String body) {
        JsonNode json() throws IOException {
            return Json.mapper().readTree(body);
        }
    }

    private Raw raw(String request) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), rt.port())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            // Write from another thread: the server may answer (and stop reading) before all of it is sent.
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    out.write(request.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException stopped) {
                    // The server answered and closed: the answer is what counts.
                }
            });
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int headerEnd = -1;
            int length = -1;
            while (true) {
                int n;
                try {
                    n = in.read(buf);
                } catch (IOException reset) {
                    break;
                }
                if (n < 0) {
                    break;
                }
                got.write(buf, 0, n);
                String text = got.toString(StandardCharsets.ISO_8859_1);
                if (headerEnd < 0 && (headerEnd = text.indexOf("\r\n\r\n")) >= 0) {
                    for (String line : text.substring(0, headerEnd).split("\r\n")) {
                        if (line.toLowerCase().startsWith("content-length:")) {
                            length = Integer.parseInt(line.substring(15).trim());
                        }
                    }
                }
                if (headerEnd >= 0 && length >= 0 && got.size() >= headerEnd + 4 + length) {
                    break;
                }
            }
            writer.interrupt();
            String text = got.toString(StandardCharsets.UTF_8);
            assertThat(text).as("an HTTP answer, not a dropped connection").startsWith("HTTP/1.1 ");
            int status = Integer.parseInt(text.substring(9, 12));
            int end = text.indexOf("\r\n\r\n");
            return new Raw(status, end < 0 ? "" : text.substring(end + 4));
        }
    }
}
