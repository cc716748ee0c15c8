package dev.righttime.local.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.righttime.flow.ChannelQueues;
import dev.righttime.model.Channel;
import dev.righttime.model.CustomerRef;
import dev.righttime.model.Signal;
import dev.righttime.model.SignalType;
import dev.righttime.port.MessageQueue;
import dev.righttime.port.ResponseStore;
import dev.righttime.port.SignalLedger;
import dev.righttime.testing.InMemoryResponseStore;
import dev.righttime.testing.InMemorySignalLedger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Decide's sends leave once per batch, always before the DONE marks that vouch for them. */
class BatchedDispatchTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    private final InMemorySignalLedger ledger = new InMemorySignalLedger();
    /** What each batch send carried, and which signals were DONE when it left. */
    private final List<String> log = new ArrayList<>();
    private final List<String> direct = new ArrayList<>();
    private boolean refuse;

    private final BatchedDispatch batched = new BatchedDispatch(ledger, (url, messages) -> {
        if (refuse) {
            throw new MessageQueue.QueueUnavailableException("refused", null);
        }
        log.add(url + " " + messages.stream().map(Map.Entry::getValue).toList() + " done=" + done());
    });

    private final ChannelQueues queues = batched.queues("email-url", queue("email"), "sms-url", queue("sms"), "webhook-url",
            queue("webhook"));
    private final SignalLedger wrapped = batched.ledger();

    private MessageQueue queue(String name) {
        return (body, id) -> direct.add(name + " " + id);
    }

    private List<String> done() {
        return List.of("s1", "s2", "s3").stream()
                .filter(id -> ledger.get(id).map(e -> e.state() == SignalLedger.State.DONE).orElse(false)).toList();
    }

    /** A decide run in miniature: record, send each reply, mark DONE. */
    private void decide(String signalId, Channel... channels) {
        wrapped.begin(new SignalLedger.Entry(new Signal(signalId, "test", SignalType.TICKET_OPENED, T0, CustomerRef.NONE,
                Map.of()), "c1", List.of(), SignalLedger.State.DECIDED, T0));
        for (Channel c : channels) {
            queues.of(c).send("r-" + signalId + "-" + c.wire(), "r-" + signalId + "-" + c.wire());
        }
        wrapped.complete(signalId);
    }

    private static SQSEvent event(String... ids) {
        SQSEvent e = new SQSEvent();
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (String id : ids) {
            SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
            m.setMessageId(id);
            records.add(m);
        }
        e.setRecords(records);
        return e;
    }

    @Test
    void aBatchsSendsLeaveTogetherPerQueueBeforeItsDoneMarks() {
        RequestHandler<SQSEvent, SQSBatchResponse> handler = batched.around((event, context) -> {
            decide("s1", Channel.EMAIL);
            decide("s2", Channel.EMAIL, Channel.SMS);
            assertThat(direct).as("nothing leaves while the batch runs").isEmpty();
            assertThat(log).isEmpty();
            assertThat(ledger.get("s1").orElseThrow().state()).as("DONE waits for the sends").isEqualTo(SignalLedger.State.DECIDED);
            assertThat(wrapped.get("s1").orElseThrow().state()).as("but reads as DONE within the batch")
                    .isEqualTo(SignalLedger.State.DONE);
            return SQSBatchResponse.builder().withBatchItemFailures(List.of()).build();
        });

        handler.handleRequest(event("m1", "m2"), null);

        assertThat(log).containsExactly("email-url [r-s1-email, r-s2-email] done=[]", "sms-url [r-s2-sms] done=[]");
        assertThat(done()).containsExactly("s1", "s2");
        assertThat(direct).isEmpty();
    }

    @Test
    void aRefusedSendLeavesTheSignalsDecidedAndFailsTheBatch() {
        refuse = true;
        RequestHandler<SQSEvent, SQSBatchResponse> handler = batched.around((event, context) -> {
            decide("s1", Channel.EMAIL);
            return SQSBatchResponse.builder().withBatchItemFailures(List.of()).build();
        });

        assertThatThrownBy(() -> handler.handleRequest(event("m1"), null)).isInstanceOf(MessageQueue.QueueUnavailableException.class);
        assertThat(ledger.get("s1").orElseThrow().state()).as("resumed on redelivery, replies sent again")
                .isEqualTo(SignalLedger.State.DECIDED);
    }

    @Test
    void outsideABatchEverythingGoesStraightThrough() {
        decide("s3", Channel.SOCIAL);

        assertThat(direct).containsExactly("webhook r-s3-social");
        assertThat(log).isEmpty();
        assertThat(ledger.get("s3").orElseThrow().state()).isEqualTo(SignalLedger.State.DONE);
    }

    @Test
    void aDispatchedMarkIsWrittenOnlyAfterTheHeldSendsLeft() {
        InMemoryResponseStore store = new InMemoryResponseStore();
        ResponseStore responses = batched.responses(store);
        List<Integer> sentBeforeMark = new ArrayList<>();
        batched.around((event, context) -> {
            queues.of(Channel.EMAIL).send("r-moved", "r-moved");
            sentBeforeMark.add(log.size());
            responses.markDispatched("r-moved", T0);
            sentBeforeMark.add(log.size());
            return SQSBatchResponse.builder().withBatchItemFailures(List.of()).build();
        }).handleRequest(event("m1"), null);

        assertThat(sentBeforeMark).containsExactly(0, 1);
        assertThat(log).containsExactly("email-url [r-moved] done=[]");
    }
}
