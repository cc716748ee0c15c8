package dev.righttime.aws;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.righttime.send.SendResult;
import dev.righttime.send.SendService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The loop every sender Lambda runs over its SQS batch: each body is one responseId, handed to
 * {@link SendService}; the answer lists only the messages to retry (ReportBatchItemFailures).
 * A retry the provider (or a deadline) timed sets the message's visibility timeout to that delay
 * first (ChangeMessageVisibility, best effort, at most 12 h), so SQS redelivers it then rather
 * than after the queue's default timeout.
 */
public final class SqsSenderBatch {

    private static final Logger LOG = LoggerFactory.getLogger(SqsSenderBatch.class);
    static final Duration MAX_VISIBILITY = Duration.ofHours(12);

    /** Delays a message's next delivery; {@link #NONE} leaves it to the queue's visibility timeout. */
    public interface Delay {
        Delay NONE = (receiptHandle, delay) -> { };

        void apply(String receiptHandle, Duration delay);

        /** ChangeMessageVisibility on the queue the messages come from. */
        static Delay sqs(SqsClient sqs, String queueUrl) {
            return (receiptHandle, delay) -> {
                long seconds = Math.min(MAX_VISIBILITY.toSeconds(), Math.max(0, delay.toSeconds() + 1));
                sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(receiptHandle)
                        .visibilityTimeout((int) seconds));
            };
        }
    }

    private final SendService service;
    private final Delay delay;

    public SqsSenderBatch(SendService service, Delay delay) {
        this.service = service;
        this.delay = delay == null ? Delay.NONE : delay;
    }

    public SQSBatchResponse handle(SQSEvent event) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        for (SQSEvent.SQSMessage message : records) {
            if (!deliver(message)) {
                failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(message.getMessageId()).build());
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    /** True when the message is done (sent, skipped or failed for good); false to retry it. */
    private boolean deliver(SQSEvent.SQSMessage message) {
        String responseId = message.getBody() == null ? "" : message.getBody().trim();
        if (responseId.isEmpty()) {
            LOG.warn("message {} has no responseId", message.getMessageId());
            return false;
        }
        SendResult result;
        try {
            result = service.send(responseId);
        } catch (RuntimeException e) {
            LOG.warn("message {} (response {}) failed: {}", message.getMessageId(), responseId, e.getClass().getSimpleName());
            return false;
        }
        if (!result.retry()) {
            return true;
        }
        if (result.retryAfter() != null && message.getReceiptHandle() != null) {
            try {
                delay.apply(message.getReceiptHandle(), result.retryAfter());
            } catch (RuntimeException e) {
                LOG.warn("message {}: could not delay its retry ({})", message.getMessageId(), e.getClass().getSimpleName());
            }
        }
        return false;
    }
}
