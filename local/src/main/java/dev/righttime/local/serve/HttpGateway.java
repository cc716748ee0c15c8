package dev.righttime.local.serve;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.righttime.model.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What API Gateway's HTTP API does, on loopback: match a route, turn the request into a payload
 * v2 event (raw body base64-encoded, so signatures see the exact bytes), call the same handler
 * class Lambda runs, and write its response back.
 */
public final class HttpGateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpGateway.class);
    /** API Gateway's own payload limit is 10 MB; ingest enforces the spec's 256 KiB itself. */
    private static final int MAX_BODY = 10 * 1024 * 1024;

    /** A route: method (or ANY), path template with {params}, and what answers it. */
    public record Route(String method, String path, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {
        String routeKey() {
            return method + " " + path;
        }
    }

    private final List<Route> routes = new ArrayList<>();
    private final Map<String, Function<HttpExchange, Reply>> plain = new LinkedHashMap<>();
    private final HttpServer server;
    private final Foreground foreground;
    private final ExecutorService workers = Executors.newFixedThreadPool(16, r -> {
        Thread t = new Thread(r, "http");
        t.setDaemon(true);
        return t;
    });

    /** A response of a route served here rather than by a handler (health, outbox, the page). */
    public record Reply(int status, String contentType, byte[] body) {
        public static Reply json(int status, Object value) {
            try {
                return new Reply(status, "application/json", Json.mapper().writeValueAsBytes(value));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public HttpGateway(String host, int port) throws IOException {
        this(host, port, new Foreground(0));
    }

    /** A gateway that marks each webhook request on {@code foreground}, so queue pollers give way to it. */
    public HttpGateway(String host, int port, Foreground foreground) throws IOException {
        this.foreground = foreground;
        server = HttpServer.create(new InetSocketAddress(host, port), 256);
        server.setExecutor(workers);
        server.createContext("/", this::serve);
    }

    public HttpGateway route(String method, String path, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {
        routes.add(new Route(method, path, handler));
        return this;
    }

    /** An exact GET path answered in-process. */
    public HttpGateway get(String path, Function<HttpExchange, Reply> reply) {
        plain.put(path, reply);
        return this;
    }

    public HttpGateway start() {
        server.start();
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void serve(HttpExchange exchange) {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = exchange.getRequestURI().getRawPath();
            if (path.startsWith("/webhooks/")) {
                foreground.request();
            }
            if ((method.equals("GET") || method.equals("HEAD")) && plain.containsKey(path)) {
                write(exchange, plain.get(path).apply(exchange));
                return;
            }
            Map<String, String> params = new HashMap<>();
            Route matched = null;
            boolean pathMatched = false;
            for (Route r : routes) {
                Map<String, String> p = match(r.path(), path);
                if (p != null) {
                    pathMatched = true;
                    if (r.method().equals("ANY") || r.method().equals(method)) {
                        matched = r;
                        params = p;
                        break;
                    }
                }
            }
            if (matched == null) {
                write(exchange, Reply.json(pathMatched ? 405 : 404, Map.of(
                        "error", pathMatched ? "method_not_allowed" : "not_found",
                        "message", pathMatched ? "no " + method + " route for " + path : "no route for " + path)));
                return;
            }
            byte[] body = readBody(exchange.getRequestBody());
            if (body == null) {
                write(exchange, Reply.json(413, Map.of("error", "payload_too_large", "message", "request body over 10 MB")));
                return;
            }
            APIGatewayV2HTTPResponse response = matched.handler().handleRequest(toEvent(exchange, matched, params, body), null);
            byte[] out = response.getBody() == null ? new byte[0]
                    : response.getIsBase64Encoded() ? Base64.getDecoder().decode(response.getBody())
                    : response.getBody().getBytes(StandardCharsets.UTF_8);
            if (response.getHeaders() != null) {
                response.getHeaders().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            }
            send(exchange, response.getStatusCode(), out);
        } catch (RuntimeException | IOException e) {
            // A handler that throws is a 500 from API Gateway too; the client may retry.
            LOG.error("request failed: {}", e.getClass().getSimpleName(), e);
            try {
                write(exchange, Reply.json(500, Map.of("error", "internal_error", "message", "the handler failed")));
            } catch (IOException ignored) {
                // The client is gone.
            }
        }
    }

    static APIGatewayV2HTTPEvent toEvent(HttpExchange exchange, Route route, Map<String, String> params, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
        String rawQuery = exchange.getRequestURI().getRawQuery();
        Map<String, String> query = null;
        if (rawQuery != null && !rawQuery.isEmpty()) {
            query = new LinkedHashMap<>();
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.merge(k, v, (a, b) -> a + "," + b);
            }
        }
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(route.routeKey())
                .withRawPath(exchange.getRequestURI().getRawPath())
                .withRawQueryString(rawQuery == null ? "" : rawQuery)
                .withHeaders(headers)
                .withQueryStringParameters(query)
                .withPathParameters(params.isEmpty() ? null : params)
                .withBody(body.length == 0 ? null : Base64.getEncoder().encodeToString(body))
                .withIsBase64Encoded(body.length > 0)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRouteKey(route.routeKey())
                        .withRequestId(UUID.randomUUID().toString())
                        .withTimeEpoch(Instant.now().toEpochMilli())
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method)
                                .withPath(exchange.getRequestURI().getRawPath())
                                .withProtocol(exchange.getProtocol())
                                .withSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress())
                                .withUserAgent(headers.get("user-agent"))
                                .build())
                        .build())
                .build();
    }

    /** Path parameters if the template matches the path, else null. */
    static Map<String, String> match(String template, String path) {
        String[] t = template.split("/", -1);
        String[] p = path.split("/", -1);
        if (t.length != p.length) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < t.length; i++) {
            if (t[i].startsWith("{") && t[i].endsWith("}")) {
                if (p[i].isEmpty()) {
                    return null;
                }
                params.put(t[i].substring(1, t[i].length() - 1), URLDecoder.decode(p[i], StandardCharsets.UTF_8));
            } else if (!t[i].equals(p[i])) {
                return null;
            }
        }
        return params;
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        return body.length > MAX_BODY ? null : body;
    }

    private static void write(HttpExchange exchange, Reply reply) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        send(exchange, reply.status(), reply.body());
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        boolean head = exchange.getRequestMethod().equalsIgnoreCase("HEAD");
        exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
