package dev.righttime.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The IAM actions a function's {@code Policies} allow: SAM policy templates expanded to the action
 * lists SAM documents for them (samtranslator/policy_templates_data/policy_templates.json), plus
 * the Allow statements of inline policies. Resources are not compared; actions are.
 */
final class Policies {

    static final Map<String, List<String>> SAM_TEMPLATES = Map.of(
            "DynamoDBCrudPolicy", List.of("dynamodb:GetItem", "dynamodb:DeleteItem", "dynamodb:PutItem",
                    "dynamodb:Scan", "dynamodb:Query", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem",
                    "dynamodb:BatchGetItem", "dynamodb:DescribeTable", "dynamodb:ConditionCheckItem"),
            "DynamoDBReadPolicy", List.of("dynamodb:GetItem", "dynamodb:Scan", "dynamodb:Query",
                    "dynamodb:BatchGetItem", "dynamodb:DescribeTable"),
            "SQSSendMessagePolicy", List.of("sqs:SendMessage*"),
            "SQSPollerPolicy", List.of("sqs:ChangeMessageVisibility", "sqs:ChangeMessageVisibilityBatch",
                    "sqs:DeleteMessage", "sqs:DeleteMessageBatch", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"),
            "SNSPublishMessagePolicy", List.of("sns:Publish"),
            "SSMParameterReadPolicy", List.of("ssm:DescribeParameters", "ssm:GetParameters", "ssm:GetParameter",
                    "ssm:GetParametersByPath"),
            "EventBridgePutEventsPolicy", List.of("events:PutEvents"));

    /** Allowed action patterns (may hold {@code *}); unknown templates are reported in {@code problems}. */
    static List<String> allowedActions(String function, List<JsonNode> policies, List<String> problems) {
        List<String> allowed = new ArrayList<>();
        for (JsonNode policy : policies) {
            if (policy.isTextual()) {
                continue; // a managed policy by name: its actions are not known here, so it covers nothing
            }
            policy.fields().forEachRemaining(e -> {
                if (e.getKey().equals("Statement")) {
                    for (JsonNode statement : e.getValue()) {
                        if (statement.path("Effect").asText().equals("Allow")) {
                            JsonNode action = statement.path("Action");
                            if (action.isArray()) {
                                action.forEach(a -> allowed.add(a.asText()));
                            } else {
                                allowed.add(action.asText());
                            }
                        }
                    }
                } else if (SAM_TEMPLATES.containsKey(e.getKey())) {
                    allowed.addAll(SAM_TEMPLATES.get(e.getKey()));
                } else {
                    problems.add(function + ": policy template " + e.getKey()
                            + " is not known to the check (add its documented actions to Policies.SAM_TEMPLATES)");
                }
            });
        }
        return allowed;
    }

    static boolean covers(List<String> allowed, String action) {
        for (String pattern : allowed) {
            String regex = Pattern.quote(pattern).replace("*", "\\E.*\\Q");
            if (Pattern.compile(regex, Pattern.CASE_INSENSITIVE).matcher(action).matches()) {
                return true;
            }
        }
        return false;
    }

    private Policies() {
    }
}
