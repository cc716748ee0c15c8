package dev.righttime.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.righttime.aws.AwsClients;
import dev.righttime.aws.AwsParts;
import dev.righttime.aws.Config;
import dev.righttime.decide.DecideWiring;
import dev.righttime.aws.DynamoDbDeliveryLedger;
import dev.righttime.aws.SqsMessageQueue;
import dev.righttime.aws.SsmSecrets;
import dev.righttime.aws.Tables;
import dev.righttime.aws.DynamoDbIdentityStore;
import dev.righttime.aws.DynamoDbProfileStore;
import dev.righttime.aws.DynamoDbResponseStore;
import dev.righttime.aws.SesEmailSender;
import dev.righttime.decide.DecideHandler;
import dev.righttime.flow.Customers;
import dev.righttime.model.Addresses;
import dev.righttime.model.Channel;
import dev.righttime.model.Consent;
import dev.righttime.model.CustomerProfile;
import dev.righttime.model.ResponseStatus;
import dev.righttime.send.SendService;
import dev.righttime.sendemail.SendEmailHandler;
import dev.righttime.ingest.WebhookIngestHandler;
import dev.righttime.model.Json;
import dev.righttime.policy.Playbook;
import dev.righttime.webhook.SecretRefs;
import dev.righttime.webhook.Sources;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The deployed flow on LocalStack: the resources the template declares (tables via
 * {@link Tables#createAll}, the deliveries table, queues, bus, schedule group, an SSM SecureString
 * secret), then a signed Zendesk delivery through the real handler classes: webhook-ingest
 * (secret read from SSM through {@code RIGHTTIME_SECRET_ZENDESK=ssm:/...}), decide (ports from
 * the same environment variables the template sets) and send-email (SESv2 on LocalStack, which
 * keeps the sent mail for retrospection). Skipped where no Docker engine runs.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackFlowTest {

    /** Pinned: a moving tag would change the AWS emulation under the test. */
    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4.0"));

    /** events/webhook-ingest/*.json are signed at this instant (events/webhook-ingest/README.md). */
    private static final Clock SIGNED_AT = Clock.fixed(Instant.parse("2026-03-01T20:30:00Z"), ZoneOffset.UTC);

    @Test
    void aSignedWebhookIsIngestedQueuedDecidedAndSent() throws Exception {
        AwsClients aws = AwsClients.local(LOCALSTACK.getEndpoint(), LOCALSTACK.getRegion());
        DynamoDbClient dynamo = aws.dynamoDb();
        SqsClient sqs = aws.sqs();

        Tables.Names tables = Tables.Names.withPrefix("e2e-");
        Tables.createAll(dynamo, tables);
        dynamo.createTable(b -> b.tableName("e2e-deliveries").billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName(DynamoDbDeliveryLedger.KEY).keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName(DynamoDbDeliveryLedger.KEY).attributeType(ScalarAttributeType.S)));
        try (var waiter = dynamo.waiter()) {
            waiter.waitUntilTableExists(b -> b.tableName("e2e-deliveries"));
        }
        Map<String, String> env = new HashMap<>(Map.of(
                "PROFILES_TABLE", tables.profiles(), "IDENTITIES_TABLE", tables.identities(),
                "SIGNALS_TABLE", tables.signals(), "RESPONSES_TABLE", tables.responses()));
        for (String channel : List.of("EMAIL", "SMS", "WEBHOOK")) {
            String url = sqs.createQueue(b -> b.queueName("e2e-" + channel.toLowerCase())).queueUrl();
            env.put(channel + "_QUEUE_URL", url);
            env.put(channel + "_QUEUE_ARN", arn(sqs, url));
        }
        String signalsUrl = sqs.createQueue(b -> b.queueName("e2e-signals")).queueUrl();
        String schedulerDlq = sqs.createQueue(b -> b.queueName("e2e-scheduler-dlq")).queueUrl();
        env.put("SCHEDULER_DLQ_ARN", arn(sqs, schedulerDlq));
        env.put("SCHEDULER_ROLE_ARN", "arn:aws:iam::000000000000:role/e2e-scheduler");
        env.put("SCHEDULE_GROUP", aws.scheduler().createScheduleGroup(b -> b.name("e2e-responses")).scheduleGroupArn()
                .replaceAll(".*/", ""));
        aws.eventBridge().createEventBus(b -> b.name("e2e-decisions"));
        env.put("EVENT_BUS_NAME", "e2e-decisions");
        aws.ssm().putParameter(b -> b.name("/righttime/zendesk").type(ParameterType.SECURE_STRING).value("local-test-zendesk"));
        // The ticket's requester is Zendesk user 1998: a known customer with an email address.
        DynamoDbIdentityStore identities = new DynamoDbIdentityStore(dynamo, tables.identities());
        new Customers(new DynamoDbProfileStore(dynamo, tables.profiles()), identities)
                .save(new CustomerProfile("c-ken", null, null, new Consent(true, null, null),
                        new Addresses("ken@example.com", null, null), null, Channel.EMAIL, java.util.Map.of("firstName", "Ken")));
        identities.link(Customers.providerKey("zendesk:1998"), "c-ken");
        // LocalStack verifies SES identities at once.
        aws.sesV2().createEmailIdentity(b -> b.emailIdentity("righttime@example.com"));

        WebhookIngestHandler ingest = new WebhookIngestHandler(Sources.defaults(),
                new SecretRefs(Map.of("RIGHTTIME_SECRET_ZENDESK", "ssm:/righttime/zendesk")::get, new SsmSecrets(aws.ssm())),
                new DynamoDbDeliveryLedger(dynamo, "e2e-deliveries"), new SqsMessageQueue(sqs, signalsUrl), SIGNED_AT);
        APIGatewayV2HTTPEvent delivery = EventLoader.loadApiGatewayHttpEvent(
                Repo.ROOT.resolve("events/webhook-ingest/zendesk-ticket-created.json").toString());

        APIGatewayV2HTTPResponse accepted = ingest.handleRequest(delivery, null);
        APIGatewayV2HTTPResponse again = ingest.handleRequest(delivery, null);

        assertThat(accepted.getStatusCode()).as(accepted.getBody()).isEqualTo(202);
        assertThat(again.getStatusCode()).isEqualTo(200);
        String signalId = Json.mapper().readTree(accepted.getBody()).path("signalId").asText();
        List<Message> queued = sqs.receiveMessage(b -> b.queueUrl(signalsUrl).waitTimeSeconds(5).maxNumberOfMessages(10)).messages();
        assertThat(queued).hasSize(1);

        DecideHandler decide = new DecideHandler(Playbook.defaults(), DecideWiring.ports(new AwsParts(aws.dynamoDb(), aws.sqs(), Config.of(env)), aws), SIGNED_AT);
        SQSBatchResponse decided = decide.handleRequest(SqsEvents.of(queued, null, LOCALSTACK.getRegion()), null);

        assertThat(decided.getBatchItemFailures()).isEmpty();
        Map<String, AttributeValue> ledger = dynamo.getItem(b -> b.tableName(tables.signals())
                .key(Map.of("signalId", AttributeValue.fromS(signalId))).consistentRead(true)).item();
        assertThat(ledger).containsKey("decisions");
        assertThat(ledger.get("state").s()).isEqualTo("DONE");

        // send-email: the email queue carries the responseId; SES (LocalStack) takes the message.
        List<Message> toSend = sqs.receiveMessage(b -> b.queueUrl(env.get("EMAIL_QUEUE_URL")).waitTimeSeconds(5)
                .maxNumberOfMessages(10)).messages();
        assertThat(toSend).hasSize(1);
        SendEmailHandler send = new SendEmailHandler(new SendService(Playbook.defaults().templates(),
                new AwsParts(aws.dynamoDb(), aws.sqs(), Config.of(env)).sendPorts(SendService.Ports.senders(
                        new SesEmailSender(aws.sesV2(), "righttime@example.com"), Channel.EMAIL)), SIGNED_AT));
        assertThat(send.handleRequest(SqsEvents.of(toSend, null, LOCALSTACK.getRegion()), null).getBatchItemFailures()).isEmpty();
        assertThat(new DynamoDbResponseStore(dynamo, tables.responses()).get(toSend.get(0).body()))
                .hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(ResponseStatus.SENT));
        // LocalStack keeps sent mail for retrospection at /_aws/ses.
        String sentMail = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        LOCALSTACK.getEndpoint().resolve("/_aws/ses")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertThat(sentMail).contains("ken@example.com");
    }

    private static String arn(SqsClient sqs, String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }
}
