package dev.righttime.local.serve;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The queues of the flow, each with its DLQ, created (or found) on the local SQS. */
public final class LocalQueues {

    /** A queue's URL and ARN, and its DLQ's. */
    public record Queue(String name, String url, String arn, String dlqUrl) {
    }

    public static final int MAX_RECEIVE_COUNT = 5;

    private final Map<String, Queue> byName = new LinkedHashMap<>();

    public LocalQueues(SqsClient sqs, String prefix, int visibilityTimeoutSeconds, String... names) {
        for (String name : names) {
            String dlqUrl = sqs.createQueue(b -> b.queueName(prefix + name + "-dlq")).queueUrl();
            String dlqArn = arn(sqs, dlqUrl);
            String redrive = "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + MAX_RECEIVE_COUNT + "\"}";
            String url = sqs.createQueue(b -> b.queueName(prefix + name).attributes(Map.of(
                    QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilityTimeoutSeconds),
                    QueueAttributeName.REDRIVE_POLICY, redrive))).queueUrl();
            byName.put(name, new Queue(name, url, arn(sqs, url), dlqUrl));
        }
    }

    public Queue get(String name) {
        Queue q = byName.get(name);
        if (q == null) {
            throw new IllegalArgumentException("no queue " + name);
        }
        return q;
    }

    public Map<String, Queue> all() {
        return byName;
    }

    private static String arn(SqsClient sqs, String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }
}
