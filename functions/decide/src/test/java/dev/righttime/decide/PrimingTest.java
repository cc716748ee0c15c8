package dev.righttime.decide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.righttime.flow.ChannelQueues;
import dev.righttime.flow.Customers;
import dev.righttime.flow.DecideService;
import dev.righttime.policy.Playbook;
import dev.righttime.port.EventBus;
import dev.righttime.port.IdentityStore;
import dev.righttime.port.MessageQueue;
import dev.righttime.port.ProfileStore;
import dev.righttime.port.ResponseStore;
import dev.righttime.port.Scheduler;
import dev.righttime.port.SignalLedger;
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
        "software.amazon.awssdk.services.dynamodb.model.QueryResponse",
        "software.amazon.awssdk.services.sqs.model.SendMessageResponse",
        "software.amazon.awssdk.services.eventbridge.model.PutEventsResponse"
    };

    @Test
    void theHookTouchesNoPort() {
        UntouchedPorts untouched = new UntouchedPorts();
        MessageQueue queue = untouched.of(MessageQueue.class);
        DecideService.Ports ports = new DecideService.Ports(new Customers(untouched.of(ProfileStore.class), untouched.of(IdentityStore.class)),
                untouched.of(SignalLedger.class), untouched.of(ResponseStore.class), untouched.of(Scheduler.class),
                new ChannelQueues(queue, queue, queue), untouched.of(EventBus.class));
        DecideHandler handler = new DecideHandler(Playbook.defaults(), ports, Clock.systemUTC());

        handler.beforeCheckpoint(null);

        assertThat(untouched.calls()).isZero();
    }

    @Test
    void theClassListNamesTheRequestPathResolvesAndLoads() {
        ClassLists.check(DecideHandler.class, REQUEST_PATH);
    }
}
