package dev.righttime.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SqsRedeliveryTest {

    @Test
    void aQueueArnIsTheQueueUrlOfItsRegionAndAccount() {
        assertThat(SqsRedelivery.awsQueueUrl("arn:aws:sqs:eu-central-1:123456789012:righttime-signals"))
                .isEqualTo("https://sqs.eu-central-1.amazonaws.com/123456789012/righttime-signals");
        assertThat(SqsRedelivery.awsQueueUrl("arn:aws-cn:sqs:cn-north-1:123456789012:q"))
                .isEqualTo("https://sqs.cn-north-1.amazonaws.com.cn/123456789012/q");
        assertThatThrownBy(() -> SqsRedelivery.awsQueueUrl("arn:aws:sns:eu-central-1:1:t")).isInstanceOf(IllegalArgumentException.class);
    }
}
