package dev.righttime.local.serve;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.righttime.model.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.ConnectionLimit;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What API Gateway's HTTP API does, on loopback: match a route, turn the request into a payload
 * v2 event (raw body base64-encoded, so signatures see the exact bytes), call the same handler
 * class Lambda runs, and write its response back.
 *
 * <p>Served by Jetty, which parses requests without holding a thread, so slow or hostile clients
 * cost a connection, not a worker: the body is read asynchronously and a handler runs only once
 * it is complete. Limits: request line and headers 8 KiB (414 / 431), bodies 10 MB (413), idle
 * connections closed after 30 s, a body must arrive within 30 s (408), at most 512 connections
 * (on loopback every client is the same address, so this is also the per-client bound). Every
 * refusal, Jetty's own included, is the spec's {@code {"error","message"}} JSON; a handler that
 * throws is a 500. Requests whose Host is not this server's own (127.0.0.1:port, localhost:port)
 * are refused (421) on every route, so a page on another site cannot reach it by DNS rebinding.
 */
public final class HttpGateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpGateway.class);
    /** API Gateway's own payload limit is 10 MB; ingest enforces the spec's 256 KiB itself. */
    private static final int MAX_BODY = 10 * 1024 * 1024;
    static final int MAX_HEADER_BYTES = 8 * 1024;
    static final long IDLE_TIMEOUT_MS = 30_000;
    static final long BODY_TIMEOUT_MS = 30_000;
    static final int MAX_CONNECTIONS = 512;
    /** Path parameters are ids: bounded at the edge (length, printable, no separators) on every route. */
    static final int MAX_PARAM_LENGTH = 256;
    private static final Pattern PARAM = Pattern.compile("[\\x21-\\x7E&&[^/\\\\]]{1,256}");

    /** A route: method (or ANY), path template with {params}, and what answers it. */
    public record Route(String method, String path, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {
        String routeKey() {
            return method + " " + path;
        }
    }

    /** What a route served here sees of its request. */
    public record Exchange(String method, String path, String rawQuery, Map<String, String> headers) {
        /** A header's value (names are case-insensitive), or null. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** A response of a route served here rather than by a handler (health, outbox, the page). */
    public record Reply(int status, String contentType, byte[] body) {
        public static Reply json(int status, Object value) {
            try {
                return new Reply(status, "application/json", Json.mapper().writeValueAsBytes(value));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        public static Reply error(int status, String error, String message) {
            return json(status, Map.of("error", error, "message", message));
        }
    }

    private final List<Route> routes = new ArrayList<>();
    private final Map<String, Function<Exchange, Reply>> plain = new LinkedHashMap<>();
    private final Server server;
    private final ServerConnector connector;
    private final QueuedThreadPool workers;
    private final Foreground foreground;
    private volatile Set<String> ownHosts = Set.of();

    public HttpGateway(String host, int port) {
        this(host, port, new Foreground(0));
    }

    /** A gateway that marks each webhook request on {@code foreground}, so queue pollers give way to it. */
    public HttpGateway(String host, int port, Foreground foreground) {
        this.foreground = foreground;
        workers = new QueuedThreadPool(48, 4);
        workers.setName("http");
        workers.setDaemon(true);
        server = new Server(workers);
        HttpConfiguration config = new HttpConfiguration();
        config.setRequestHeaderSize(MAX_HEADER_BYTES);
        config.setSendServerVersion(false);
        config.setSendDateHeader(false);
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(config));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(IDLE_TIMEOUT_MS);
        connector.setAcceptQueueSize(256);
        server.addConnector(connector);
        server.addBean(new ConnectionLimit(MAX_CONNECTIONS, server));
        server.setErrorHandler(new JsonErrors());
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                serve(request, response, callback);
                return true;
            }
        });
    }

    public HttpGateway route(String method, String path, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {
        routes.add(new Route(method, path, handler));
        return this;
    }

    /** An exact GET path answered in-process. */
    public HttpGateway get(String path, Function<Exchange, Reply> reply) {
        plain.put(path, reply);
        return this;
    }

    public HttpGateway start() throws IOException {
        try {
            server.start();
        } catch (IOException e) {
            if (e.getCause() instanceof java.net.BindException bind) {
                throw bind;
            }
            throw e;
        } catch (Exception e) {
            throw new IOException("the HTTP server did not start: " + e.getMessage(), e);
        }
        int p = port();
        ownHosts = Set.of("127.0.0.1:" + p, "localhost:" + p);
        return this;
    }

    public int port() {
        return connector.getLocalPort();
    }

    private void serve(Request request, Response response, Callback callback) {
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        String rawPath = request.getHttpURI().getPath() == null ? "/" : request.getHttpURI().getPath();
        String host = request.getHeaders().get(HttpHeader.HOST);
        if (host == null || !ownHosts.contains(host.toLowerCase(Locale.ROOT))) {
            write(response, callback, method, Reply.error(421, "misdirected_request",
                    "this server answers only as 127.0.0.1:" + port() + " or localhost:" + port()));
            return;
        }
        boolean webhook = rawPath.startsWith("/webhooks/");
        long arrived = System.nanoTime();
        if (webhook) {
            foreground.request();
        }
        Exchange exchange = new Exchange(method, rawPath, request.getHttpURI().getQuery(), headers(request));
        if ((method.equals("GET") || method.equals("HEAD")) && plain.containsKey(rawPath)) {
            workers.execute(() -> {
                Reply reply;
                try {
                    reply = plain.get(rawPath).apply(exchange);
                } catch (RuntimeException e) {
                    LOG.error("request failed: {}", e.getClass().getSimpleName(), e);
                    reply = Reply.error(500, "internal_error", "the server failed");
                }
                write(response, callback, method, reply);
            });
            return;
        }
        Map<String, String> params = new HashMap<>();
        Route matched = null;
        boolean pathMatched = false;
        for (Route r : routes) {
            Map<String, String> p = match(r.path(), rawPath);
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
            write(response, callback, method, Reply.error(pathMatched ? 405 : 404,
                    pathMatched ? "method_not_allowed" : "not_found",
                    pathMatched ? "no " + method + " route for this path" : "no route for this path"));
            return;
        }
        for (String value : params.values()) {
            if (!PARAM.matcher(value).matches()) {
                write(response, callback, method, Reply.error(400, "invalid_id",
                        "a path id must be 1 to " + MAX_PARAM_LENGTH + " printable characters"));
                return;
            }
        }
        long declared = request.getLength();
        if (declared > MAX_BODY) {
            write(response, callback, method, Reply.error(413, "payload_too_large", "request body over 10 MB"));
            return;
        }
        Route route = matched;
        Map<String, String> pathParams = params;
        // Read the body without a thread; the handler runs on a worker once it is all here.
        CompletableFuture<byte[]> body = Content.Source.asByteArrayAsync(request, MAX_BODY)
                .orTimeout(BODY_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        body.whenCompleteAsync((bytes, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                Reply refusal = cause instanceof java.util.concurrent.TimeoutException
                        ? Reply.error(408, "request_timeout", "the body did not arrive within " + BODY_TIMEOUT_MS / 1000 + " s")
                        : cause instanceof IllegalArgumentException || cause instanceof ArithmeticException
                        ? Reply.error(413, "payload_too_large", "request body over 10 MB")
                        : Reply.error(400, "bad_request", "the request body could not be read");
                write(response, callback, method, refusal);
                return;
            }
            try {
                APIGatewayV2HTTPResponse out = route.handler().handleRequest(
                        toEvent(request, exchange, route, pathParams, bytes), null);
                byte[] content = out.getBody() == null ? new byte[0]
                        : out.getIsBase64Encoded() ? Base64.getDecoder().decode(out.getBody())
                        : out.getBody().getBytes(StandardCharsets.UTF_8);
                if (out.getHeaders() != null) {
                    out.getHeaders().forEach((k, v) -> response.getHeaders().put(k, v));
                }
                String type = out.getHeaders() == null ? null : out.getHeaders().entrySet().stream()
                        .filter(e -> e.getKey().equalsIgnoreCase("content-type")).map(Map.Entry::getValue).findFirst().orElse(null);
                write(response, callback, method, new Reply(out.getStatusCode(), type, content));
                if (webhook) {
                    foreground.answered(System.nanoTime() - arrived);
                }
            } catch (RuntimeException e) {
                // A handler that throws is a 500 from API Gateway too; the client may retry.
                LOG.error("request failed: {}", e.getClass().getSimpleName(), e);
                write(response, callback, method, Reply.error(500, "internal_error", "the handler failed"));
            }
        }, workers);
    }

    private static Map<String, String> headers(Request request) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (HttpField f : request.getHeaders()) {
            headers.merge(f.getLowerCaseName(), f.getValue(), (a, b) -> a + "," + b);
        }
        return headers;
    }

    static APIGatewayV2HTTPEvent toEvent(Request request, Exchange exchange, Route route, Map<String, String> params, byte[] body) {
        Map<String, String> headers = exchange.headers();
        String rawQuery = exchange.rawQuery();
        Map<String, String> query = null;
        if (rawQuery != null && !rawQuery.isEmpty()) {
            query = new LinkedHashMap<>();
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String k = decode(eq < 0 ? pair : pair.substring(0, eq));
                String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
                query.merge(k, v, (a, b) -> a + "," + b);
            }
        }
        InetSocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress() instanceof InetSocketAddress a ? a : null;
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(route.routeKey())
                .withRawPath(exchange.path())
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
                                .withMethod(exchange.method())
                                .withPath(exchange.path())
                                .withProtocol(request.getConnectionMetaData().getProtocol())
                                .withSourceIp(remote == null ? "127.0.0.1" : remote.getAddress().getHostAddress())
                                .withUserAgent(headers.get("user-agent"))
                                .build())
                        .build())
                .build();
    }

    /** A malformed escape is kept as it came: a handler then refuses the odd value, never a dropped connection. */
    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
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
                params.put(t[i].substring(1, t[i].length() - 1), decode(p[i]));
            } else if (!t[i].equals(p[i])) {
                return null;
            }
        }
        return params;
    }

    private static void write(Response response, Callback callback, String method, Reply reply) {
        try {
            response.setStatus(reply.status());
            if (reply.contentType() != null) {
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
            }
            byte[] body = reply.body() == null ? new byte[0] : reply.body();
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            if (method.equals("HEAD") || body.length == 0) {
                response.write(true, null, callback);
            } else {
                response.write(true, ByteBuffer.wrap(body), callback);
            }
        } catch (RuntimeException e) {
            callback.failed(e);
        }
    }

    /** Jetty's own refusals (bad request line, 414, 431, 408 ...) as the spec's JSON body. */
    private static final class JsonErrors extends ErrorHandler {
        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            fields.put(HttpHeader.CONTENT_TYPE, "application/json");
            return ByteBuffer.wrap(body(status));
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            int status = response.getStatus() <= 0 ? 500 : response.getStatus();
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.write(true, ByteBuffer.wrap(body(status)), callback);
            return true;
        }

        private static byte[] body(int status) {
            String error = switch (status) {
                case 400 -> "bad_request";
                case 408 -> "request_timeout";
                case 413 -> "payload_too_large";
                case 414 -> "uri_too_long";
                case 431 -> "request_header_fields_too_large";
                case 500 -> "internal_error";
                case 503 -> "unavailable";
                default -> status >= 500 ? "internal_error" : "bad_request";
            };
            String reason = HttpStatus.getMessage(status);
            return Reply.error(status, error, reason == null ? "refused" : reason).body();
        }
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("HTTP server did not stop cleanly: {}", e.getClass().getSimpleName());
        }
    }
}
