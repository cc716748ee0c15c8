package dev.righttime.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * SnapStart's SDK priming runs every call it makes through the SDK to a well-formed answer: the
 * count of answered requests is what each method makes, and none throws (SQS checks the MD5s of the
 * canned answer against what it sent, DynamoDB and the others unmarshal their answers: JSON, SESv2's
 * REST-JSON, SNS's XML; an answer the SDK could not read, or the 400 of a call the canned client
 * does not know, would throw).
 */
class SdkPrimingTest {

    @Test
    void everyPrimedCallGetsAWellFormedAnswerInMemory() {
        assertThat(SdkPriming.dynamoDb()).isEqualTo(5); // put, update, get, query, delete
        assertThat(SdkPriming.dynamoDbScan()).isEqualTo(1);
        assertThat(SdkPriming.sqs()).isEqualTo(1);
        assertThat(SdkPriming.sqsVisibility()).isEqualTo(1);
        assertThat(SdkPriming.ssm()).isEqualTo(1);
        assertThat(SdkPriming.scheduler()).isEqualTo(2); // create, delete
        assertThat(SdkPriming.eventBridge()).isEqualTo(1);
        assertThat(SdkPriming.sesV2()).isEqualTo(1); // SendEmail
        assertThat(SdkPriming.sns()).isEqualTo(1); // Publish
    }

    @Test
    void theSqsAnswerCarriesTheDigestsTheSdkChecksForStringAndBinaryAttributes() {
        CannedHttpClient http = new CannedHttpClient(SdkPriming::answer);
        try (SqsClient sqs = SqsClient.builder().httpClient(http).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("p", "p"))).build()) {
            // The SDK compares the answer's MD5s with its own and throws on a mismatch.
            String id = sqs.sendMessage(b -> b.queueUrl("https://sqs.us-east-1.amazonaws.com/000000000000/q").messageBody("{}")
                    .messageAttributes(Map.of(
                            "text", MessageAttributeValue.builder().dataType("String").stringValue("priming").build(),
                            "bytes", MessageAttributeValue.builder().dataType("Binary")
                                    .binaryValue(SdkBytes.fromByteArray(new byte[] {0, (byte) 0xff, 42})).build())))
                    .messageId();
            assertThat(id).isEqualTo("priming");
        }
    }

    @Test
    void anUnknownCallIsRefusedWithAClientError() {
        CannedHttpClient.Response answer = SdkPriming.answer(new CannedHttpClient.Request(SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST).uri(URI.create("https://example.invalid/"))
                .putHeader("X-Amz-Target", "DynamoDB_20120810.BatchWriteItem").build(), "{}"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("ValidationException");
    }
}
