package dev.righttime.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.righttime.model.Json;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The load generator's own logic only (percentiles, report files); the load run is not part of the build. */
class LoadReportTest {

    @Test
    void nearestRankPercentiles() {
        long[] hundred = new long[100];
        for (int i = 0; i < 100; i++) {
            hundred[i] = i + 1;
        }
        assertThat(LoadReport.percentile(hundred, 50)).isEqualTo(50);
        assertThat(LoadReport.percentile(hundred, 99)).isEqualTo(99);
        assertThat(LoadReport.percentile(hundred, 100)).isEqualTo(100);
        assertThat(LoadReport.percentile(hundred, 0)).isEqualTo(1);
        assertThat(LoadReport.percentile(new long[] {7}, 99)).isEqualTo(7);
        assertThat(LoadReport.percentile(new long[] {1, 2, 3}, 50)).isEqualTo(2);
        assertThatThrownBy(() -> LoadReport.percentile(new long[0], 50)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void statsInMillisecondsFromUnsortedNanos() {
        long[] nanos = new long[1000];
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = (nanos.length - i) * 1_000_000L;   // 1000 ms .. 1 ms, descending
        }
        LoadReport.Stats s = LoadReport.Stats.ofNanos(nanos);
        assertThat(s.count()).isEqualTo(1000);
        assertThat(s.p50Ms()).isEqualTo(500.0);
        assertThat(s.p99Ms()).isEqualTo(990.0);
        assertThat(s.maxMs()).isEqualTo(1000.0);
        assertThat(nanos[0]).as("input left unsorted").isEqualTo(1_000_000_000L);
        assertThat(LoadReport.Stats.ofNanos(new long[0])).isEqualTo(new LoadReport.Stats(0, 0, 0, 0));
    }

    @Test
    void writesJsonAndWellFormedSvg(@TempDir Path dir) throws Exception {
        LoadReport.Stats ack = new LoadReport.Stats(10, 5.5, 40, 60);
        LoadReport.Stats send = new LoadReport.Stats(9, 120, 2500, 3000);
        List<LoadReport.Phase> phases = List.of(
                phase("warmup", true, 50, ack, send),
                phase("100/s", false, 100, ack, send),
                phase("burst <2000>", false, 0, ack, new LoadReport.Stats(0, 0, 0, 0)));
        LoadReport.Run run = new LoadReport.Run("2026-11-23T00:00:00Z", Map.of("cores", 2), Map.of("rates", List.of(100)), phases,
                0, 20, 0, Map.of("hold", true));
        Path json = dir.resolve("out/load.json");
        Path svg = dir.resolve("out/load.svg");
        LoadReport.writeJson(run, json);
        LoadReport.writeSvg(phases, svg);

        JsonNode read = Json.mapper().readTree(json.toFile());
        assertThat(read.path("phases")).hasSize(3);
        assertThat(read.path("phases").get(1).path("ack").path("p99Ms").asDouble()).isEqualTo(40.0);
        assertThat(read.path("phases").get(1).path("statusCounts").path("202").asInt()).isEqualTo(95);

        String text = Files.readString(svg);
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getNodeName()).isEqualTo("svg");
        assertThat(doc.getElementsByTagName("polyline").getLength()).isEqualTo(4);
        assertThat(text).contains("100/s", "burst &lt;2000&gt;", "ack p99 target 100 ms").doesNotContain("warmup");
    }

    private static LoadReport.Phase phase(String name, boolean warmup, int rate, LoadReport.Stats ack, LoadReport.Stats send) {
        return new LoadReport.Phase(name, warmup, rate, 15, 100, 100, 0, 99.5, ack, ack, send, 85, 10, 5, 5, 0, 0, 0, 0,
                Map.of("202", 95, "200", 5), 3.2);
    }
}
