package dev.righttime.send;

import dev.righttime.model.Channel;
import dev.righttime.model.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local runtime's email and SMS provider: every delivered message is kept (in order) for
 * {@code GET /outbox}, as LocalStack keeps sent SES mail, with an email's HTML part and headers
 * (List-Unsubscribe...). Same contract as SES and SNS.
 *
 * <p>With a journal file (serve {@code --data}) each delivery is appended to it as one JSON line
 * before {@link #send} returns, so the outbox survives a restart, and a response delivered before
 * the restart is not delivered again: a sender killed between delivering and marking SENT retries
 * after the restart, and the outbox answers as a provider with an idempotency key would. Within
 * one run every delivery is recorded, so a duplicate send stays visible.
 */
public final class Outbox implements ChannelSender {

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    /** One delivered message, as {@code GET /outbox} lists it. */
    public record Entry(String responseId, String signalId, String customerId, Channel channel, String to, String subject, String text,
                        Instant sentAt, String html, Map<String, String> headers) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Set<String> beforeRestart = new HashSet<>();
    private final Clock clock;
    private final Path journal;

    public Outbox(Clock clock) {
        this(clock, null);
    }

    /** An outbox kept in {@code journal} (JSON lines; created if missing), or in memory if null. */
    public Outbox(Clock clock, Path journal) {
        this.clock = clock;
        this.journal = journal;
        if (journal != null && Files.exists(journal)) {
            try {
                byte[] all = Files.readAllBytes(journal);
                if (all.length > 0 && all[all.length - 1] != '\n') {
                    // End a line torn by a kill, so the next append starts a line of its own.
                    Files.write(journal, new byte[] {'\n'}, StandardOpenOption.APPEND);
                }
                for (String line : new String(all, StandardCharsets.UTF_8).split("\n")) {
                    if (line.isBlank()) {
                        continue;
                    }
                    try {
                        Entry e = Json.mapper().readValue(line, Entry.class);
                        entries.add(e);
                        beforeRestart.add(e.responseId());
                    } catch (IOException torn) {
                        // A line cut by a kill mid-write: that delivery had not returned, its sender retries.
                        LOG.warn("outbox journal: skipped an incomplete line");
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the outbox journal " + journal, e);
            }
        }
    }

    @Override
    public synchronized void send(Message m) {
        if (beforeRestart.contains(m.responseId())) {
            LOG.info("response {} was delivered before the restart; not delivered again", m.responseId());
            return;
        }
        Entry e = new Entry(m.responseId(), m.signalId(), m.customerId(), m.channel(), m.to(), m.subject(), m.text(), clock.instant(),
                m.html(), m.headers());
        if (journal != null) {
            try {
                Files.write(journal, (Json.mapper().writeValueAsString(e) + "\n").getBytes(StandardCharsets.UTF_8),
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            } catch (IOException ex) {
                throw DeliveryException.retry("outbox_unavailable", null, ex);
            }
        }
        entries.add(e);
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }
}
