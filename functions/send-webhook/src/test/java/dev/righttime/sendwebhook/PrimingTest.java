package dev.righttime.sendwebhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.righttime.aws.SqsSenderBatch;
import dev.righttime.model.Channel;
import dev.righttime.model.Json;
import dev.righttime.policy.Playbook;
import dev.righttime.port.ProfileStore;
import dev.righttime.port.ResponseStore;
import dev.righttime.port.SignalLedger;
import dev.righttime.priming.Samples;
import dev.righttime.send.ChannelSender;
import dev.righttime.send.ResponseTimes;
import dev.righttime.send.SendService;
import dev.righttime.testing.UntouchedPorts;
import dev.righttime.webhook.Headers;
import dev.righttime.webhook.StandardWebhooksScheme;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The SnapStart hook posts sample replies as signed Standard Webhooks to an offline client: none of
 * the handler's ports (DynamoDB, the receivers' HTTP, the SQS retry delay: the network) is called,
 * and each request is what a receiver would accept.
 */
class PrimingTest {

    @Test
    void primingSignsItsSamplesOfflineAndTouchesNoPort() throws Exception {
        UntouchedPorts untouched = new UntouchedPorts();
        SendWebhookHandler handler = new SendWebhookHandler(new SendService(Playbook.defaults().templates(),
                new SendService.Ports(untouched.of(ResponseStore.class), untouched.of(SignalLedger.class),
                        untouched.of(ProfileStore.class),
                        SendService.Ports.senders(untouched.of(ChannelSender.class), Channel.SOCIAL, Channel.CHAT),
                        untouched.of(ResponseTimes.class)), Clock.systemUTC()), untouched.of(SqsSenderBatch.Delay.class));

        handler.beforeCheckpoint(null);

        assertThat(untouched.calls()).isZero();
        List<OfflineHttpClient.Sent> sent = Priming.run();
        // a social ticket reply, the held mention's holding reply, a chat ticket reply; the
        // redelivered first reply is skipped (SENT), so it is not posted twice
        assertThat(sent).extracting(s -> s.request().uri().toString()).containsExactly(
                "https://example.invalid/priming/social", "https://example.invalid/priming/social",
                "https://example.invalid/priming/chat");
        assertThat(sent).extracting(s -> Json.mapper().readTree(s.body()).path("text").asText().substring(0, 24)).containsExactly(
                "Hi Priming, thanks for c", "We're sorry about this. ", "Hi Priming, thanks for c");
        StandardWebhooksScheme scheme = new StandardWebhooksScheme();
        for (OfflineHttpClient.Sent s : sent) {
            JsonNode body = Json.mapper().readTree(s.body());
            Map<String, String> headers = Map.of(
                    StandardWebhooksScheme.ID, s.request().headers().firstValue(StandardWebhooksScheme.ID).orElseThrow(),
                    StandardWebhooksScheme.TIMESTAMP, s.request().headers().firstValue(StandardWebhooksScheme.TIMESTAMP).orElseThrow(),
                    StandardWebhooksScheme.SIGNATURE, s.request().headers().firstValue(StandardWebhooksScheme.SIGNATURE).orElseThrow());
            assertThat(s.request().method()).isEqualTo("POST");
            assertThat(headers.get(StandardWebhooksScheme.ID)).isEqualTo(body.path("responseId").asText()).startsWith("r-");
            assertThat(headers.get(StandardWebhooksScheme.TIMESTAMP)).isEqualTo(Long.toString(Samples.CLOCK.instant().getEpochSecond()));
            // signed over id.timestamp.body with the priming secret: a receiver holding it accepts the request
            assertThatCode(() -> scheme.verify(Headers.of(headers), s.body(), List.of(scheme.key(Priming.SECRET)),
                    Samples.CLOCK.instant())).doesNotThrowAnyException();
        }
        // the SDK pass, on its own in-memory clients: five DynamoDB calls and one ChangeMessageVisibility,
        // each answered (a failure would count 0)
        assertThat(Priming.sdk()).isEqualTo(6);
    }
}
