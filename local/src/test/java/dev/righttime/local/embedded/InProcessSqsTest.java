package dev.righttime.local.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.righttime.aws.AwsClients;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.ReceiptHandleIsInvalidException;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/** The in-process client reaches the same ElasticMQ queues as HTTP, with their visibility, receive counts and redrive. */
class InProcessSqsTest {

    private static EmbeddedSqs mq;
    private static SqsClient http;
    private static SqsClient sqs;

    @BeforeAll
    static void start() {
        mq = EmbeddedSqs.start();
        http = AwsClients.local(mq.endpoint(), "us-east-1").sqs();
        sqs = mq.inProcess(http);
    }

    @AfterAll
    static void stop() {
        mq.close();
    }

    private static String queue(String name, int maxReceiveCount) {
        String dlq = sqs.createQueue(b -> b.queueName(name + "-dlq")).queueUrl();
        String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlq).attributeNames(QueueAttributeName.QUEUE_ARN)).attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        return sqs.createQueue(b -> b.queueName(name).attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "30",
                QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\""
                        + maxReceiveCount + "\"}"))).queueUrl();
    }

    private static Map<String, MessageAttributeValue> id(String id) {
        return Map.of("righttime-id", MessageAttributeValue.builder().dataType("String").stringValue(id).build());
    }

    private static List<Message> receive(SqsClient client, String url) {
        return client.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0).messageAttributeNames("All")
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
    }

    @Test
    void whatOneClientSendsTheOtherReceivesWithAttributesAndAReceivedMessageStaysInvisibleUntilDeleted() {
        String url = queue("both-ways", 5);
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("in-process").messageAttributes(id("a")));
        sqs.sendMessageBatch(b -> b.queueUrl(url).entries(
                SendMessageBatchRequestEntry.builder().id("0").messageBody("batch-0").messageAttributes(id("b0")).build(),
                SendMessageBatchRequestEntry.builder().id("1").messageBody("batch-1").messageAttributes(id("b1")).build()));
        http.sendMessage(b -> b.queueUrl(url).messageBody("over-http"));

        List<Message> got = receive(sqs, url);
        assertThat(got).extracting(Message::body).containsExactlyInAnyOrder("in-process", "batch-0", "batch-1", "over-http");
        Message first = got.stream().filter(m -> m.body().equals("in-process")).findFirst().orElseThrow();
        assertThat(first.messageAttributes().get("righttime-id").stringValue()).isEqualTo("a");
        assertThat(first.attributesAsStrings()).containsEntry("ApproximateReceiveCount", "1").containsKey("SentTimestamp");
        assertThat(receive(http, url)).as("in flight, as over HTTP").isEmpty();
        assertThat(http.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes())
                .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "4");

        DeleteMessageBatchResponse deleted = sqs.deleteMessageBatch(b -> b.queueUrl(url).entries(got.stream()
                .map(m -> DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build()).toList()));
        assertThat(deleted.successful()).hasSize(4);
        assertThat(deleted.failed()).isEmpty();
        assertThat(http.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributes())
                .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")
                .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0");
    }

    @Test
    void aMessageMadeVisibleAgainComesBackCountedAndPastMaxReceiveCountGoesToTheDeadLetterQueue() {
        String url = queue("redrive", 2);
        String dlq = sqs.getQueueUrl(b -> b.queueName("redrive-dlq")).queueUrl();
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("poison").messageAttributes(id("p")));

        for (int receive = 1; receive <= 2; receive++) {
            List<Message> got = receive(sqs, url);
            assertThat(got).hasSize(1);
            assertThat(got.get(0).attributesAsStrings()).containsEntry("ApproximateReceiveCount", Integer.toString(receive));
            sqs.changeMessageVisibility(b -> b.queueUrl(url).receiptHandle(got.get(0).receiptHandle()).visibilityTimeout(0));
        }
        assertThat(receive(sqs, url)).as("a third receive moves it instead").isEmpty();
        assertThat(receive(http, dlq)).extracting(Message::body).containsExactly("poison");
    }

    @Test
    void aDelayedMessageWaitsAndUnknownHandlesAndQueuesAreRefused() {
        String url = queue("refusals", 5);
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("later").delaySeconds(60));
        assertThat(receive(sqs, url)).isEmpty();
        assertThat(http.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                .attributes()).containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED, "1");

        assertThat(sqs.deleteMessageBatch(b -> b.queueUrl(url).entries(DeleteMessageBatchRequestEntry.builder().id("x")
                .receiptHandle("nonsense#handle").build())).failed()).extracting(e -> e.id()).containsExactly("x");
        assertThatThrownBy(() -> sqs.changeMessageVisibility(b -> b.queueUrl(url).receiptHandle("nonsense#handle").visibilityTimeout(5)))
                .isInstanceOf(ReceiptHandleIsInvalidException.class);
        String missing = url.substring(0, url.lastIndexOf('/') + 1) + "no-such-queue";
        assertThatThrownBy(() -> sqs.sendMessage(b -> b.queueUrl(missing).messageBody("x"))).isInstanceOf(QueueDoesNotExistException.class);
    }
}
