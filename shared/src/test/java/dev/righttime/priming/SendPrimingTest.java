package dev.righttime.priming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.righttime.aws.SqsSenderBatch;
import dev.righttime.model.Channel;
import dev.righttime.model.ResponseStatus;
import dev.righttime.send.Message;
import dev.righttime.testing.RecordingSender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The send step's priming samples go all the way through the sender batch loop: each is claimed,
 * rendered from the default playbook, sent and marked SENT; the redelivery at the end is skipped.
 */
class SendPrimingTest {

    @Test
    void everySampleIsSentOnceAndMarkedSent() {
        RecordingSender sender = new RecordingSender();
        List<Duration> delays = new ArrayList<>();
        SendPriming samples = new SendPriming(sender, Channel.values());

        SQSBatchResponse answer = new SqsSenderBatch(samples.service(), (receipt, delay) -> delays.add(delay))
                .handle(samples.event());

        assertThat(answer.getBatchItemFailures()).isEmpty();
        assertThat(delays).isEmpty();
        assertThat(samples.event().getRecords()).hasSize(samples.statuses().size() + 1);
        assertThat(samples.statuses().values()).hasSize(7).containsOnly(ResponseStatus.SENT);
        assertThat(sender.sent()).extracting(Message::channel, Message::to, m -> m.text().substring(0, 24))
                .containsExactly(
                        tuple(Channel.EMAIL, "priming@example.invalid", "Hi Priming, thanks for c"),
                        tuple(Channel.EMAIL, "priming@example.invalid", "Hi Priming, your cart is"),
                        tuple(Channel.SMS, "+15555550100", "Hi Priming, thanks for c"),
                        tuple(Channel.SMS, "+15555550100", "Hi Priming, your cart is"),
                        tuple(Channel.SOCIAL, "@priming", "Hi Priming, thanks for c"),
                        tuple(Channel.SOCIAL, "@priming", "We're sorry about this. "), // the held complaint's holding reply (holding_reply.complaint)
                        tuple(Channel.CHAT, null, "Hi Priming, thanks for c"));
    }
}
