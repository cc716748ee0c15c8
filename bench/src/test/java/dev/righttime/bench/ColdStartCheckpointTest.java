package dev.righttime.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snapshot point's handshake with bench/coldstart.sh (SNAPSTART=1): pid out, then wait for go. */
class ColdStartCheckpointTest {

    @Test
    void announcesItsPidAndWaitsForGo(@TempDir Path dir) throws Exception {
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
            try {
                ColdStart.awaitRestore(dir);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Path ready = dir.resolve("ready");
        for (int i = 0; i < 1000 && !Files.exists(ready); i++) {
            Thread.sleep(10);
        }
        assertThat(ready).as("announced within 10 s").exists();
        assertThat(Files.readString(ready)).isEqualTo(Long.toString(ProcessHandle.current().pid()));
        Thread.sleep(50);
        assertThat(waiting).as("still at the snapshot point without go").isNotDone();

        Files.createFile(dir.resolve("go"));
        waiting.get(5, TimeUnit.SECONDS);
        assertThat(waiting).isCompleted();
    }
}
