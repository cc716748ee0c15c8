package dev.righttime.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.righttime.policy.Playbook;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** template.yaml at the repository root, checked against the code it deploys. */
class TemplateTest {

    private final Template template = Template.read(Repo.ROOT.resolve("template.yaml"));
    private final TemplateChecks checks = new TemplateChecks(Repo.ROOT, template);

    @Test
    void everyHandlerAndCodeUriExists() {
        assertThat(checks.handlers()).isEmpty();
    }

    @Test
    void everyEnvironmentVariableTheCodeReadsIsSet() {
        assertThat(checks.environment()).isEmpty();
    }

    @Test
    void everyQueueHasADeadLetterQueueAndEnoughVisibility() {
        assertThat(checks.queues()).isEmpty();
    }

    @Test
    void everyRouteOfTheSpecIsServedWithTheRightAuthorizer() {
        assertThat(checks.routes()).isEmpty();
    }

    @Test
    void ingestTimesOutBeforeItsLedgerLeaseExpires() {
        assertThat(checks.ingestTimeout()).isEmpty();
    }

    @Test
    void theRouteListIsTheSpecsHttpContract() throws Exception {
        Path spec = Repo.ROOT.resolve("../shared/SPEC.md");
        assumeTrue(Files.isRegularFile(spec), "the product spec is not next to this checkout");
        assertThat(TemplateChecks.specRoutes(Files.readString(spec))).containsExactlyInAnyOrderElementsOf(TemplateChecks.ROUTES);
    }

    @Test
    void shortFormIntrinsicsBecomeTheirLongForm() {
        JsonNode t = CfnYaml.parse("""
                A: !Ref Bucket
                B: !GetAtt Queue.Arn
                C: !Sub "arn:${AWS::Partition}:x"
                D: !If [HasX, !Ref X, !Ref AWS::NoValue]
                E: !Join [",", [a, !Select [0, !Split ["/", !Ref P]]]]
                F: !Not [!Equals [!Ref P, ""]]
                G: {Fn::GetAtt: [Queue, Arn]}
                """);
        assertThat(t.path("A").path("Ref").asText()).isEqualTo("Bucket");
        assertThat(t.path("B").path("Fn::GetAtt").toString()).isEqualTo("[\"Queue\",\"Arn\"]");
        assertThat(t.path("C").path("Fn::Sub").asText()).isEqualTo("arn:${AWS::Partition}:x");
        assertThat(t.path("D").path("Fn::If").get(2).path("Ref").asText()).isEqualTo("AWS::NoValue");
        assertThat(t.path("E").path("Fn::Join").get(1).get(1).path("Fn::Select").get(1).path("Fn::Split").get(1).path("Ref").asText())
                .isEqualTo("P");
        assertThat(t.path("F").path("Fn::Not").get(0).has("Fn::Equals")).isTrue();
        assertThat(Template.target(t.path("G"))).contains("Queue");
    }

