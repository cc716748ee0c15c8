package dev.righttime.aws;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import dev.righttime.model.Json;
import dev.righttime.priming.PrimingPass;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.DeadLetterConfig;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindow;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.RetryPolicy;
import software.amazon.awssdk.services.scheduler.model.Target;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.MessageTag;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * SnapStart priming of the AWS SDK's request path, with no network and no real credentials: each
 * method builds a throwaway client of one service on a {@link CannedHttpClient} (dummy static
 * credentials, the function's region, the same override configuration as {@link AwsClients}) and
 * makes the calls the function's adapters make, answered in memory with well-formed responses. The
 * snapshot then holds the SDK classes of marshalling, endpoint resolution, SigV4 signing, the
 * interceptors and unmarshalling already loaded and initialised, which the first request after a
 * restore would otherwise load. The function's own clients are not used: they open connections and
 * resolve credentials on their first real call, after the restore.
 *
 * <p>A function calls the methods of the services it uses (its Lambda package carries only those
 * SDK modules). Each returns how many requests were answered, and throws if the SDK rejected an
 * answer, so a test sees a priming that no longer runs through.
 */
public final class SdkPriming {

    private static final String ID = "priming";
    private static final String ITEM_JSON = "{\"pk\":{\"S\":\"priming\"},\"n\":{\"N\":\"1\"},\"b\":{\"BOOL\":true},"
            + "\"l\":{\"L\":[{\"S\":\"priming\"}]},\"m\":{\"M\":{\"s\":{\"S\":\"priming\"}}},\"z\":{\"NULL\":true}}";

    private SdkPriming() {
    }

    /**
     * Runs the given primings and returns the requests they answered; never fails the snapshot: if
     * one stops working, the first request after a restore is slower, nothing else.
     */
    public static int quietly(IntSupplier... primings) {
        int[] answered = {0};
        boolean ran = PrimingPass.quietly("SDK", () -> {
            for (IntSupplier priming : primings) {
                answered[0] += priming.getAsInt();
            }
        });
        return ran ? answered[0] : 0;
    }

    /** PutItem, conditional UpdateItem, GetItem, Query (paginated) and DeleteItem, as the stores and ledgers call them. */
    public static int dynamoDb() {
        return DynamoDb.prime();
    }

    /** Scan (paginated) with a filter, as the newsroom's response-time report reads a window of responses. */
    public static int dynamoDbScan() {
        return DynamoDb.primeScan();
    }

    /**
     * SendMessage with a message attribute, as {@link SqsMessageQueue} sends (the MD5s of body and
     * attributes are checked as in production).
     */
    public static int sqs() {
        return Sqs.prime();
    }

    /** ChangeMessageVisibility, as a sender delays a message's retry ({@link SqsSenderBatch.Delay#sqs}). */
    public static int sqsVisibility() {
        return Sqs.primeVisibility();
    }

    /** GetParameter with decryption, as {@link SsmSecrets} reads a secret. */
    public static int ssm() {
        return Ssm.prime();
    }

    /** CreateSchedule and DeleteSchedule, as {@link EventBridgeScheduler} calls them. */
    public static int scheduler() {
        return Scheduler.prime();
    }

    /** PutEvents with one entry, as {@link EventBridgeEventBus} publishes a decision. */
    public static int eventBridge() {
        return EventBridge.prime();
    }

    /** SendEmail with simple UTF-8 content and a tag, as {@link SesEmailSender} sends a message (REST-JSON). */
    public static int sesV2() {
        return SesV2.prime();
    }

    /** Publish to a phone number with the SMS type attribute, as {@link SnsSmsSender} sends an SMS (AWS Query, XML answer). */
    public static int sns() {
        return Sns.prime();
    }

    // One nested class per service: a function's package has only its own services' SDK modules,
    // and a nested class is loaded (and verified) only when its prime() first runs.

    private static final class DynamoDb {
        private static final Map<String, AttributeValue> ITEM = Map.of(
                "pk", AttributeValue.fromS(ID),
                "n", AttributeValue.fromN("1"),
                "b", AttributeValue.fromBool(true),
                "l", AttributeValue.fromL(List.of(AttributeValue.fromS(ID))),
                "m", AttributeValue.fromM(Map.of("s", AttributeValue.fromS(ID))),
                "z", AttributeValue.fromNul(true));

        static int prime() {
            CannedHttpClient http = new CannedHttpClient(SdkPriming::answer);
            try (DynamoDbClient dynamo = build(DynamoDbClient.builder(), http)) {
                Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS(ID));
                dynamo.putItem(b -> b.tableName(ID).item(ITEM).conditionExpression("attribute_not_exists(pk)"));
                dynamo.updateItem(b -> b.tableName(ID).key(key)
                        .updateExpression("SET #s = :s, n = :n").conditionExpression("attribute_exists(pk)")
                        .expressionAttributeNames(Map.of("#s", "state"))
                        .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(ID), ":n", AttributeValue.fromN("2"))));
                dynamo.getItem(b -> b.tableName(ID).consistentRead(true).key(key));
                dynamo.queryPaginator(b -> b.tableName(ID).indexName("byCustomer").keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(ID)))).items().forEach(item -> { });
                dynamo.deleteItem(b -> b.tableName(ID).key(key));
            }
            return http.calls();
        }

        static int primeScan() {
            CannedHttpClient http = new CannedHttpClient(SdkPriming::answer);
            try (DynamoDbClient dynamo = build(DynamoDbClient.builder(), http)) {
                dynamo.scanPaginator(b -> b.tableName(ID).filterExpression("n >= :from AND n < :to")
                        .expressionAttributeValues(Map.of(":from", AttributeValue.fromN("0"), ":to", AttributeValue.fromN("2"))))
                        .items().forEach(item -> { });
            }
            return http.calls();
        }
    }

    private static final class Sqs {
        static int prime() {
            CannedHttpClient http = new CannedHttpClient(SdkPriming::answer);
            try (SqsClient sqs = build(SqsClient.builder(), http)) {
                sqs.sendMessage(b -> b.queueUrl("https://sqs.us-east-1.amazonaws.com/000000000000/priming")
                        .messageBody("{\"priming\":true}")
                        // An attribute like SqsMessageQueue's id, built here: naming that adapter would make
                        // every function that primes look (to deploy-test's policy scan) as if it sent to SQS.
                        .messageAttributes(Map.of("righttime-id", software.amazon.awssdk.services.sqs.model.MessageAttributeValue
                                .builder().dataType("String").stringValue(ID).build())));
            }
            return http.calls();
        }

        static int primeVisibility() {
            CannedHttpClient http = new CannedHttpClient(SdkPriming::answer);
            try (SqsClient sqs = build(SqsClient.builder(), http)) {
                sqs.changeMessageVisibility(b -> b.queueUrl("https://sqs.us-east-1.amazonaws.com/000000000000/priming")
                        .receiptHandle(ID).visibilityTimeout(60));
            }
            return http.calls();
        }
    }

    private static final class Ssm {
        static int prime() {
            CannedHttpClient http = new CannedHttpClient(SdkPriming::answer);
            try (SsmClient ssm = build(SsmClient.builder(), http)) {
                ssm.getParameter(b -> b.name("/priming").withDecryption(true));
            }
            return http.calls();
        }
    }

    private static final class Scheduler {
        static int prime() {
            CannedHttpClient http = new CannedHttpClient(SdkPriming::answer);
            try (SchedulerClient scheduler = build(SchedulerClient.builder(), http)) {
                scheduler.createSchedule(b -> b.name(ID).groupName(ID)
                        .scheduleExpression("at(2026-01-01T00:00:00)").scheduleExpressionTimezone("UTC")
                        .flexibleTimeWindow(FlexibleTimeWindow.builder().mode(FlexibleTimeWindowMode.OFF).build())
                        .actionAfterCompletion(ActionAfterCompletion.DELETE)
                        .target(Target.builder().arn("arn:aws:sqs:us-east-1:000000000000:priming")
                                .roleArn("arn:aws:iam::000000000000:role/priming").input(ID)
                                .retryPolicy(RetryPolicy.builder().maximumRetryAttempts(1).maximumEventAgeInSeconds(60).build())
                                .deadLetterConfig(DeadLetterConfig.builder().arn("arn:aws:sqs:us-east-1:000000000000:dlq").build())
                                .build()));
                scheduler.deleteSchedule(b -> b.name(ID).groupName(ID));
            }
            return http.calls();
        }
    }

    private static final class EventBridge {
        static int prime() {
            CannedHttpClient http = new CannedHttpClient(SdkPriming::answer);
            try (EventBridgeClient events = build(EventBridgeClient.builder(), http)) {
                events.putEvents(b -> b.entries(PutEventsRequestEntry.builder().eventBusName(ID).source("righttime")
                        .detailType("decision").detail("{\"priming\":true}").build()));
            }
            return http.calls();
        }
    }

    private static final class SesV2 {
        static int prime() {
            CannedHttpClient http = new CannedHttpClient(SdkPriming::answer);
            try (SesV2Client ses = build(SesV2Client.builder(), http)) {
                String messageId = ses.sendEmail(b -> b.fromEmailAddress("priming@example.invalid")
                        .destination(d -> d.toAddresses("priming@example.invalid"))
                        .content(c -> c.simple(m -> m
                                .subject(t -> t.data("priming").charset("UTF-8"))
                                .body(body -> body.text(t -> t.data("priming").charset("UTF-8")))))
                        .emailTags(MessageTag.builder().name("responseId").value(ID).build())).messageId();
                answerRead("SESv2 SendEmail", messageId);
            }
            return http.calls();
        }
    }

    private static final class Sns {
        static int prime() {
            CannedHttpClient http = new CannedHttpClient(SdkPriming::answer);
            try (SnsClient sns = build(SnsClient.builder(), http)) {
                // SnsSmsSender.SMS_TYPE, spelled out: naming the sender here would make every function
                // that primes look (to deploy-test's policy scan) as if it published to SNS.
                String messageId = sns.publish(b -> b.phoneNumber("+15555550100").message("priming")
                        .messageAttributes(Map.of("AWS.SNS.SMS.SMSType",
                                MessageAttributeValue.builder().dataType("String").stringValue("Transactional").build())))
                        .messageId();
                answerRead("SNS Publish", messageId);
            }
            return http.calls();
        }
    }

    /**
     * A canned answer of the wrong shape is not an error to the SDK (an XML element it does not
     * expect is skipped): the message id it carries must come back, or the priming says so.
     */
    private static void answerRead(String call, String messageId) {
        if (!ID.equals(messageId)) {
            throw new IllegalStateException(call + ": the canned answer was not read");
        }
    }

    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder, CannedHttpClient http) {
        return builder.httpClient(http)
                .region(ClientSettings.regionFromEnvironment())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ID, ID)))
                .overrideConfiguration(ClientSettings.overrides())
                .build();
    }

    /** Well-formed answers to the calls above; anything else gets a (non-retryable) 400. */
    static CannedHttpClient.Response answer(CannedHttpClient.Request request) {
        String target = request.target();
        String json10 = "application/x-amz-json-1.0";
        String json11 = "application/x-amz-json-1.1";
        return switch (target) {
            case "DynamoDB_20120810.PutItem", "DynamoDB_20120810.UpdateItem", "DynamoDB_20120810.DeleteItem" ->
                    new CannedHttpClient.Response(200, json10, "{}");
            case "DynamoDB_20120810.GetItem" -> new CannedHttpClient.Response(200, json10, "{\"Item\":" + ITEM_JSON + "}");
            case "DynamoDB_20120810.Query", "DynamoDB_20120810.Scan" ->
                    new CannedHttpClient.Response(200, json10, "{\"Count\":1,\"ScannedCount\":1,\"Items\":[" + ITEM_JSON + "]}");
            case "AmazonSQS.SendMessage" -> new CannedHttpClient.Response(200, json10, sendMessageAnswer(request.body()));
            case "AmazonSQS.ChangeMessageVisibility" -> new CannedHttpClient.Response(200, json10, "{}");
            case "AmazonSSM.GetParameter" -> new CannedHttpClient.Response(200, json11,
                    "{\"Parameter\":{\"Name\":\"/priming\",\"Type\":\"SecureString\",\"Value\":\"priming\",\"Version\":1}}");
            case "AWSEvents.PutEvents" ->
                    new CannedHttpClient.Response(200, json11, "{\"FailedEntryCount\":0,\"Entries\":[{\"EventId\":\"priming\"}]}");
            default -> restOrQueryAnswer(request);
        };
    }

    /**
     * The services without an {@code X-Amz-Target}: Scheduler and SESv2 (REST-JSON: the operation is
     * the method and path) and SNS (AWS Query: a form body naming the Action, answered in XML).
     */
    private static CannedHttpClient.Response restOrQueryAnswer(CannedHttpClient.Request request) {
        String path = request.http().encodedPath();
        boolean post = "POST".equals(request.http().method().name());
        if (path.startsWith("/schedules/")) {
            return new CannedHttpClient.Response(200, "application/json",
                    post ? "{\"ScheduleArn\":\"arn:aws:scheduler:us-east-1:000000000000:schedule/priming/priming\"}" : "{}");
        }
        if (post && path.equals("/v2/email/outbound-emails")) {
            return new CannedHttpClient.Response(200, "application/json", "{\"MessageId\":\"priming\"}");
        }
        if (post && request.body().startsWith("Action=Publish&")) {
            return new CannedHttpClient.Response(200, "text/xml",
                    "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
                            + "<PublishResult><MessageId>priming</MessageId></PublishResult>"
                            + "<ResponseMetadata><RequestId>priming</RequestId></ResponseMetadata></PublishResponse>");
        }
        return new CannedHttpClient.Response(400, "application/x-amz-json-1.0",
                "{\"__type\":\"com.amazon.coral.validate#ValidationException\",\"message\":\"priming\"}");
    }

    /** SQS's answer carries the MD5 of the body and of the attributes, which the SDK checks. */
    private static String sendMessageAnswer(String requestBody) {
        try {
            JsonNode sent = Json.mapper().readTree(requestBody);
            StringBuilder out = new StringBuilder("{\"MessageId\":\"priming\",\"MD5OfMessageBody\":\"")
                    .append(hex(md5(sent.path("MessageBody").asText().getBytes(UTF_8)))).append('"');
            JsonNode attributes = sent.path("MessageAttributes");
            if (attributes.isObject() && !attributes.isEmpty()) {
                out.append(",\"MD5OfMessageAttributes\":\"").append(hex(attributesMd5(attributes))).append('"');
            }
            return out.append('}').toString();
        } catch (IOException e) {
            return "{\"MessageId\":\"priming\"}";
        }
    }

    /** SQS's digest of message attributes: by name, each name, type and value length-prefixed. */
    private static byte[] attributesMd5(JsonNode attributes) {
        List<String> names = new ArrayList<>();
        attributes.fieldNames().forEachRemaining(names::add);
        names.sort(null);
        MessageDigest md5 = md5();
        for (String name : names) {
            JsonNode a = attributes.get(name);
            lengthPrefixed(md5, name.getBytes(UTF_8));
            lengthPrefixed(md5, a.path("DataType").asText().getBytes(UTF_8));
            if (a.has("StringValue")) {
                md5.update((byte) 1);
                lengthPrefixed(md5, a.path("StringValue").asText().getBytes(UTF_8));
            } else {
                md5.update((byte) 2);
                lengthPrefixed(md5, Base64.getDecoder().decode(a.path("BinaryValue").asText())); // base64 in the JSON protocol
            }
        }
        return md5.digest();
    }

    private static void lengthPrefixed(MessageDigest md5, byte[] bytes) {
        md5.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        md5.update(bytes);
    }

    private static byte[] md5(byte[] bytes) {
        return md5().digest(bytes);
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
