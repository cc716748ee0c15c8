package dev.righttime.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.righttime.port.DeliveryLedger;
import dev.righttime.port.MessageQueue;
import dev.righttime.testing.ClassLists;
import dev.righttime.webhook.SecretRefs;
import dev.righttime.webhook.Sources;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The SnapStart hook loads and initialises the classes of the function's class list (generated from a
 * run of its Lambda jar, see deploy-test's LambdaJarsTest) and nothing else: none of the handler's
 * ports is called, so nothing is written and nothing connects before the snapshot.
 */
class PrimingTest {

    /** Classes the function's first request loads (LambdaJarsTest's run of the jar), which the list must name. */
    static final String[] REQUEST_PATH = {
        "dev.righttime.webhook.Delivery",
        "software.amazon.awssdk.services.dynamodb.model.PutItemResponse",
        "software.amazon.awssdk.services.sqs.model.SendMessageResponse"
    };

    @Test
    void theHookTouchesNoPort() throws Exception {
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
    }

    @Test
    void theClassListNamesTheRequestPathResolvesAndLoads() {
        ClassLists.check(WebhookIngestHandler.class, REQUEST_PATH);
    }
}
