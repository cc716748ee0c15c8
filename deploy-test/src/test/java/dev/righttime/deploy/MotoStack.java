package dev.righttime.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.righttime.aws.AwsClients;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The stack of the translated template, made in moto: every DynamoDB table (keys and indexes as
 * declared), SQS queue (attributes and redrive policy as declared), EventBridge bus, Scheduler
 * group and SNS topic, named {@code rt-<LogicalId>}; other resources (roles, keys, functions) get
 * the names and ARNs CloudFormation would give them, so every {@code Ref}/{@code GetAtt} of a
 * function's environment resolves. Each function's environment is the translated one, resolved.
 */
final class MotoStack {

    static final String STACK = "rt";

    final Translated template;
    final AwsClients aws;
    final String region;
    final String account;

    MotoStack(Translated template, AwsClients aws, String region, String account, Map<String, String> parameters) {
        this.template = template;
        this.aws = aws;
        this.region = region;
        this.account = account;
        Map<String, String> v = template.values;
        v.put("AWS::Region", region);
        v.put("AWS::AccountId", account);
        v.put("AWS::Partition", "aws");
        v.put("AWS::StackName", STACK);
        v.put("AWS::URLSuffix", "amazonaws.com");
        template.parameterDefaults().forEach((name, dflt) -> v.put(name, parameters.getOrDefault(name, dflt)));
        template.root.path("Resources").fields().forEachRemaining(e -> name(e.getKey(), e.getValue()));
    }

    /** Names and ARNs as CloudFormation gives them, before anything is created. */
    private void name(String id, JsonNode resource) {
        Map<String, String> v = template.values;
        String type = resource.path("Type").asText();
        String name = STACK + "-" + id;
        switch (type) {
            case "AWS::IAM::Role" -> {
                v.put(id, name);
                v.put(id + ".Arn", "arn:aws:iam::" + account + ":role/" + name);
            }
            case "AWS::SQS::Queue" -> {
                v.put(id, "https://sqs." + region + ".amazonaws.com/" + account + "/" + name); // moto's URL once created
                v.put(id + ".QueueName", name);
                v.put(id + ".Arn", "arn:aws:sqs:" + region + ":" + account + ":" + name);
            }
            case "AWS::DynamoDB::Table" -> {
                v.put(id, name);
                v.put(id + ".Arn", "arn:aws:dynamodb:" + region + ":" + account + ":table/" + name);
            }
            case "AWS::SNS::Topic" -> {
                v.put(id, "arn:aws:sns:" + region + ":" + account + ":" + name);
                v.put(id + ".TopicName", name);
                v.put(id + ".TopicArn", v.get(id));
            }
            case "AWS::Scheduler::ScheduleGroup", "AWS::Events::EventBus" -> {
                // named by the template (resolved when created) or by CloudFormation
                v.put(id, name);
            }
            default -> {
                v.put(id, name);
                v.put(id + ".Arn", "arn:aws:" + type.split("::")[1].toLowerCase() + ":" + region + ":" + account + ":" + name);
            }
        }
    }

