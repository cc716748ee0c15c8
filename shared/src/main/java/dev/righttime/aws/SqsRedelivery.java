package dev.righttime.aws;

import dev.righttime.port.Redelivery;
import java.time.Duration;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.sqs.SqsClient;

/** {@link Redelivery} as an SQS visibility change of the received message (at most 12 hours). */
public final class SqsRedelivery implements Redelivery {

    private static final long MAX_SECONDS = 12 * 60 * 60;

    private final SqsClient sqs;
    private final UnaryOperator<String> queueUrlOfArn;

    /** {@code queueUrlOfArn}: the queue URL for the event's source ARN. */
    public SqsRedelivery(SqsClient sqs, UnaryOperator<String> queueUrlOfArn) {
        this.sqs = sqs;
        this.queueUrlOfArn = queueUrlOfArn;
    }

    /** In AWS: {@code arn:aws:sqs:<region>:<account>:<name>} is {@code https://sqs.<region>.amazonaws.com/<account>/<name>}. */
    public static SqsRedelivery inAws(SqsClient sqs) {
        return new SqsRedelivery(sqs, SqsRedelivery::awsQueueUrl);
    }

    static String awsQueueUrl(String arn) {
        String[] p = arn.split(":", 6);
        if (p.length != 6 || !p[2].equals("sqs")) {
            throw new IllegalArgumentException("not an SQS queue ARN");
        }
        String domain = p[1].equals("aws-cn") ? "amazonaws.com.cn" : "amazonaws.com";
        return "https://sqs." + p[3] + "." + domain + "/" + p[4] + "/" + p[5];
    }

    @Override
    public void after(String queueArn, String receiptHandle, Duration delay) {
        long seconds = Math.max(0, Math.min(MAX_SECONDS, (delay.toMillis() + 999) / 1000));
        sqs.changeMessageVisibility(b -> b.queueUrl(queueUrlOfArn.apply(queueArn)).receiptHandle(receiptHandle)
                .visibilityTimeout((int) seconds));
    }
}
