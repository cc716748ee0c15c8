package dev.righttime.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.righttime.model.Json;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityRequest;

/** The least-privilege comparison on a small translated template and recorded calls (no moto, no python). */
class LeastPrivilegeTest {

    static final String REGION = "eu-central-1";
    static final String ACCOUNT = "123456789012";

    /** As aws-sam-translator writes a role: policy templates expanded, inline statements kept, intrinsics left in. */
    static final String ROLE = """
            {"Resources": {"FnRole": {"Type": "AWS::IAM::Role", "Properties": {"Policies": [
              {"PolicyName": "FnRolePolicy0", "PolicyDocument": {"Statement": [{"Effect": "Allow",
                "Action": ["dynamodb:GetItem", "dynamodb:Query"],
                "Resource": [{"Fn::Sub": ["arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${tableName}",
                                          {"tableName": {"Ref": "ProfilesTable"}}]}]}]}},
              {"PolicyName": "FnRolePolicy1", "PolicyDocument": {"Statement": [{"Effect": "Allow",
                "Action": ["dynamodb:GetItem"],
                "Resource": [{"Fn::Sub": ["arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${tableName}",
                                          {"tableName": {"Ref": "IdentitiesTable"}}]}]}]}},
              {"PolicyName": "FnRolePolicy2", "PolicyDocument": {"Statement": [
                {"Sid": "Schedules", "Effect": "Allow", "Action": ["scheduler:CreateSchedule", "scheduler:DeleteSchedule"],
                 "Resource": {"Fn::Sub": "arn:${AWS::Partition}:scheduler:${AWS::Region}:${AWS::AccountId}:schedule/${Group}/*"}},
                {"Sid": "PassRole", "Effect": "Allow", "Action": "iam:PassRole", "Resource": {"Fn::GetAtt": ["SchedulerRole", "Arn"]}}]}}
            ]}}}}
            """;

    static final String SAM_POLICIES = """
            [{"DynamoDBReadPolicy": {"TableName": {"Ref": "ProfilesTable"}}},
             {"DynamoDBReadPolicy": {"TableName": {"Ref": "IdentitiesTable"}}},
             {"Statement": []}]
            """;

    final LeastPrivilege check = new LeastPrivilege(REGION, ACCOUNT);

    List<String> compare(OperationRecorder.Call... calls) throws Exception {
        Translated t = Translated.of(Json.mapper().readTree(ROLE));
        t.values.putAll(java.util.Map.of("AWS::Partition", "aws", "AWS::Region", REGION, "AWS::AccountId", ACCOUNT,
                "ProfilesTable", "rt-ProfilesTable", "IdentitiesTable", "rt-IdentitiesTable", "Group", "rt-group",
                "SchedulerRole.Arn", "arn:aws:iam::" + ACCOUNT + ":role/rt-SchedulerRole"));
        List<JsonNode> sam = List.of(Json.mapper().readTree(SAM_POLICIES).get(0), Json.mapper().readTree(SAM_POLICIES).get(1),
                Json.mapper().readTree(SAM_POLICIES).get(2));
        return check.compare("Fn", LeastPrivilege.grants(t, "FnRole", sam), List.of(calls));
    }

    static OperationRecorder.Call call(String service, String operation, software.amazon.awssdk.core.SdkRequest request) {
        return new OperationRecorder.Call("Fn", "invoke", service, operation, request);
    }

    static final OperationRecorder.Call GET_PROFILE = call("DynamoDb", "GetItem", GetItemRequest.builder().tableName("rt-ProfilesTable").build());
    static final OperationRecorder.Call GET_IDENTITY = call("DynamoDb", "GetItem", GetItemRequest.builder().tableName("rt-IdentitiesTable").build());
    static final OperationRecorder.Call CREATE = call("Scheduler", "CreateSchedule", CreateScheduleRequest.builder()
            .groupName("rt-group").name("r-1").target(t -> t.roleArn("arn:aws:iam::" + ACCOUNT + ":role/rt-SchedulerRole")).build());
    static final OperationRecorder.Call DELETE = call("Scheduler", "DeleteSchedule",
            software.amazon.awssdk.services.scheduler.model.DeleteScheduleRequest.builder().groupName("rt-group").name("r-1").build());

    @Test
    void everyCallGrantedAndEveryGrantUsedIsClean() throws Exception {
        assertThat(compare(GET_PROFILE, GET_IDENTITY, CREATE, DELETE)).isEmpty();
    }

    @Test
    void aCallNoStatementAllowsIsAMissingGrant() throws Exception {
        var change = call("Sqs", "ChangeMessageVisibility", ChangeMessageVisibilityRequest.builder()
                .queueUrl("http://127.0.0.1:5000/" + ACCOUNT + "/rt-WebhookQueue").receiptHandle("h").visibilityTimeout(30).build());
        assertThat(compare(GET_PROFILE, GET_IDENTITY, CREATE, DELETE, change)).containsExactly(
                "Fn: missing grant sqs:ChangeMessageVisibility on arn:aws:sqs:eu-central-1:123456789012:rt-WebhookQueue"
                        + " (for Sqs.ChangeMessageVisibility)");
    }

    @Test
    void aGrantOnTheWrongResourceIsBothMissingAndExcess() throws Exception {
        var signals = call("DynamoDb", "Query", GetItemRequest.builder().tableName("rt-SignalsTable").build());
        assertThat(compare(GET_PROFILE, signals, CREATE, DELETE)).containsExactly(
                "Fn: missing grant dynamodb:Query on arn:aws:dynamodb:eu-central-1:123456789012:table/rt-SignalsTable (for DynamoDb.Query)",
                "Fn: excess grant DynamoDBReadPolicy on IdentitiesTable (FnRolePolicy1: dynamodb:GetItem on "
                        + "arn:aws:dynamodb:eu-central-1:123456789012:table/rt-IdentitiesTable): no operation of the function used it");
    }

    @Test
    void anUnusedActionOfAHandWrittenStatementIsExcess() throws Exception {
        assertThat(compare(GET_PROFILE, GET_IDENTITY, CREATE)).containsExactly(
                "Fn: excess action scheduler:DeleteSchedule in statement Schedules (FnRolePolicy2): no operation of the function used it");
    }

    @Test
    void creatingAScheduleNeedsPassRoleOfItsRole() throws Exception {
        assertThat(check.needs(CREATE)).extracting(LeastPrivilege.Need::action).containsExactly("scheduler:CreateSchedule", "iam:PassRole");
        assertThat(compare(GET_PROFILE, GET_IDENTITY, DELETE)).containsExactly(
                "Fn: excess action scheduler:CreateSchedule in statement Schedules (FnRolePolicy2): no operation of the function used it",
                "Fn: excess grant statement PassRole (FnRolePolicy2: iam:PassRole on arn:aws:iam::123456789012:role/rt-SchedulerRole):"
                        + " no operation of the function used it");
    }
}
