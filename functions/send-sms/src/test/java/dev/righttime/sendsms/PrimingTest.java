package dev.righttime.sendsms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.righttime.model.Channel;
import dev.righttime.policy.Playbook;
import dev.righttime.port.ProfileStore;
import dev.righttime.port.ResponseStore;
import dev.righttime.port.SignalLedger;
import dev.righttime.send.ChannelSender;
import dev.righttime.send.Outbox;
import dev.righttime.send.ResponseTimes;
import dev.righttime.send.SendService;
import dev.righttime.testing.UntouchedPorts;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * The SnapStart hook sends sample SMS in memory: none of the handler's ports (DynamoDB, SNS,
 * the EMF metrics: the network) is called, and the samples are rendered from the default playbook.
 */
class PrimingTest {

    @Test
    void primingSendsItsSamplesInMemoryAndTouchesNoPort() {
        UntouchedPorts untouched = new UntouchedPorts();
        SendSmsHandler handler = new SendSmsHandler(new SendService(Playbook.defaults().templates(),
                new SendService.Ports(untouched.of(ResponseStore.class), untouched.of(SignalLedger.class),
                        untouched.of(ProfileStore.class), SendService.Ports.senders(untouched.of(ChannelSender.class), Channel.SMS),
                        untouched.of(ResponseTimes.class)), Clock.systemUTC()));

        handler.beforeCheckpoint(null);

        assertThat(untouched.calls()).isZero();
        // a ticket reply and a cart reminder, rendered from the playbook's `any` texts for the made-up
        // customer's phone; the redelivered ticket reply is skipped (SENT), so it is not sent twice
        assertThat(Priming.run()).extracting(Outbox.Entry::to, Outbox.Entry::subject, e -> e.text().substring(0, 40))
                .containsExactly(
                        tuple("+15555550100", "We got your request", "Hi Priming, thanks for contacting us. We"),
                        tuple("+15555550100", "You left something in your cart", "Hi Priming, your cart is still waiting f"));
        // the SDK pass, on its own in-memory clients: five DynamoDB calls and one Publish, each
        // answered (a failure would count 0)
        assertThat(Priming.sdk()).isEqualTo(6);
    }
}
