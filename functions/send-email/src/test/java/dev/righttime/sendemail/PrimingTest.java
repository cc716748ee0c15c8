package dev.righttime.sendemail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.righttime.model.Channel;
import dev.righttime.policy.Playbook;
import dev.righttime.port.ProfileStore;
import dev.righttime.port.ResponseStore;
import dev.righttime.port.SignalLedger;
import dev.righttime.send.ChannelSender;
import dev.righttime.send.ResponseTimes;
import dev.righttime.send.SendService;
import dev.righttime.testing.ClassLists;
import dev.righttime.testing.UntouchedPorts;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * The SnapStart hook loads and initialises the classes of the function's class list (generated from a
 * run of its Lambda jar, see deploy-test's LambdaJarsTest) and nothing else: none of the handler's
 * ports is called, so nothing is written and nothing connects before the snapshot.
 */
class PrimingTest {

    /** Classes the function's first request loads (LambdaJarsTest's run of the jar), which the list must name. */
    static final String[] REQUEST_PATH = {
        "dev.righttime.model.Response",
        "software.amazon.awssdk.services.dynamodb.model.GetItemResponse"
    };

    @Test
    void theHookTouchesNoPort() {
        UntouchedPorts untouched = new UntouchedPorts();
        SendEmailHandler handler = new SendEmailHandler(new SendService(Playbook.defaults().templates(),
                new SendService.Ports(untouched.of(ResponseStore.class), untouched.of(SignalLedger.class),
                        untouched.of(ProfileStore.class), SendService.Ports.senders(untouched.of(ChannelSender.class), Channel.EMAIL),
                        untouched.of(ResponseTimes.class)), Clock.systemUTC()));

        handler.beforeCheckpoint(null);

        assertThat(untouched.calls()).isZero();
    }

    @Test
    void theClassListNamesTheRequestPathResolvesAndLoads() {
        ClassLists.check(SendEmailHandler.class, REQUEST_PATH);
    }
}
