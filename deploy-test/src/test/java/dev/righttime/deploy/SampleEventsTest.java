package dev.righttime.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every sample under events/ (but simulate/) loads as the event type of the function it is for. */
class SampleEventsTest {

    private static List<Path> samples(String folder) throws IOException {
        try (Stream<Path> s = Files.list(Repo.ROOT.resolve("events").resolve(folder))) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    @Test
    void queueSamplesAreSqsEventsWithABody() throws IOException {
        for (String folder : List.of("decide", "send-email", "send-sms", "send-webhook")) {
            assertThat(samples(folder)).as(folder).isNotEmpty();
            for (Path p : samples(folder)) {
                SQSEvent event = EventLoader.loadSQSEvent(p.toString());
                assertThat(event.getRecords()).as(p.toString()).isNotEmpty()
                        .allSatisfy(r -> assertThat(r.getEventSource()).isEqualTo("aws:sqs"));
            }
        }
        for (String folder : List.of("send-email", "send-sms", "send-webhook")) {
            for (Path p : samples(folder)) {
                assertThat(EventLoader.loadSQSEvent(p.toString()).getRecords())
                        .allSatisfy(r -> assertThat(r.getBody()).as(p.toString()).matches("r-[0-9a-f]{32}"));
            }
        }
    }

    @Test
    void httpSamplesAreRoutesOfTheTemplate() throws IOException {
        for (String folder : List.of("webhook-ingest", "newsroom-api")) {
            assertThat(samples(folder)).as(folder).isNotEmpty();
            for (Path p : samples(folder)) {
                APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent(p.toString());
                String method = event.getRequestContext().getHttp().getMethod();
                String route = method + " " + TemplateChecks.normalize(event.getRouteKey().substring(method.length() + 1));
                assertThat(TemplateChecks.ROUTES).as(p.toString()).contains(route);
                boolean open = TemplateChecks.OPEN_ROUTES.contains(route);
                boolean jwt = event.getRequestContext().getAuthorizer() != null
                        && event.getRequestContext().getAuthorizer().getJwt() != null;
                String bearer = event.getHeaders() == null ? null : event.getHeaders().get("authorization");
                // Protected routes carry the JWT authorizer's claims (deployed) or a bearer token
                // (the local runtime and sam local invoke); open routes carry neither.
                boolean localToken = !jwt && bearer != null && bearer.startsWith("Bearer ");
                // ...except the samples of the 401 answer, which are unauthenticated on purpose.
                boolean expected = !open && !p.getFileName().toString().contains("unauthenticated");
                assertThat(jwt || localToken)
                        .as(p + ": credentials exactly on the newsroom's protected routes").isEqualTo(expected);
            }
        }
    }
}
