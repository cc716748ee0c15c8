package dev.righttime.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.righttime.model.Json;
import dev.righttime.port.DeliveryLedger;
import dev.righttime.port.MessageQueue;
import dev.righttime.webhook.SecretRefs;
import dev.righttime.webhook.Sources;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The SnapStart hook runs the ingest path on throwaway in-memory ports: the handler's own ledger,
 * queue and secrets (which stand for DynamoDB, SQS and SSM, the network) are never called.
 */
class PrimingTest {

    @Test
    void primingAcceptsItsSamplesInMemoryAndTouchesNoPort() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        DeliveryLedger ledger = new DeliveryLedger() {
            @Override
            public Claim claim(String signalId, Instant now) {
                calls.incrementAndGet();
                throw new AssertionError("priming claimed in the real ledger");
            }

            @Override
            public void markQueued(String signalId, Instant now) {
                calls.incrementAndGet();
            }

            @Override
            public void markFailed(String signalId, Instant now) {
                calls.incrementAndGet();
            }
        };
        MessageQueue queue = (body, id) -> {
            calls.incrementAndGet();
            throw new AssertionError("priming sent to the real queue");
        };
        SecretRefs secrets = new SecretRefs(name -> {
            calls.incrementAndGet();
            return null;
        }, path -> {
            calls.incrementAndGet();
            throw new AssertionError("priming fetched an SSM secret");
        });
        WebhookIngestHandler handler = new WebhookIngestHandler(Sources.defaults(), secrets, ledger, queue, Clock.systemUTC());

        handler.beforeCheckpoint(null);

        assertThat(calls).hasValue(0);
        var queued = Priming.run();
        assertThat(queued).hasSize(6); // three Shopify checkouts and three Standard Webhooks signals, all accepted
        JsonNode first = Json.mapper().readTree(queued.get(0));
        assertThat(first.path("type").asText()).isEqualTo("commerce.cart_abandoned");
        // the SDK pass, on its own in-memory clients: five DynamoDB calls, one SQS send, one SSM read,
        // each answered (a failure would count 0)
        assertThat(Priming.sdk()).isEqualTo(7);
    }
}
