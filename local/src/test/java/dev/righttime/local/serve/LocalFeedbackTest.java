package dev.righttime.local.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.righttime.deliverability.LedgeredSignalSink;
import dev.righttime.port.MessageQueue;
import dev.righttime.webhook.InMemoryDeliveryLedger;
import dev.righttime.webhook.StandardWebhooksScheme;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The signed local {@code POST /feedback}: kept in the delivery ledger until decide has handled it. */
class LocalFeedbackTest {

    static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString("local-feedback-unit-0123".getBytes(StandardCharsets.UTF_8));
    static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String STOP = "{\"originationNumber\":\"+4915112345678\",\"messageBody\":\"STOP\",\"inboundMessageId\":\"in-1\"}";
    static final String START = "{\"originationNumber\":\"+4915112345678\",\"messageBody\":\"START\",\"inboundMessageId\":\"in-2\"}";

    final InMemoryDeliveryLedger deliveries = new InMemoryDeliveryLedger();
    final List<String> queued = new ArrayList<>();

    static APIGatewayV2HTTPEvent signed(String id, String body) {
        String sig = StandardWebhooksScheme.sign(new StandardWebhooksScheme().key(SECRET), id, NOW.getEpochSecond(),
                body.getBytes(StandardCharsets.UTF_8));
        return APIGatewayV2HTTPEvent.builder().withBody(body).withIsBase64Encoded(false).withHeaders(Map.of("content-type", "application/json",
                "webhook-id", id, "webhook-timestamp", Long.toString(NOW.getEpochSecond()), "webhook-signature", sig)).build();
    }

    @Test
    void aBodyIsKeptInTheLedgerQueuedOnceAndAQueueThatIsDownAnswers503() {
        LocalFeedback feedback = new LocalFeedback(SECRET, new LedgeredSignalSink(deliveries, (body, id) -> queued.add(body), CLOCK), CLOCK);

        assertThat(feedback.handleRequest(signed("fb-1", STOP), null).getStatusCode()).isEqualTo(202);
        assertThat(feedback.handleRequest(signed("fb-2", STOP), null).getStatusCode()).as("the same body again").isEqualTo(200);
        assertThat(queued).containsExactly(STOP);
        assertThat(deliveries.state(LocalFeedback.key(STOP))).isEqualTo(InMemoryDeliveryLedger.State.QUEUED);

        MessageQueue down = (body, id) -> {
            throw new MessageQueue.QueueUnavailableException("down", null);
        };
        LocalFeedback unavailable = new LocalFeedback(SECRET, new LedgeredSignalSink(deliveries, down, CLOCK), CLOCK);
        assertThat(unavailable.handleRequest(signed("fb-3", START), null).getStatusCode()).isEqualTo(503);
        assertThat(feedback.handleRequest(signed("fb-3", START), null).getStatusCode()).as("retried once the queue answers").isEqualTo(202);
    }

    @Test
    void decideSettlesTheFeedbackItHandledAndLeavesWhatFailedAndSignalsToTheirOwnLedger() {
        deliveries.claim(LocalFeedback.key(STOP), STOP, NOW);
        deliveries.claim(LocalFeedback.key(START), START, NOW);
        deliveries.claim("s-1", "{\"signalId\":\"s-1\"}", NOW);
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message("m-1", STOP), message("m-2", START), message("m-3", "{\"signalId\":\"s-1\"}")));

        SQSBatchResponse r = LocalFeedback.settling((e, context) -> SQSBatchResponse.builder().withBatchItemFailures(
                List.of(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier("m-2").build())).build(), deliveries, CLOCK)
                .handleRequest(event, null);

        assertThat(r.getBatchItemFailures()).hasSize(1);
        assertThat(deliveries.state(LocalFeedback.key(STOP))).isEqualTo(InMemoryDeliveryLedger.State.SETTLED);
        assertThat(deliveries.state(LocalFeedback.key(START))).as("failed: the sweep may queue it again").isEqualTo(InMemoryDeliveryLedger.State.PENDING);
        assertThat(deliveries.state("s-1")).as("a signal settles when decided").isEqualTo(InMemoryDeliveryLedger.State.PENDING);
    }

    static SQSEvent.SQSMessage message(String id, String body) {
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId(id);
        m.setBody(body);
        return m;
    }
}
