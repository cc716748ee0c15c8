package dev.righttime.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.righttime.model.Json;
import dev.righttime.port.DeliveryLedger;
import dev.righttime.port.MessageQueue;
import dev.righttime.webhook.Hmac;
import dev.righttime.webhook.Intake;
import dev.righttime.webhook.IntakeResult;
import dev.righttime.webhook.SecretRefs;
import dev.righttime.webhook.ShopifyScheme;
import dev.righttime.webhook.Sources;
import dev.righttime.webhook.WebhookRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Verified-and-mapped webhooks per second on one thread: a ~2 KB Shopify {@code checkouts/create}
 * through the real {@link Intake} (source lookup, content type, size, HMAC check in constant time,
 * strict UTF-8, JSON tree, mapping to a Signal, Signal to JSON for the queue), with a ledger that
 * always grants the claim and a queue that drops the message, so no I/O is measured. The floor is
 * the least any verifier must do with the same body: one Jackson parse and one HMAC-SHA256.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class IngestBenchmark {

    static final int N = 256;
    static final Instant NOW = Instant.parse("2026-03-01T20:30:00Z");

    WebhookRequest[] requests;
    byte[][] bodies;
    byte[] key;
    Intake intake;
    ObjectReader tree;
    int i;

    /** Grants every claim: the ledger's I/O is not what this measures. */
    static final class NoLedger implements DeliveryLedger {
        @Override
        public Claim claim(String signalId, Instant now) {
            return Claim.CLAIMED;
        }

        @Override
        public void markQueued(String signalId, Instant now) {
        }

        @Override
        public void markFailed(String signalId, Instant now) {
        }
    }

    @Setup(Level.Trial)
    public void setup() {
        key = ShopifyCheckouts.SECRET.getBytes(UTF_8);
        requests = new WebhookRequest[N];
        bodies = new byte[N][];
        for (int k = 0; k < N; k++) {
            String body = ShopifyCheckouts.body(k);
            bodies[k] = body.getBytes(UTF_8);
            requests[k] = new WebhookRequest("POST", "shopify",
                    ShopifyCheckouts.headers(k, ShopifyScheme.sign(ShopifyCheckouts.SECRET, bodies[k])), Map.of(), body, false);
        }
        MessageQueue dropped = (body, id) -> { };
        intake = new Intake(Sources.defaults(), SecretRefs.of(Map.of("RIGHTTIME_SECRET_SHOPIFY", ShopifyCheckouts.SECRET)),
                new NoLedger(), dropped, Clock.fixed(NOW, ZoneOffset.UTC));
        tree = Json.mapper().reader();
        IntakeResult check = intake.handle(requests[0]);
        if (check.status() != 202) {
            throw new IllegalStateException("the benchmark request is not accepted: " + check.body());
        }
    }

    /** One webhook verified, mapped and serialised for the queue. */
    @Benchmark
    public IntakeResult verifyAndMap() {
        return intake.handle(requests[i++ & (N - 1)]);
    }

    /** The floor: parse the same body once and compute one HMAC-SHA256 over it. */
    @Benchmark
    public Object parseAndHmac() throws Exception {
        byte[] body = bodies[i++ & (N - 1)];
        JsonNode node = tree.readTree(body);
        byte[] mac = Hmac.SHA256.sign(key, body);
        return mac[0] == 0 ? node : mac;
    }
}
