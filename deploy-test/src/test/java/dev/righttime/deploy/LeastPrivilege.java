package dev.righttime.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;

/**
 * Least privilege, checked both ways: each AWS operation a function made (recorded by
 * {@link OperationRecorder}) against the IAM policies of its role in the template as
 * aws-sam-translator translates it. Reports, per function, every grant that is missing (an
 * operation no statement allows) and every grant in excess (a statement no operation used; for a
 * hand-written statement, also each of its actions no operation used). The role's managed
 * policies (logs, X-Ray, the SQS event source's poller) are Lambda's own and not compared.
 */
final class LeastPrivilege {

    /** An IAM action on a resource ARN, and the SDK call that needed it. */
    record Need(String action, String resource, String call) {}

    /** One Allow statement of a role's inline policy; {@code handWritten}: not a SAM policy template. */
    record Grant(String policy, String origin, boolean handWritten, List<String> actions, List<String> resources) {
        boolean allows(Need n) {
            return actions.stream().anyMatch(a -> matches(a, n.action())) && resources.stream().anyMatch(r -> matches(r, n.resource()));
        }
    }

    private final String region;
    private final String account;

    LeastPrivilege(String region, String account) {
        this.region = region;
        this.account = account;
    }

    /** The findings, one readable line each; empty when every call is granted and every grant used. */
    List<String> compare(String function, List<Grant> grants, List<OperationRecorder.Call> calls) {
        List<Need> needs = new ArrayList<>();
        calls.forEach(c -> needs.addAll(needs(c)));
        List<String> problems = new ArrayList<>();
        Set<String> reported = new LinkedHashSet<>();
        for (Need n : needs) {
            if (grants.stream().noneMatch(g -> g.allows(n)) && reported.add(n.action() + " " + n.resource())) {
                problems.add(function + ": missing grant " + n.action() + " on " + n.resource() + " (for " + n.call() + ")");
            }
        }
        for (Grant g : grants) {
            List<Need> used = needs.stream().filter(g::allows).toList();
            if (used.isEmpty()) {
                problems.add(function + ": excess grant " + g.origin() + " (" + g.policy() + ": " + String.join(", ", g.actions())
                        + " on " + String.join(", ", g.resources()) + "): no operation of the function used it");
            } else if (g.handWritten()) {
                for (String action : g.actions()) {
                    if (used.stream().noneMatch(n -> matches(action, n.action()))) {
                        problems.add(function + ": excess action " + action + " in " + g.origin() + " (" + g.policy()
                                + "): no operation of the function used it");
                    }
                }
            }
        }
        return problems;
    }

    /** The Allow statements of a translated role's inline policies, intrinsics resolved; origin from the SAM template's Policies list. */
    static List<Grant> grants(Translated translated, String roleLogicalId, List<JsonNode> samPolicies) {
        List<Grant> out = new ArrayList<>();
        for (JsonNode policy : translated.resource(roleLogicalId).path("Properties").path("Policies")) {
            String name = policy.path("PolicyName").asText();
            JsonNode sam = samPolicy(name, samPolicies);
            boolean handWritten = sam != null && sam.has("Statement");
            String template = sam == null ? "inline policy" : handWritten ? "statement" : sam.fieldNames().next();
            for (JsonNode statement : translated.resolve(policy.path("PolicyDocument").path("Statement"))) {
                if (!"Allow".equals(statement.path("Effect").asText())) {
                    continue;
                }
                String origin = template + (statement.has("Sid") ? " " + statement.path("Sid").asText() : "")
                        + (handWritten ? "" : describe(sam));
                out.add(new Grant(name, origin, handWritten, list(statement.path("Action")), list(statement.path("Resource"))));
            }
        }
        return out;
    }

    private static String describe(JsonNode sam) {
        if (sam == null) {
            return "";
        }
        JsonNode args = sam.elements().next();
        List<String> refs = new ArrayList<>();
        args.elements().forEachRemaining(v -> refs.add(v.has("Ref") ? v.path("Ref").asText()
                : v.has("Fn::GetAtt") ? v.path("Fn::GetAtt").get(0).asText() : v.toString()));
        return refs.isEmpty() ? "" : " on " + String.join(", ", refs);
    }