    @Test
    void theBrandParametersBuildAValidPlaybook() throws Exception {
        JsonNode sub = template.globalFunction().path("Environment").path("Variables").path("PLAYBOOK_YAML").path("Fn::Sub");
        String yaml = sub.asText();
        for (Map.Entry<String, String> p : Map.of("BrandTimezone", "Europe/Berlin", "ReachThreshold", "500",
                "MarketingCapMessages", "2").entrySet()) {
            yaml = yaml.replace("${" + p.getKey() + "}", p.getValue());
        }
        assertThat(yaml).doesNotContain("${");

        Playbook playbook = Playbook.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));

        assertThat(playbook.brand().timezone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(playbook.approval().reachThreshold()).isEqualTo(500);
        assertThat(playbook.marketing().cap().messages()).isEqualTo(2);
        assertThat(template.parameterDefaults()).containsEntry("BrandTimezone", "UTC").containsEntry("ReachThreshold", "10000");
    }

    @Test
    void tablesMatchTheCodesDefinitions() {
        Map<String, JsonNode> tables = template.resources(Template.TABLE);
        assertThat(tables).containsOnlyKeys("DeliveriesTable", "ProfilesTable", "IdentitiesTable", "SignalsTable", "ResponsesTable",
                "NewsroomTable");
        tables.forEach((name, t) -> {
            assertThat(t.path("BillingMode").asText()).as(name).isEqualTo("PAY_PER_REQUEST");
            assertThat(t.path("PointInTimeRecoverySpecification").path("PointInTimeRecoveryEnabled").asBoolean()).as(name).isTrue();
            assertThat(t.path("SSESpecification").path("SSEEnabled").asBoolean()).as(name).isTrue();
        });
        assertThat(tables.get("DeliveriesTable").path("TimeToLiveSpecification").path("AttributeName").asText())
                .isEqualTo(dev.righttime.aws.DynamoDbDeliveryLedger.EXPIRES_AT);
        assertThat(tables.get("SignalsTable").path("GlobalSecondaryIndexes").findValuesAsText("IndexName"))
                .containsExactly(dev.righttime.aws.DynamoDbSignalLedger.BY_CUSTOMER);
        assertThat(tables.get("ResponsesTable").path("GlobalSecondaryIndexes").findValuesAsText("IndexName"))
                .containsExactly(dev.righttime.aws.Tables.BY_CUSTOMER, dev.righttime.aws.Tables.PENDING_APPROVALS,
                        dev.righttime.aws.Tables.BY_AUTHOR);
        // The newsroom table's keys are the code's (feed, roll-ups, covenants) and its feed items expire.
        JsonNode newsroom = tables.get("NewsroomTable");
        assertThat(newsroom.path("KeySchema").findValuesAsText("AttributeName")).containsExactly("pk", "sk");
        assertThat(newsroom.path("TimeToLiveSpecification").path("AttributeName").asText()).isEqualTo("expiresAt");
        // Issue 21: the ledger's state change on complete must not rewrite an index entry.
        assertThat(tables.get("SignalsTable").path("GlobalSecondaryIndexes").get(0).path("Projection").path("ProjectionType").asText())
                .isEqualTo("KEYS_ONLY");
        // Nor a response's status change (a sender's SENDING and SENT, a cancellation): its by-customer index holds keys only.
        JsonNode byCustomer = tables.get("ResponsesTable").path("GlobalSecondaryIndexes").get(0);
        assertThat(byCustomer.path("IndexName").asText()).isEqualTo(dev.righttime.aws.DynamoDbResponseStore.BY_CUSTOMER);
        assertThat(byCustomer.path("Projection").path("ProjectionType").asText()).isEqualTo("KEYS_ONLY");
        // Every function that reads responses queries that index (an upgrade's first deploy names the old one).
        template.resources(Template.FUNCTION).forEach((name, f) -> {
            JsonNode env = f.path("Environment").path("Variables");
            if (env.has("RESPONSES_TABLE")) {
                assertThat(env.path(dev.righttime.aws.DynamoDbResponseStore.CUSTOMER_INDEX_VARIABLE).asText()).as(name)
                        .isEqualTo(dev.righttime.aws.DynamoDbResponseStore.BY_CUSTOMER);
            }
        });
    }

    @Test
    void everyFunctionIsJava21OnArmWithSnapStart() {
        JsonNode g = template.globalFunction();
        assertThat(g.path("Runtime").asText()).isEqualTo("java21");
        assertThat(g.path("Architectures").toString()).isEqualTo("[\"arm64\"]");
        assertThat(g.path("SnapStart").path("ApplyOn").asText()).isEqualTo("PublishedVersions");
        assertThat(g.path("AutoPublishAlias").asText()).isEqualTo("live");
        assertThat(g.path("LoggingConfig").path("LogFormat").asText()).isEqualTo("JSON");
        template.resources(Template.FUNCTION).keySet().forEach(fn ->
                assertThat(template.functionProperty(fn, "Runtime").asText()).as(fn).isEqualTo("java21"));
    }

    @Test
    void theUnsubscribeMailtoIsReceivedOnlyWhereAskedAndFeedsTheFeedbackQueue() {
        JsonNode resources = template.root().path("Resources");
        for (String id : java.util.List.of("InboundMailTopic", "InboundMailTopicPolicy", "InboundMailSubscription",
                "UnsubscribeMailRuleSet", "UnsubscribeMailRule", "DecideUnsubscribeMailPolicy")) {
            assertThat(resources.path(id).path("Condition").asText()).as(id).isEqualTo("ReceiveUnsubscribeMail");
        }
        assertThat(template.parameterDefaults()).containsEntry("ReceiveUnsubscribeMail", "false");
        JsonNode condition = template.root().path("Conditions").path("ReceiveUnsubscribeMail").path("Fn::And");
        assertThat(condition.toString()).contains("ReceiveUnsubscribeMail").contains("UnsubscribeMailto");
        JsonNode rule = resources.path("UnsubscribeMailRule").path("Properties").path("Rule");
        assertThat(rule.path("Recipients").get(0).path("Ref").asText()).isEqualTo("UnsubscribeMailto");
        assertThat(rule.path("ScanEnabled").asBoolean()).isTrue();
        assertThat(Template.target(rule.path("Actions").get(0).path("SNSAction").path("TopicArn"))).contains("InboundMailTopic");
        JsonNode subscription = resources.path("InboundMailSubscription").path("Properties");
        assertThat(Template.target(subscription.path("Endpoint"))).contains("FeedbackQueue");
        assertThat(resources.path("FeedbackQueuePolicy").toString()).contains("InboundMailTopic");
        // decide may read the key only when mail is received; the variable names it always (read on first such mail).
        assertThat(resources.path("DecideUnsubscribeMailPolicy").path("Properties").path("Roles").toString()).contains("DecideFunctionRole");
        assertThat(template.environment("DecideFunction")).containsKey("UNSUBSCRIBE_SECRET");
        assertThat(template.policies("DecideFunction").toString()).doesNotContain("ssm:GetParameter");
    }
}
