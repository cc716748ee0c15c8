package dev.righttime.local.serve;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.righttime.flow.ChannelQueues;
import dev.righttime.port.MessageQueue;
import dev.righttime.port.ResponseStore;
import dev.righttime.port.SignalLedger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decide's queue sends, one SendMessageBatch per channel queue per SQS batch instead of one
 * SendMessage per reply (issue 21: each ElasticMQ call costs serve about as much CPU as the
 * decision). Within a poller's batch ({@link #around}) a reply's send is held, and so is its
 * signal's ledger DONE, which must not be written before the send; when the handler returns, the
 * held sends leave in batches, then the DONE marks are written. Outside a batch (the newsroom, the
 * scheduler, another thread) every call goes straight through.
 *
 * <p>Nothing new can be lost: a kill or a failure before the DONE marks leaves those signals
 * DECIDED, which is the state a crash between decide's queue send and its DONE always left. The
 * batch's messages are still on the signals queue (or, after a kill with {@code --data}, put back
 * by the start-up sweep), the run resumes, sends the replies again, and the sender's conditional
 * claim drops the second copy. A failed batch send throws, so the whole batch comes back.
 */
final class BatchedDispatch {

    /** Sends (body, id) messages to one queue in as few calls as it can; all of them, or it throws. */
    interface BatchSender {
        void send(String queueUrl, List<Map.Entry<String, String>> messages);
    }

    private static final class Held {
        final Map<String, List<Map.Entry<String, String>>> sends = new LinkedHashMap<>();
        /** The signals whose DONE is held, in the order their runs completed. */
        final Set<String> completing = new LinkedHashSet<>();
    }

    private final SignalLedger ledger;
    private final BatchSender sender;
    private final ThreadLocal<Held> held = new ThreadLocal<>();

    BatchedDispatch(SignalLedger ledger, BatchSender sender) {
        this.ledger = ledger;
        this.sender = sender;
    }

    /** The handler, with its sends and DONE marks held until it returns and then written in batches. */
    RequestHandler<SQSEvent, SQSBatchResponse> around(RequestHandler<SQSEvent, SQSBatchResponse> handler) {
        return (event, context) -> {
            if (held.get() != null) {
                return handler.handleRequest(event, context);
            }
            Held h = new Held();
            held.set(h);
            try {
                return handler.handleRequest(event, context);
            } finally {
                held.remove();
                flush(h);
            }
        };
    }

    private void flush(Held h) {
        sendHeld(h);
        for (String signalId : h.completing) {
            ledger.complete(signalId);
        }
    }

    private void sendHeld(Held h) {
        h.sends.forEach(sender::send);
        h.sends.clear();
    }

    /**
     * The response store, where a dispatched mark (the channel fallback's: its reply belongs to
     * another signal, so that signal's DONE does not vouch for it) first sends what this batch
     * holds: the mark must never be written before the message is on its queue.
     */
    ResponseStore responses(ResponseStore target) {
        java.lang.reflect.InvocationHandler handler = (proxy, method, args) -> {
            Held h = held.get();
            if (h != null && method.getName().equals("markDispatched")) {
                sendHeld(h);
            }
            try {
                return method.invoke(target, args);
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (ResponseStore) java.lang.reflect.Proxy.newProxyInstance(ResponseStore.class.getClassLoader(),
                new Class<?>[] {ResponseStore.class}, handler);
    }

    /** Channel queues whose plain sends are held within a batch; delayed sends go at once. */
    ChannelQueues queues(String emailUrl, MessageQueue email, String smsUrl, MessageQueue sms, String webhookUrl, MessageQueue webhook) {
        return new ChannelQueues(held(emailUrl, email), held(smsUrl, sms), held(webhookUrl, webhook));
    }

    private MessageQueue held(String url, MessageQueue direct) {
        return new MessageQueue() {
            @Override
            public void send(String body, String deduplicationId) {
                Held h = held.get();
                if (h == null) {
                    direct.send(body, deduplicationId);
                } else {
                    h.sends.computeIfAbsent(url, u -> new ArrayList<>()).add(Map.entry(body, deduplicationId));
                }
            }

            @Override
            public void sendDelayed(String body, String deduplicationId, Duration delay) {
                direct.sendDelayed(body, deduplicationId, delay);
            }
        };
    }

    /**
     * The ledger whose {@code complete} is held within a batch. A signal held for DONE reads as DONE
     * here, so a second copy of it in the same batch is a duplicate, as it would be after the write.
     */
    SignalLedger ledger() {
        SignalLedger target = ledger;
        return new SignalLedger() {
            @Override
            public Optional<Entry> get(String signalId) {
                Optional<Entry> e = target.get(signalId);
                Held h = held.get();
                if (h != null && h.completing.contains(signalId)) {
                    return e.map(x -> new Entry(x.signal(), x.customerId(), x.decisions(), State.DONE, x.decidedAt()));
                }
                return e;
            }

            @Override
            public boolean begin(Entry entry) {
                return target.begin(entry);
            }

            @Override
            public void complete(String signalId) {
                Held h = held.get();
                if (h == null) {
                    target.complete(signalId);
                } else {
                    h.completing.add(signalId);
                }
            }

            @Override
            public List<Entry> forCustomer(String customerId) {
                return target.forCustomer(customerId);
            }

            @Override
            public void redact(String signalId) {
                target.redact(signalId);
            }
        };
    }
}