    /** SAM names a function's inline policies {@code <Function>RolePolicy<index in Policies>}. */
    private static JsonNode samPolicy(String policyName, List<JsonNode> samPolicies) {
        var m = Pattern.compile("RolePolicy(\\d+)$").matcher(policyName);
        if (m.find()) {
            int i = Integer.parseInt(m.group(1));
            return i < samPolicies.size() ? samPolicies.get(i) : null;
        }
        return null;
    }

    private static List<String> list(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else if (!node.isMissingNode()) {
            out.add(node.asText());
        }
        return out;
    }

    /** What IAM authorizes for one SDK call: its action(s) and resource ARN(s). */
    List<Need> needs(OperationRecorder.Call c) {
        String op = c.operation();
        String call = c.service() + "." + op;
        SdkRequest r = c.request();
        List<Need> out = new ArrayList<>();
        switch (c.service()) {
            case "DynamoDb" -> {
                if (r instanceof BatchWriteItemRequest b) {
                    b.requestItems().keySet().forEach(t -> out.add(new Need("dynamodb:BatchWriteItem", table(t, null), call)));
                } else if (r instanceof BatchGetItemRequest b) {
                    b.requestItems().keySet().forEach(t -> out.add(new Need("dynamodb:BatchGetItem", table(t, null), call)));
                } else {
                    out.add(new Need("dynamodb:" + op, table(field(r, "TableName").orElse("*"), field(r, "IndexName").orElse(null)), call));
                }
            }
            case "Sqs" -> {
                String queue = field(r, "QueueUrl").map(u -> u.substring(u.lastIndexOf('/') + 1)).orElse("*");
                // A batch call is authorized as its single-message action.
                out.add(new Need("sqs:" + op.replace("Batch", ""), arn("sqs", queue), call));
            }
            case "Scheduler" -> {
                String group = field(r, "GroupName").orElse("default");
                out.add(new Need("scheduler:" + op, arn("scheduler", "schedule/" + group + "/" + field(r, "Name").orElse("*")), call));
                if (r instanceof CreateScheduleRequest s && s.target() != null && s.target().roleArn() != null) {
                    out.add(new Need("iam:PassRole", s.target().roleArn(), call + " (the schedule's role)"));
                }
            }
            case "EventBridge" -> {
                if (r instanceof PutEventsRequest p) {
                    for (PutEventsRequestEntry e : p.entries()) {
                        String bus = e.eventBusName() == null ? "default" : e.eventBusName();
                        out.add(new Need("events:PutEvents", bus.startsWith("arn:") ? bus : arn("events", "event-bus/" + bus), call));
                    }
                } else {
                    out.add(new Need("events:" + op, "*", call));
                }
            }
            case "SesV2" -> {
                // SES authorizes the identity the From address belongs to: the address or its domain.
                String from = field(r, "FromEmailAddress").orElse("*");
                out.add(new Need("ses:" + op, arn("ses", "identity/" + from.substring(from.indexOf('@') + 1)), call));
            }
            case "Sns" -> out.add(new Need("sns:" + op, field(r, "TopicArn").or(() -> field(r, "TargetArn")).orElse("*"), call));
            case "Ssm" -> out.add(new Need("ssm:" + op,
                    arn("ssm", "parameter/" + field(r, "Name").map(n -> n.startsWith("/") ? n.substring(1) : n).orElse("*")), call));
            default -> out.add(new Need(c.service().toLowerCase() + ":" + op, "*", call));
        }
        return out;
    }

    private String table(String name, String index) {
        return arn("dynamodb", "table/" + name + (index == null ? "" : "/index/" + index));
    }

    private String arn(String service, String resource) {
        return "arn:aws:" + service + ":" + region + ":" + account + ":" + resource;
    }

    private static Optional<String> field(SdkRequest r, String name) {
        return r.getValueForField(name, String.class);
    }

    /** IAM's matching: {@code *} any run of characters, {@code ?} one; actions case-insensitively. */
    static boolean matches(String pattern, String value) {
        StringBuilder regex = new StringBuilder();
        for (char ch : pattern.toCharArray()) {
            regex.append(ch == '*' ? ".*" : ch == '?' ? "." : Pattern.quote(String.valueOf(ch)));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE).matcher(value).matches();
    }

    /** Function logical id to its grants, for every function of the translated template. */
    static Map<String, String> roles(Translated translated) {
        Map<String, String> out = new LinkedHashMap<>();
        translated.resources("AWS::Lambda::Function").forEach((id, fn) ->
                out.put(id, fn.path("Properties").path("Role").path("Fn::GetAtt").get(0).asText()));
        return out;
    }
}
