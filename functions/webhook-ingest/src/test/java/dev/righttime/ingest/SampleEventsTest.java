package dev.righttime.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The files in {@code events/webhook-ingest/} are exactly what {@link SampleEvents} builds, so
 * their signatures are reproducible. To rewrite them after changing a payload:
 * {@code mvn -pl functions/webhook-ingest test -Dtest=SampleEventsTest -Drighttime.writeEvents=true}.
 */
class SampleEventsTest {

    @Test
    void theEventFilesAreTheSignedSamples() throws Exception {
        Path dir = Path.of(System.getProperty("righttime.events", "../../events/webhook-ingest"));
        boolean write = Boolean.getBoolean("righttime.writeEvents");
        for (Map.Entry<String, String> e : SampleEvents.all().entrySet()) {
            Path file = dir.resolve(e.getKey());
            if (write) {
                Files.createDirectories(dir);
                Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
            }
            assertThat(file).as(e.getKey()).exists();
            assertThat(Files.readString(file, StandardCharsets.UTF_8)).as(e.getKey()).isEqualTo(e.getValue());
        }
    }
}
