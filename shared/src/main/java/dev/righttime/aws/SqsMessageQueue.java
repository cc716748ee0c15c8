package dev.righttime.aws;

import dev.righttime.port.MessageQueue;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/** A standard SQS queue. The id travels as a message attribute so consumers can log it. */
public final class SqsMessageQueue implements MessageQueue {

    /** The message attribute that carries the message's id. */
    static final String ID_ATTRIBUTE = "righttime-id";

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsMessageQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    public String queueUrl() {
        return queueUrl;
    }

    @Override
    public void send(String body, String deduplicationId) {
        try {
            sqs.sendMessage(SendMessageRequest.builder()
                    .queueUrl(queueUrl)
                    .messageBody(body)
                    .messageAttributes(idAttribute(deduplicationId))
                    .build());
        } catch (SdkException e) {
            throw new QueueUnavailableException("send to queue failed", e);
        }
    }

    /** DelaySeconds rounded up, so the message is never visible before {@code delay}. */
    @Override
    public void sendDelayed(String body, String deduplicationId, Duration delay) {
        int seconds = SqsDelays.seconds(delay);
        try {
            sqs.sendMessage(SendMessageRequest.builder()
                    .queueUrl(queueUrl)
                    .messageBody(body)
                    .delaySeconds(seconds)
                    .messageAttributes(idAttribute(deduplicationId))
                    .build());
        } catch (SdkException e) {
            throw new QueueUnavailableException("send to queue failed", e);
        }
    }

    static Map<String, MessageAttributeValue> idAttribute(String id) {
        return Map.of(ID_ATTRIBUTE, MessageAttributeValue.builder().dataType("String").stringValue(id).build());
    }
}
