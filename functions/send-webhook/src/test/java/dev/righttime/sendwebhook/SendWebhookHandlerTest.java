package dev.righttime.sendwebhook;

import static dev.righttime.testing.SendFixture.hold;
import static dev.righttime.testing.SendFixture.signal;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.righttime.model.Channel;
import dev.righttime.model.Fallback;
import dev.righttime.model.Response;
import dev.righttime.model.ResponseStatus;
import dev.righttime.model.Signal;
import dev.righttime.model.SignalType;
import dev.righttime.policy.Playbook;
import dev.righttime.port.ResponseStore.Change;
import dev.righttime.send.SendService;
import dev.righttime.send.SignedWebhookSender;
import dev.righttime.testing.CapturingHttpServer;
import dev.righttime.testing.CapturingHttpServer.Reply;
import dev.righttime.testing.DynamoDbLocal;
import dev.righttime.testing.SendFixture;
import dev.righttime.webhook.Headers;
import dev.righttime.webhook.StandardWebhooksScheme;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import java.net.URI;
import dev.righttime.aws.AwsClients;
import dev.righttime.aws.Config;
import org.junit.jupiter.api.Test;

/** The handler fed events/send-webhook, on DynamoDB Local, posting to a local social-replies receiver. */
class SendWebhookHandlerTest {

    static final Instant MENTION_AT = Instant.parse("2026-03-02T10:00:00Z");
    static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString("social-receiver-key".getBytes(UTF_8));
    static final AtomicInteger TABLES = new AtomicInteger();
    static final DynamoDbLocal dynamo = DynamoDbLocal.shared();

    SendFixture world;
    CapturingHttpServer receiver;
    List<Duration> delays = new ArrayList<>();
    SendWebhookHandler handler;
    Response held;

    @BeforeEach
    void fresh() {
        world = new SendFixture(dynamo, "webhook" + TABLES.incrementAndGet() + "-", MENTION_AT.plusSeconds(120));
        receiver = new CapturingHttpServer(r -> new Reply(200, Map.of(), "ok"));
        SignedWebhookSender sender = new SignedWebhookSender(
                SignedWebhookSender.endpointsFrom(Map.of("SOCIAL_WEBHOOK_URL", receiver.endpoint() + "/replies")), SECRET, world.clock);
        handler = new SendWebhookHandler(new SendService(Playbook.defaults().templates(),
                world.ports(SendService.Ports.senders(sender, Channel.SOCIAL, Channel.CHAT)), world.clock),
                (receipt, delay) -> delays.add(delay));
        Signal s = signal("x:1893001", SignalType.SOCIAL_MENTION, MENTION_AT,
                Map.of("sentiment", "negative", "followers", 48000, "url", "https://x.com/ada/status/1893001"));
        held = world.decided(s, hold(s, Duration.ofMinutes(5), Fallback.HOLDING_REPLY));
    }

    @AfterEach
    void close() {
        receiver.close();
    }

    SendService service(Supplier<String> secret) {
        SignedWebhookSender sender = new SignedWebhookSender(
                SignedWebhookSender.endpointsFrom(Map.of("SOCIAL_WEBHOOK_URL", receiver.endpoint() + "/replies")), secret, world.clock);
        return new SendService(Playbook.defaults().templates(),
                world.ports(SendService.Ports.senders(sender, Channel.SOCIAL, Channel.CHAT)), world.clock);
    }

    SQSBatchResponse handle() {
        return handler.handleRequest(EventLoader.loadSQSEvent("events/send-webhook/social-reply.json"), null);
    }

    void approve(String text) {
        world.responses.transition(held.responseId(), Set.of(ResponseStatus.PENDING_APPROVAL), ResponseStatus.APPROVED,
                Change.reviewed("editor@brand.example", MENTION_AT.plusSeconds(100), text, null));
    }

    @Test
    void postsTheApprovedReplySignedWithTheResponseIdAsWebhookId() {
        approve("Sorry about that, Ada. We're fixing it now.");

        assertThat(handle().getBatchItemFailures()).isEmpty();

        CapturingHttpServer.Request post = receiver.requests().get(0);
        assertThat(post.path()).isEqualTo("/replies");
        assertThat(post.header("webhook-id")).isEqualTo(held.responseId());
        assertThat(post.json().path("text").asText()).isEqualTo("Sorry about that, Ada. We're fixing it now.");
        assertThat(post.json().path("replyTo").asText()).isEqualTo("https://x.com/ada/status/1893001");
        StandardWebhooksScheme scheme = new StandardWebhooksScheme();
        Headers headers = Headers.of(Map.of("webhook-id", post.header("webhook-id"),
                "webhook-timestamp", post.header("webhook-timestamp"), "webhook-signature", post.header("webhook-signature")));
        assertThatCode(() -> scheme.verify(headers, post.body().getBytes(UTF_8), List.of(scheme.key(SECRET)), world.clock.instant()))
                .doesNotThrowAnyException();
        assertThat(world.get(held.responseId()).sentText()).isEqualTo("Sorry about that, Ada. We're fixing it now.");
    }

