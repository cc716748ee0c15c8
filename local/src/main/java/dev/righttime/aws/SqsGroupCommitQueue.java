package dev.righttime.aws;

import dev.righttime.port.MessageQueue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * A standard SQS queue for many threads sending at once (the local runtime's HTTP workers): sends
 * that arrive while a batch is on its way leave together as the next {@code SendMessageBatch} (group
 * commit). There is no timer: a lone send leaves at once, and batches grow only when sends pile up,
 * so the busier the queue the fewer calls per message (one ElasticMQ call per 10 messages costs a
 * seventh of ten single sends' CPU here). The SDK's {@code SqsAsyncBatchManager} waits for a
 * timer instead (200 ms by default), which would add that to every webhook's answer. Each caller
 * returns only when its own message is on the queue, or gets {@link QueueUnavailableException}.
 */
public final class SqsGroupCommitQueue implements MessageQueue, AutoCloseable {

    /** SQS's limits for one SendMessageBatch: 10 entries, 256 KiB of bodies and attributes in all. */
    static final int MAX_ENTRIES = 10;
    static final int MAX_BATCH_BYTES = 256 * 1024;

    private record Pending(String body, String id, int bytes, CompletableFuture<Void> done) {
    }

    private final SqsClient sqs;
    private final String queueUrl;
    private final LinkedBlockingQueue<Pending> waiting = new LinkedBlockingQueue<>();
    private final Thread sender;
    private volatile boolean open = true;

    public SqsGroupCommitQueue(SqsClient sqs, String queueUrl, String name) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.sender = new Thread(this::sendLoop, "send-" + name);
        this.sender.setDaemon(true);
        this.sender.start();
    }

    @Override
    public void send(String body, String deduplicationId) {
        if (!open) {
            throw new QueueUnavailableException("the queue client is closed", null);
        }
        int bytes = body.getBytes(StandardCharsets.UTF_8).length + deduplicationId.length() + SqsMessageQueue.ID_ATTRIBUTE.length() + 6;
        Pending p = new Pending(body, deduplicationId, bytes, new CompletableFuture<>());
        waiting.add(p);
        if (!open) {
            // close() may have drained the queue before this add: do not wait for a sender that is gone.
            p.done().completeExceptionally(new QueueUnavailableException("the queue client is closed", null));
        }
        try {
            p.done().join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof QueueUnavailableException q ? q
                    : new QueueUnavailableException("send to queue failed", e.getCause());
        }
    }

    private void sendLoop() {
        List<Pending> batch = new ArrayList<>(MAX_ENTRIES);
        while (open) {
            try {
                batch.add(waiting.take());
            } catch (InterruptedException e) {
                break;
            }
            int bytes = batch.get(0).bytes();
            for (Pending next; batch.size() < MAX_ENTRIES && (next = waiting.peek()) != null
                    && bytes + next.bytes() <= MAX_BATCH_BYTES; bytes += next.bytes()) {
                batch.add(waiting.poll());
            }
            sendBatch(batch);
            batch.clear();
        }
        failWaiting();
    }

    private void sendBatch(List<Pending> batch) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Pending p = batch.get(i);
            entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i))
                    .messageBody(p.body()).messageAttributes(SqsMessageQueue.idAttribute(p.id())).build());
        }
        SendMessageBatchResponse response;
        try {
            response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
        } catch (RuntimeException e) {
            // Any failure, not only the SDK's: a caller must never wait for an answer that is not coming.
            QueueUnavailableException failure = new QueueUnavailableException("send to queue failed", e);
            batch.forEach(p -> p.done().completeExceptionally(failure));
            return;
        }
        Map<String, BatchResultErrorEntry> failed = new HashMap<>();
        response.failed().forEach(f -> failed.put(f.id(), f));
        for (int i = 0; i < batch.size(); i++) {
            BatchResultErrorEntry error = failed.get(Integer.toString(i));
            if (error == null) {
                batch.get(i).done().complete(null);
            } else {
                batch.get(i).done().completeExceptionally(new QueueUnavailableException(
                        "the queue refused the message (" + error.code() + ")", null));
            }
        }
    }

    private void failWaiting() {
        QueueUnavailableException closed = new QueueUnavailableException("the queue client is closed", null);
        for (Pending p; (p = waiting.poll()) != null; ) {
            p.done().completeExceptionally(closed);
        }
    }

    /** Stops the sender; messages not yet sent fail with {@link QueueUnavailableException}. */
    @Override
    public void close() {
        open = false;
        sender.interrupt();
        try {
            sender.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failWaiting();
    }
}
