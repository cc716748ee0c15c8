package dev.righttime.newsroom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.righttime.flow.ChannelQueues;
import dev.righttime.port.MessageQueue;
import dev.righttime.port.ResponseStore;
import dev.righttime.port.Scheduler;
import dev.righttime.port.SignalLedger;
import dev.righttime.testing.ClassLists;
import dev.righttime.testing.UntouchedPorts;
import java.time.Clock;
import java.util.function.BooleanSupplier;
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
        "software.amazon.awssdk.services.dynamodb.model.ScanResponse"
    };

    @Test
    void theHookTouchesNoPort() throws Exception {
        UntouchedPorts untouched = new UntouchedPorts();
        ResponseStore responses = untouched.of(ResponseStore.class);
        MessageQueue queue = untouched.of(MessageQueue.class);
        NewsroomApiHandler handler = new NewsroomApiHandler(new NewsroomApi(
                new Approvals(responses, untouched.of(Scheduler.class), new ChannelQueues(queue, queue, queue), Clock.systemUTC()),
                new Timeline(untouched.of(SignalLedger.class), responses), responses, new Approver("real-token"), Clock.systemUTC()),
                untouched.of(BooleanSupplier.class));

        handler.beforeCheckpoint(null);

        assertThat(untouched.calls()).isZero();
    }

    @Test
    void theClassListNamesTheRequestPathResolvesAndLoads() {
        ClassLists.check(NewsroomApiHandler.class, REQUEST_PATH);
    }
}
