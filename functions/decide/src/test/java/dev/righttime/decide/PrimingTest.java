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
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The SnapStart hook decides sample signals in memory: none of the handler's ports (DynamoDB, SQS,
 * Scheduler, EventBridge: the network) is called.
 */
class PrimingTest {

    final AtomicInteger calls = new AtomicInteger();

    @Test
    void primingDecidesInMemoryAndTouchesNoPort() {
        MessageQueue queue = port(MessageQueue.class);
        DecideService.Ports ports = new DecideService.Ports(new Customers(port(ProfileStore.class), port(IdentityStore.class)),
                port(SignalLedger.class), port(ResponseStore.class), port(Scheduler.class),
                new ChannelQueues(queue, queue, queue), port(EventBus.class));
        DecideHandler handler = new DecideHandler(Playbook.defaults(), ports, Clock.systemUTC());

        handler.beforeCheckpoint(null);

        assertThat(calls).hasValue(0);
        assertThat(Priming.run()).anyMatch(record -> record.contains("\"outcome\":\"SCHEDULE\""));
        // the SDK pass, on its own in-memory clients: put, update, get, query, delete; send; create and
        // delete a schedule; put events, each answered (a failure would count 0)
        assertThat(Priming.sdk()).isEqualTo(9);
    }

    /** A port whose every call is counted and fails. */
    <T> T port(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.getName().equals("hashCode") ? 0 : method.getName().equals("equals") ? proxy == args[0] : type.getName();
            }
            calls.incrementAndGet();
            throw new AssertionError("priming called " + type.getSimpleName() + "." + method.getName());
        }));
    }
}