    /** Creates the tables, queues, buses, schedule groups, topics and SES configuration sets in moto. */
    MotoStack create() {
        DynamoDbClient dynamo = aws.dynamoDb();
        SqsClient sqs = aws.sqs();
        Map<String, JsonNode> queues = template.resources("AWS::SQS::Queue");
        queues.keySet().forEach(id -> template.values.put(id,
                sqs.createQueue(b -> b.queueName(template.values.get(id + ".QueueName"))).queueUrl()));
        queues.forEach((id, q) -> {
            Map<QueueAttributeName, String> attributes = new LinkedHashMap<>();
            JsonNode p = template.resolve(q.path("Properties"));
            for (String a : List.of("VisibilityTimeout", "MessageRetentionPeriod", "DelaySeconds")) {
                if (p.has(a)) {
                    attributes.put(QueueAttributeName.fromValue(a), p.path(a).asText());
                }
            }
            if (p.has("RedrivePolicy")) {
                attributes.put(QueueAttributeName.REDRIVE_POLICY, p.path("RedrivePolicy").toString());
            }
            if (!attributes.isEmpty()) {
                sqs.setQueueAttributes(b -> b.queueUrl(template.values.get(id)).attributes(attributes));
            }
        });
        template.resources("AWS::DynamoDB::Table").forEach((id, t) -> createTable(dynamo, template.values.get(id), t.path("Properties")));
        template.resources("AWS::Events::EventBus").forEach((id, bus) -> {
            String name = bus.path("Properties").has("Name") ? template.text(bus.path("Properties").path("Name")) : template.values.get(id);
            template.values.put(id, name);
            template.values.put(id + ".Arn", aws.eventBridge().createEventBus(b -> b.name(name)).eventBusArn());
            template.values.put(id + ".Name", name);
        });
        template.resources("AWS::Scheduler::ScheduleGroup").forEach((id, g) -> {
            String name = g.path("Properties").has("Name") ? template.text(g.path("Properties").path("Name")) : template.values.get(id);
            template.values.put(id, name);
            template.values.put(id + ".Arn", aws.scheduler().createScheduleGroup(b -> b.name(name)).scheduleGroupArn());
        });
        template.resources("AWS::SNS::Topic").keySet().forEach(id ->
                aws.sns().createTopic(b -> b.name(template.values.get(id + ".TopicName"))));
        template.resources("AWS::SES::ConfigurationSet").forEach((id, set) -> {
            String name = set.path("Properties").has("Name") ? template.text(set.path("Properties").path("Name")) : template.values.get(id);
            template.values.put(id, name);
            aws.sesV2().createConfigurationSet(b -> b.configurationSetName(name));
        });
        return this;
    }

    private static void createTable(DynamoDbClient dynamo, String name, JsonNode p) {
        List<AttributeDefinition> attributes = new ArrayList<>();
        p.path("AttributeDefinitions").forEach(a -> attributes.add(AttributeDefinition.builder()
                .attributeName(a.path("AttributeName").asText()).attributeType(a.path("AttributeType").asText()).build()));
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        p.path("GlobalSecondaryIndexes").forEach(i -> indexes.add(GlobalSecondaryIndex.builder()
                .indexName(i.path("IndexName").asText()).keySchema(keys(i.path("KeySchema")))
                .projection(Projection.builder().projectionType(ProjectionType.fromValue(i.path("Projection").path("ProjectionType").asText("ALL")))
                        .nonKeyAttributes(texts(i.path("Projection").path("NonKeyAttributes"))).build())
                .build()));
        dynamo.createTable(b -> {
            b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST).attributeDefinitions(attributes).keySchema(keys(p.path("KeySchema")));
            if (!indexes.isEmpty()) {
                b.globalSecondaryIndexes(indexes);
            }
        });
    }

    private static List<KeySchemaElement> keys(JsonNode schema) {
        List<KeySchemaElement> out = new ArrayList<>();
        schema.forEach(k -> out.add(KeySchemaElement.builder().attributeName(k.path("AttributeName").asText())
                .keyType(k.path("KeyType").asText()).build()));
        return out;
    }

    private static List<String> texts(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.asText()));
        return out.isEmpty() ? null : out;
    }

    /** A translated function's environment: the template's variables (Globals merged), every intrinsic resolved. */
    Map<String, String> environment(String function) {
        Map<String, String> env = new LinkedHashMap<>();
        template.resource(function).path("Properties").path("Environment").path("Variables").fields()
                .forEachRemaining(e -> env.put(e.getKey(), template.text(e.getValue())));
        return env;
    }

    /** Function logical id to handler, for every function of the translated template. */
    Map<String, String> handlers() {
        Map<String, String> out = new LinkedHashMap<>();
        template.resources("AWS::Lambda::Function").forEach((id, fn) -> out.put(id, fn.path("Properties").path("Handler").asText()));
        return out;
    }
}
