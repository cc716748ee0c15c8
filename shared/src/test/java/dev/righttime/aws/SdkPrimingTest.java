package dev.righttime.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;

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
    void anUnknownCallIsRefusedWithAClientError() {
        CannedHttpClient.Response answer = SdkPriming.answer(new CannedHttpClient.Request(SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST).uri(URI.create("https://example.invalid/"))
                .putHeader("X-Amz-Target", "DynamoDB_20120810.BatchWriteItem").build(), "{}"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("ValidationException");
    }
}
