package dev.righttime.aws;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An SDK HTTP client that never opens a connection: each request is answered in memory by a
 * function of the request (method, path, headers, body). SnapStart priming builds throwaway SDK
 * clients on it, so their whole request path runs before the snapshot without the network.
 */
public final class CannedHttpClient implements SdkHttpClient {

    /** What a canned request carries: the SDK's request and its body as text. */
    public record Request(SdkHttpRequest http, String body) {
        /** The JSON protocols' operation, e.g. {@code DynamoDB_20120810.PutItem}; empty for REST. */
        public String target() {
            return http.firstMatchingHeader("X-Amz-Target").orElse("");
        }
    }

    /** A canned answer: status, content type and body. */
    public record Response(int status, String contentType, String body) {
    }

    private final Function<Request, Response> answers;
    private final AtomicInteger calls = new AtomicInteger();

    public CannedHttpClient(Function<Request, Response> answers) {
        this.answers = answers;
    }

    /** How many requests were answered. */
    public int calls() {
        return calls.get();
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                String body = "";
                if (request.contentStreamProvider().isPresent()) {
                    try (InputStream in = request.contentStreamProvider().get().newStream()) {
                        body = new String(in.readAllBytes(), UTF_8);
                    }
                }
                Response answer = answers.apply(new Request(request.httpRequest(), body));
                calls.incrementAndGet();
                byte[] bytes = answer.body().getBytes(UTF_8);
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder()
                                .statusCode(answer.status())
                                .putHeader("Content-Type", answer.contentType())
                                .putHeader("Content-Length", Integer.toString(bytes.length))
                                .putHeader("x-amzn-RequestId", "priming")
                                .build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes)))
                        .build();
            }

            @Override
            public void abort() {
                // Nothing in flight: the answer is computed in call().
            }
        };
    }

    @Override
    public String clientName() {
        return "Canned";
    }

    @Override
    public void close() {
        // No connections, nothing to release.
    }
}
