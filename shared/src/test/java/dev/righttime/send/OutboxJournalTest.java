package dev.righttime.send;

import static org.assertj.core.api.Assertions.assertThat;

import dev.righttime.model.Channel;
import dev.righttime.model.SignalType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** serve --data's outbox: kept across a restart, a torn last line tolerated, no second delivery after the restart. */
class OutboxJournalTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void deliveriesSurviveARestartAndAreNotDeliveredAgainAfterIt() throws Exception {
        Path journal = dir.resolve("outbox.jsonl");
        Outbox first = new Outbox(CLOCK, journal);
        first.send(message("r1"));
        first.send(message("r2"));
        first.send(message("r2"));
        assertThat(first.entries()).as("within a run every delivery is recorded").hasSize(3);
        // A kill in the middle of the next append leaves a torn line.
        Files.write(journal, "{\"responseId\":\"r3\",\"sig".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);

        Outbox second = new Outbox(CLOCK, journal);
        assertThat(second.entries()).extracting(Outbox.Entry::responseId).containsExactly("r1", "r2", "r2");
        second.send(message("r1"));
        second.send(message("r3"));
        assertThat(second.entries()).extracting(Outbox.Entry::responseId).containsExactly("r1", "r2", "r2", "r3");

        assertThat(new Outbox(CLOCK, journal).entries()).extracting(Outbox.Entry::responseId)
                .as("the line after the torn one is whole").containsExactly("r1", "r2", "r2", "r3");
    }

    private static Message message(String responseId) {
        return new Message(responseId, "s-" + responseId, "c1", SignalType.TICKET_OPENED, Channel.EMAIL, "a@example.com",
                "Subject", "Text", null);
    }
}
