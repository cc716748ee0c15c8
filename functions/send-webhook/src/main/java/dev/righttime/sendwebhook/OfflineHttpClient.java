package dev.righttime.sendwebhook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * A JDK {@link HttpClient} that never connects, for SnapStart priming: {@code send} reads the
 * request's body the way the real client does (subscribing to its publisher), keeps the request,
 * and answers 200 with no body through the caller's body handler. Nothing opens a socket or starts
 * a thread.
 */
final class OfflineHttpClient extends HttpClient {

    /** A request as it would have gone out, with its body. */
    record Sent(HttpRequest request, byte[] body) {
    }

    private final List<Sent> sent = new CopyOnWriteArrayList<>();

    /** Every request sent, in order. */
    List<Sent> sent() {
        return List.copyOf(sent);
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
        sent.add(new Sent(request, request.bodyPublisher().isPresent() ? read(request.bodyPublisher().get()) : new byte[0]));
        Info info = new Info(200, HttpHeaders.of(Map.of(), (name, value) -> true), Version.HTTP_1_1);
        HttpResponse.BodySubscriber<T> subscriber = handler.apply(info);
        subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                // No body to deliver.
            }

            @Override
            public void cancel() {
                // Nothing in flight.
            }
        });
        subscriber.onComplete();
        return new Answer<>(info.statusCode(), request, info.headers(), subscriber.getBody().toCompletableFuture().join());
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return CompletableFuture.completedFuture(send(request, handler));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        return sendAsync(request, handler);
    }

    /** The body as the client would write it: the publisher's buffers, in order. */
    private static byte[] read(HttpRequest.BodyPublisher publisher) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<byte[]> done = new CompletableFuture<>();
        publisher.subscribe(new Flow.Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] bytes = new byte[item.remaining()];
                item.get(bytes);
                out.writeBytes(bytes);
            }

            @Override
            public void onError(Throwable throwable) {
                done.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                done.complete(out.toByteArray());
            }
        });
        try {
            return done.get(1, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("request body not readable", e);
        }
    }

    private record Info(int statusCode, HttpHeaders headers, Version version) implements HttpResponse.ResponseInfo {
    }

    private record Answer<T>(int statusCode, HttpRequest request, HttpHeaders headers, T body) implements HttpResponse<T> {
        @Override
        public Optional<HttpResponse<T>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return request.uri();
        }

        @Override
        public Version version() {
            return Version.HTTP_1_1;
        }
    }

    // The client's settings: none, as it has no connections to configure.

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return Optional.empty();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return Optional.empty();
    }

    @Override
    public Redirect followRedirects() {
        return Redirect.NEVER;
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return Optional.empty();
    }

    @Override
    public SSLContext sslContext() {
        throw new UnsupportedOperationException("an offline client has no TLS");
    }

    @Override
    public SSLParameters sslParameters() {
        throw new UnsupportedOperationException("an offline client has no TLS");
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return Optional.empty();
    }

    @Override
    public Version version() {
        return Version.HTTP_1_1;
    }

    @Override
    public Optional<Executor> executor() {
        return Optional.empty();
    }
}
