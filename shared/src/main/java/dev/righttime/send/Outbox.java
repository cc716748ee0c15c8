package dev.righttime.send;

import dev.righttime.model.Channel;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The local runtime's email and SMS provider: every delivered message is kept (in memory, in order)
 * for {@code GET /outbox}, as LocalStack keeps sent SES mail, with an email's HTML part and headers
 * (List-Unsubscribe...). Same contract as SES and SNS.
 */
public final class Outbox implements ChannelSender {

    /** One delivered message, as {@code GET /outbox} lists it. */
    public record Entry(String responseId, String signalId, String customerId, Channel channel, String to, String subject, String text,
                        Instant sentAt, String html, Map<String, String> headers) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Clock clock;

    public Outbox(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void send(Message m) {
        entries.add(new Entry(m.responseId(), m.signalId(), m.customerId(), m.channel(), m.to(), m.subject(), m.text(), clock.instant(),
                m.html(), m.headers()));
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }
}