    @Test
    void theDeadlineSendsTheHoldingReplyWhenNobodyActed() {
        world.clock.set(MENTION_AT.plusSeconds(300));

        assertThat(handle().getBatchItemFailures()).isEmpty();

        assertThat(receiver.requests()).singleElement()
                // A negative mention is a complaint: its holding reply apologises (holding_reply.complaint).
                .satisfies(p -> assertThat(p.json().path("text").asText()).startsWith("We're sorry about this."));
        assertThat(world.get(held.responseId()).detail()).isEqualTo("holding_reply");
    }

    @Test
    void retryAfterDelaysTheMessageAndReportsItFailed() {
        approve(null);
        receiver.respondWith(r -> new Reply(429, Map.of("Retry-After", "30"), ""));

        SQSBatchResponse response = handle();

        assertThat(response.getBatchItemFailures()).hasSize(1);
        assertThat(delays).containsExactly(Duration.ofSeconds(30));
        assertThat(world.get(held.responseId()).status()).isEqualTo(ResponseStatus.APPROVED);
    }

    @Test
    void aRejectedReplyIsNotPosted() {
        world.responses.transition(held.responseId(), Set.of(ResponseStatus.PENDING_APPROVAL), ResponseStatus.CANCELLED,
                Change.reviewed("editor@brand.example", MENTION_AT.plusSeconds(60), null, "rejected"));
        world.clock.set(MENTION_AT.plusSeconds(300));

        assertThat(handle().getBatchItemFailures()).isEmpty();
        assertThat(receiver.requests()).isEmpty();
    }

    @Test
    void configurationComesFromTheEnvironmentAndAMissingSecretIsNamed() {
        AwsClients aws = AwsClients.local(URI.create("http://127.0.0.1:1"), "eu-central-1");
        Map<String, String> env = Map.of("RESPONSES_TABLE", "r", "SIGNALS_TABLE", "s",
                "PROFILES_TABLE", "p", "OUTBOUND_WEBHOOK_SECRET", SECRET, "CHAT_WEBHOOK_URL", "https://hooks.example/x");
        assertThat(SendWebhookWiring.service(dev.righttime.aws.AwsParts.of(aws, Config.of(env)), SendWebhookWiring.outboundSecret(Config.of(env), aws))).isNotNull();
        assertThat(SendWebhookWiring.outboundSecret(Config.of(env), aws).get()).isEqualTo(SECRET);
        assertThatThrownBy(() -> SendWebhookWiring.outboundSecret(Config.of(Map.of("RESPONSES_TABLE", "r")), aws))
                .hasMessageContaining("OUTBOUND_WEBHOOK_SECRET");
    }

    @Test
    void anUnreadableSecretFailsTheInvocationNotTheConstruction() {
        // SSM at a closed port: building the supplier reads nothing; asking for the secret fails, naming it
        AwsClients aws = AwsClients.local(URI.create("http://127.0.0.1:1"), "eu-central-1");
        Map<String, String> env = Map.of("OUTBOUND_WEBHOOK_SECRET", "ssm:/righttime/outbound-webhook");
        var secret = SendWebhookWiring.outboundSecret(Config.of(env), aws);
        SendWebhookHandler handler = new SendWebhookHandler(service(secret), (m, d) -> { }, secret);

        assertThatThrownBy(() -> handler.handleRequest(EventLoader.loadSQSEvent("events/send-webhook/social-reply.json"), null))
                .hasMessageContaining("OUTBOUND_WEBHOOK_SECRET: ssm:/righttime/outbound-webhook could not be read");
        assertThat(receiver.requests()).isEmpty();
    }

    @Test
    void aMissingSecretFailsEachInvocationUntilItExists() {
        String[] stored = {null};
        Supplier<String> secret = () -> {
            if (stored[0] == null) {
                throw new IllegalStateException("OUTBOUND_WEBHOOK_SECRET: ssm:/righttime/outbound-webhook does not exist or is empty");
            }
            return stored[0];
        };
        handler = new SendWebhookHandler(service(secret), (m, d) -> { }, secret);
        approve(null);
        assertThatThrownBy(this::handle).hasMessageContaining("does not exist");
        assertThat(receiver.requests()).isEmpty();

        stored[0] = SECRET; // created after the deploy: the next invocation signs with it
        assertThat(handle().getBatchItemFailures()).isEmpty();
        assertThat(receiver.requests()).hasSize(1);
    }
}
