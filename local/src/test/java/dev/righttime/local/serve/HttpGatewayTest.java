package dev.righttime.local.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.righttime.model.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The gateway's own answers: a handler bug is a 500 JSON, routes and params reach the handler as API Gateway would give them. */
class HttpGatewayTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aThrowingHandlerOrRouteIsA500JsonAndTheNextRequestIsServed() throws Exception {
        AtomicReference<String> seenId = new AtomicReference<>();
        try (HttpGateway gateway = new HttpGateway("127.0.0.1", 0)
                .route("POST", "/boom/{id}", (event, context) -> {
                    throw new IllegalStateException("a bug");
                })
                .route("GET", "/items/{id}", (event, context) -> {
                    seenId.set(event.getPathParameters().get("id"));
                    return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                            .withHeaders(Map.of("Content-Type", "application/json")).withBody("{\"ok\":true}").build();
                })
                .get("/plain", exchange -> {
                    throw new IllegalArgumentException("another bug");
                })
                .start()) {
            String base = "http://127.0.0.1:" + gateway.port();
            HttpResponse<String> boom = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/boom/1"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(boom.statusCode()).isEqualTo(500);
            JsonNode body = Json.mapper().readTree(boom.body());
            assertThat(body.get("error").asText()).isEqualTo("internal_error");
            assertThat(body.has("message")).isTrue();

            HttpResponse<String> plain = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/plain")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(plain.statusCode()).isEqualTo(500);
            assertThat(Json.mapper().readTree(plain.body()).get("error").asText()).isEqualTo("internal_error");

            HttpResponse<String> ok = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/items/stripe%3Acus_1")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().firstValue("content-type")).contains("application/json");
            assertThat(seenId.get()).isEqualTo("stripe:cus_1");

            HttpResponse<String> wrongMethod = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/items/x"))
                    .DELETE().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(wrongMethod.statusCode()).isEqualTo(405);
            assertThat(Json.mapper().readTree(wrongMethod.body()).get("error").asText()).isEqualTo("method_not_allowed");
            HttpResponse<String> none = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/nothing")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(none.statusCode()).isEqualTo(404);
            assertThat(Json.mapper().readTree(none.body()).get("error").asText()).isEqualTo("not_found");
        }
    }
}
