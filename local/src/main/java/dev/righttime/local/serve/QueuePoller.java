package dev.righttime.local.serve;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
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

    public QueuePoller(String name, SqsClient sqs, String queueUrl, String queueArn,
                       RequestHandler<SQSEvent, SQSBatchResponse> handler) {
        this(name, sqs, queueUrl, queueArn, handler, new Foreground(0));
    }

    /** A poller that gives way to webhook acknowledgements while {@code foreground} is busy. */
    public QueuePoller(String name, SqsClient sqs, String queueUrl, String queueArn,
                       RequestHandler<SQSEvent, SQSBatchResponse> handler, Foreground foreground) {
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
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                .waitTimeSeconds(waitSeconds).messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        if (messages.isEmpty()) {
            return 0;
        }
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
                if (pollOnce(1) > 0) {
                    long pause = foreground.pauseAfter(System.nanoTime() - start);
                    if (pause > 0) {
                        sleep(pause / 1_000_000);
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
        try {
            Thread.sleep(ms);
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
