package dev.righttime.aws;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.comprehend.ComprehendClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Builds the SDK clients once per process: region from {@code AWS_REGION}, an explicit
 * (lightweight, fast to start) URLConnection HTTP client, and optionally one endpoint for every
 * service (LocalStack, DynamoDB Local, ElasticMQ, or a test's fake server).
 */
public final class AwsClients {

    private final Region region;
    private final URI endpoint;
    private final AwsCredentialsProvider credentials;
    private final SdkHttpClient http;

    private AwsClients(Region region, URI endpoint, AwsCredentialsProvider credentials, SdkHttpClient http) {
        this.region = region;
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.http = http != null ? http : UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** Lambda: region from AWS_REGION, default credentials chain, the real endpoints. */
    public static AwsClients fromEnvironment() {
        return new AwsClients(ClientSettings.regionFromEnvironment(), null, DefaultCredentialsProvider.builder().build(), null);
    }

    /** Local runtime and tests: every client talks to {@code endpoint} with dummy credentials. */
    public static AwsClients local(URI endpoint, String region) {
        return local(endpoint, region, null);
    }

    /**
     * As {@link #local(URI, String)}, over the given HTTP client (the local runtime passes a pooled
     * Apache client: many threads at once, where start-up time does not matter).
     */
    public static AwsClients local(URI endpoint, String region, SdkHttpClient http) {
        return new AwsClients(Region.of(region), endpoint,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")), http);
    }

    public Region region() {
        return region;
    }

    public DynamoDbClient dynamoDb() {
        return configure(DynamoDbClient.builder()).httpClient(http).build();
    }

    public ComprehendClient comprehend() {
        return configure(ComprehendClient.builder()).httpClient(http).build();
    }

    public SqsClient sqs() {
        return configure(SqsClient.builder()).httpClient(http).build();
    }

    public SchedulerClient scheduler() {
        return configure(SchedulerClient.builder()).httpClient(http).build();
    }

    public EventBridgeClient eventBridge() {
        return configure(EventBridgeClient.builder()).httpClient(http).build();
    }

    public SsmClient ssm() {
        return configure(SsmClient.builder()).httpClient(http).build();
    }

    public SesV2Client sesV2() {
        return configure(SesV2Client.builder()).httpClient(http).build();
    }

    public SnsClient sns() {
        return configure(SnsClient.builder()).httpClient(http).build();
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
        builder.region(region).credentialsProvider(credentials).overrideConfiguration(ClientSettings.overrides());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder;
    }
}
