package dev.righttime.aws;

import dev.righttime.port.MessageQueue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * A standard SQS queue for many threads sending at once (the local runtime's HTTP workers): sends
 * that arrive while a batch is on its way leave together as the next {@code SendMessageBatch} (group
 * commit). A lone send leaves at once, and batches grow when sends pile up (and, with a linger,
 * while sends keep arriving together), so the busier the queue the fewer calls per message (one
 * ElasticMQ call per 10 messages costs a seventh of ten single sends' CPU here). The SDK's {@code SqsAsyncBatchManager} waits for a
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
    private final long lingerNanos;
    private final LinkedBlockingQueue<Pending> waiting = new LinkedBlockingQueue<>();
    private final Thread sender;
    private volatile boolean open = true;
    /** A send taken while filling a batch that would not fit in it: it opens the next one. */
    private Pending carried;

    public SqsGroupCommitQueue(SqsClient sqs, String queueUrl, String name) {
        this(sqs, queueUrl, name, Duration.ZERO);
    }

    /**
     * With a linger: once sends arrive together (the last batch carried two or more), a batch that
     * is not full waits up to {@code linger} for more before it leaves. A lone sender never waits;
     * under load each caller waits at most {@code linger} longer and the queue gets a few times
     * fewer calls (issue 21: at 300 webhooks/s serve's batches held 1–2 sends without it).
     */
    public SqsGroupCommitQueue(SqsClient sqs, String queueUrl, String name, Duration linger) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.lingerNanos = linger.toNanos();
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
        int last = 0;
        while (open) {
            try {
                Pending first = carried != null ? carried : waiting.take();
                carried = null;
                batch.add(first);
                fill(batch, first.bytes(), last >= 2 ? System.nanoTime() + lingerNanos : 0);
            } catch (InterruptedException e) {
                break;
            }
            sendBatch(batch);
            last = batch.size();
            batch.clear();
        }
        if (carried != null) {
            batch.add(carried);
            carried = null;
        }
        QueueUnavailableException closed = new QueueUnavailableException("the queue client is closed", null);
        batch.forEach(p -> p.done().completeExceptionally(closed));
        failWaiting();
    }

    /** Adds what is waiting (and, until {@code lingerUntil}, what arrives) while the batch has room. */
    private void fill(List<Pending> batch, int bytes, long lingerUntil) throws InterruptedException {
        while (batch.size() < MAX_ENTRIES) {
            Pending next = waiting.poll();
            if (next == null && lingerUntil != 0) {
                long left = lingerUntil - System.nanoTime();
                next = left > 0 ? waiting.poll(left, TimeUnit.NANOSECONDS) : null;
            }
            if (next == null) {
                return;
            }
            if (bytes + next.bytes() > MAX_BATCH_BYTES) {
                carried = next;
                return;
            }
            batch.add(next);
            bytes += next.bytes();
        }
    }

    private void sendBatch(List<Pending> batch) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            entries.add(entry(i, batch.get(i).body(), batch.get(i).id()));
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

    /**
     * Sends (body, id) messages to a queue in SendMessageBatch calls of at most {@link #MAX_ENTRIES}
     * (bodies here are short ids, far below the byte limit); returns once every one is on the queue,
     * else throws {@link QueueUnavailableException} (some may have been sent: the callers' receivers
     * drop a second copy).
     */
    public static void sendAll(SqsClient sqs, String queueUrl, List<Map.Entry<String, String>> messages) {
        for (int from = 0; from < messages.size(); from += MAX_ENTRIES) {
            List<Map.Entry<String, String>> chunk = messages.subList(from, Math.min(messages.size(), from + MAX_ENTRIES));
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>(chunk.size());
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(entry(i, chunk.get(i).getKey(), chunk.get(i).getValue()));
            }
            SendMessageBatchResponse response;
            try {
                response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            } catch (RuntimeException e) {
                throw new QueueUnavailableException("send to queue failed", e);
            }
            if (!response.failed().isEmpty()) {
                throw new QueueUnavailableException("the queue refused " + response.failed().size() + " message(s) ("
                        + response.failed().get(0).code() + ")", null);
            }
        }
    }

    /** Entry {@code i} of a batch: the body, and the id as SqsMessageQueue's attribute (as a single send carries it). */
    private static SendMessageBatchRequestEntry entry(int i, String body, String id) {
        return SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(body)
                .messageAttributes(SqsMessageQueue.idAttribute(id)).build();
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
