package dev.righttime.local.serve;

import static dev.righttime.local.serve.LocalFlow.await;
import static dev.righttime.local.serve.LocalFlow.drain;
import static dev.righttime.local.serve.LocalFlow.get;
import static dev.righttime.local.serve.LocalFlow.post;
import static dev.righttime.local.serve.LocalFlow.signal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.righttime.model.ResponseStatus;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.Message;

/** serve's runtime end to end over HTTP: signed webhook in, decision recorded, message queued or scheduled. */
class LocalRuntimeTest {

    @TempDir
    Path data;

    @Test
    void aTicketIsAnsweredNowAndARetryIsADuplicate() throws Exception {
        Instant now = Instant.parse("2026-03-02T10:00:00Z");
        try (LocalRuntime rt = LocalFlow.start(LocalFlow.options(new FastClock(now, 1), null))) {
            assertThat(get(rt, "/healthz", null).statusCode()).isEqualTo(200);
            String body = signal("support.ticket_opened", now, "{\"channel\":\"email\"}");
            HttpResponse<String> first = post(rt, "msg_ticket_1", body, now);
            assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
            assertThat(first.body()).contains("\"signalId\":\"standard:msg_ticket_1\"");
            assertThat(post(rt, "msg_ticket_1", body, now).body()).contains("duplicate");

            await(() -> !rt.decisions().latest(10).isEmpty());
            assertThat(rt.decisions().latest(10)).singleElement()
                    .satisfies(d -> assertThat(d.outcome().name()).isEqualTo("SEND_NOW"));
            List<Message> queued = drain(rt, "email");
            assertThat(queued).hasSize(1);
            assertThat(rt.responses().get(queued.get(0).body())).hasValueSatisfying(r -> {
                assertThat(r.signalId()).isEqualTo("standard:msg_ticket_1");
                assertThat(r.status()).isEqualTo(ResponseStatus.SCHEDULED);
            });
        }
    }

    @Test
    void aScheduledReminderSurvivesARestartWithDataAndFiresOnce() throws Exception {
        Instant now = Instant.parse("2026-03-02T10:00:00Z");
        FastClock clock = new FastClock(now, 1);
        String responseId;
        try (LocalRuntime rt = LocalFlow.start(LocalFlow.options(clock, data))) {
            HttpResponse<String> r = post(rt, "msg_cart_1", signal("commerce.cart_abandoned", now, "{}"), now);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            await(() -> rt.scheduler().pending() == 1);
            responseId = rt.responses().forCustomer("c1", now).get(0).responseId();
        }
        // Down while the reminder came due (an hour later): the restart fires it, once.
        clock.advance(Duration.ofHours(2));
        try (LocalRuntime rt = LocalFlow.start(LocalFlow.options(clock, data))) {
            await(() -> rt.scheduler().pending() == 0);
            List<Message> queued = drain(rt, "email");
            assertThat(queued).extracting(Message::body).containsExactly(responseId);
            assertThat(drain(rt, "email")).isEmpty();
        }
    }
}
