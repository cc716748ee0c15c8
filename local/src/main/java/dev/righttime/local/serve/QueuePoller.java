package dev.righttime.local.serve;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * What Lambda's SQS event source mapping does, in a thread: long-poll a queue, hand each batch to
 * the handler as an {@link SQSEvent}, delete what succeeded, leave the reported failures to come
 * back after their visibility timeout (and, past maxReceiveCount, to move to the DLQ).
 */
public final class QueuePoller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QueuePoller.class);

    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final RequestHandler<SQSEvent, SQSBatchResponse> handler;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private final Foreground foreground;
    private final long windowNanos;
    /** When the last receive returned messages (System.nanoTime), for the batching window. */
    private long receivedAt;

    /** SQS's largest receive: a batch this size is handed on at once, whatever the window. */
    static final int MAX_BATCH = 10;

    public QueuePoller(String name, SqsClient sqs, String queueUrl, String queueArn,
                       RequestHandler<SQSEvent, SQSBatchResponse> handler) {
        this(name, sqs, queueUrl, queueArn, handler, new Foreground(0), Duration.ZERO);
    }

    /**
     * A poller that gives way to webhook acknowledgements while {@code foreground} is busy, and
     * gathers batches for up to {@code window} (Lambda's MaximumBatchingWindowInSeconds, here per
     * poller): after a batch of fewer than {@link #MAX_BATCH} messages the next receive waits until
     * {@code window} has passed since the last one returned. A queue that goes quiet costs nothing
     * (the first message after a pause is received at once); a busy one is read in fuller batches,
     * so fewer ReceiveMessage and DeleteMessageBatch calls per message (issue 21: at 300 signals/s
     * the email pollers received 1–2 messages a call, and each call costs about as much CPU in
     * ElasticMQ and the SDK as the send itself).
     */
    public QueuePoller(String name, SqsClient sqs, String queueUrl, String queueArn,
                       RequestHandler<SQSEvent, SQSBatchResponse> handler, Foreground foreground, Duration window) {
        if (window.isNegative()) {
            throw new IllegalArgumentException("window must be >= 0");
        }
        this.windowNanos = window.toNanos();
        this.foreground = foreground;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
        this.handler = handler;
        this.thread = new Thread(this::loop, "poll-" + name);
        this.thread.setDaemon(true);
    }

    public QueuePoller start() {
        thread.start();
        return this;
    }

    /** One receive-handle-delete round; returns how many messages it received. Public for tests. */
    public int pollOnce(int waitSeconds) {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(MAX_BATCH)
                .waitTimeSeconds(waitSeconds).messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        if (messages.isEmpty()) {
            return 0;
        }
        receivedAt = System.nanoTime();
        SQSEvent event = new SQSEvent();
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message m : messages) {
            SQSEvent.SQSMessage r = new SQSEvent.SQSMessage();
            r.setMessageId(m.messageId());
            r.setReceiptHandle(m.receiptHandle());
            r.setBody(m.body());
            r.setAttributes(Map.copyOf(m.attributesAsStrings()));
            r.setEventSource("aws:sqs");
            r.setEventSourceArn(queueArn);
            r.setAwsRegion("us-east-1");
            records.add(r);
        }
        event.setRecords(records);
        Set<String> failed = new HashSet<>();
        try {
            SQSBatchResponse response = handler.handleRequest(event, null);
            if (response != null && response.getBatchItemFailures() != null) {
                response.getBatchItemFailures().forEach(f -> failed.add(f.getItemIdentifier()));
            }
        } catch (RuntimeException e) {
            // The whole invocation failed, as a crashed Lambda would: every message comes back.
            LOG.warn("{} handler threw {}; the batch will be redelivered", thread.getName(), e.getClass().getSimpleName());
            return messages.size();
        }
        List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
        for (Message m : messages) {
            if (!failed.contains(m.messageId())) {
                done.add(DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build());
            }
        }
        if (!done.isEmpty()) {
            sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(done));
        }
        return messages.size();
    }

    private void loop() {
        while (running.get()) {
            try {
                long start = System.nanoTime();
                int received = pollOnce(1);
                if (received > 0) {
                    long now = System.nanoTime();
                    long pause = foreground.pauseAfter(now - start);
                    if (received < MAX_BATCH) {
                        pause = Math.max(pause, windowNanos - (now - receivedAt));
                    }
                    if (pause > 0) {
                        sleepNanos(pause);
                    }
                }
            } catch (SdkException e) {
                if (!running.get()) {
                    return;
                }
                LOG.warn("{}: queue unavailable ({}); retrying", thread.getName(), e.getClass().getSimpleName());
                sleep(500);
            } catch (RuntimeException e) {
                LOG.error("{}: unexpected {}", thread.getName(), e.getClass().getSimpleName(), e);
                sleep(500);
            }
        }
    }

    private static void sleep(long ms) {
        sleepNanos(ms * 1_000_000);
    }

    private static void sleepNanos(long nanos) {
        try {
            Thread.sleep(Duration.ofNanos(nanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running.set(false);
        try {
            thread.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
