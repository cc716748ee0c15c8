package dev.righttime.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.righttime.model.Channel;
import dev.righttime.model.Json;
import dev.righttime.model.SignalType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The time to response leaves as one CloudWatch EMF line with the metric and both dimensions. */
class EmfResponseTimesTest {

    @Test
    void writesTimeToResponseInMillisecondsWithSignalTypeAndChannel() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            EmfResponseTimes.from(Config.of(Map.of("POWERTOOLS_METRICS_NAMESPACE", "RightTimeTest")))
                    .record(SignalType.TICKET_OPENED, Channel.EMAIL, Duration.ofMillis(4200));
        } finally {
            System.setOut(original);
        }
        String line = captured.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains("TimeToResponse")).findFirst().orElseThrow();
        JsonNode emf = Json.mapper().readTree(line);

        assertThat(emf.path("TimeToResponse").asDouble()).isEqualTo(4200.0);
        assertThat(emf.path("signalType").asText()).isEqualTo("support.ticket_opened");
        assertThat(emf.path("channel").asText()).isEqualTo("email");
        JsonNode metric = emf.path("_aws").path("CloudWatchMetrics").get(0);
        assertThat(metric.path("Namespace").asText()).isEqualTo("RightTimeTest");
        assertThat(metric.path("Metrics").get(0).path("Unit").asText()).isEqualTo("Milliseconds");
        assertThat(metric.path("Dimensions").toString()).contains("signalType").contains("channel");
    }
}
