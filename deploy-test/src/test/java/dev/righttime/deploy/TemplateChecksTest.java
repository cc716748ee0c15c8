package dev.righttime.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Each check fails on a template with one thing broken: the real template, mutated as text. */
class TemplateChecksTest {

    private static final String TEMPLATE = Repo.templateText();

    private static TemplateChecks with(String from, String to) {
        assertThat(TEMPLATE).as("the mutation's anchor").contains(from);
        return new TemplateChecks(Repo.ROOT, Template.of(TEMPLATE.replace(from, to)));
    }

    private static List<String> problems(String from, String to, Function<TemplateChecks, List<String>> check) {
        return check.apply(with(from, to));
    }

    @Test
    void aHandlerClassThatDoesNotExist() {
        assertThat(problems("Handler: dev.righttime.decide.DecideHandler::handleRequest",
                "Handler: dev.righttime.decide.Decider::handleRequest", TemplateChecks::handlers))
                .contains("DecideFunction: Handler class dev.righttime.decide.Decider not found at functions/decide/src/main/java/dev/righttime/decide/Decider.java");
    }

    @Test
    void aHandlerMethodThatDoesNotExist() {
        assertThat(problems("dev.righttime.decide.DecideHandler::handleRequest",
                "dev.righttime.decide.DecideHandler::handle", TemplateChecks::handlers))
                .contains("DecideFunction: Handler method handle not found in dev.righttime.decide.DecideHandler");
    }

    @Test
    void aCodeUriThatIsNotAModule() {
        assertThat(problems("CodeUri: functions/decide", "CodeUri: functions/decider", TemplateChecks::handlers))
                .contains("DecideFunction: CodeUri 'functions/decider' is not a Maven module (no pom.xml)");
    }

    @Test
    void anEnvironmentVariableOfSharedCodeThatIsNotSet() {
        assertThat(problems("          EVENT_BUS_NAME: !Ref EventBus\n", "", TemplateChecks::environment))
                .containsExactly("DecideFunction: environment variable EVENT_BUS_NAME is read by DecideWiring.ports but not set");
    }

    @Test
    void anEnvironmentVariableOfTheHandlerThatIsNotSet() {
        assertThat(problems("          SIGNALS_QUEUE_URL: !Ref SignalsQueue\n", "", TemplateChecks::environment))
                .containsExactly("WebhookIngestFunction: environment variable SIGNALS_QUEUE_URL is read by IngestWiring.intake but not set");
    }

    @Test
    void anOptionalVariableTheCodeReadsIsStillDeclared() {
        // Read while the handler is built (a default applies when unset), so the template says what it deploys.
        assertThat(problems("          MENTION_TRIAGE: !Ref MentionTriage\n", "", TemplateChecks::environment))
                .containsExactly("DecideFunction: environment variable MENTION_TRIAGE is read by DecideWiring.triage but not set");
    }

    @Test
    void aSourceWhoseSecretIsNotSet() {
        assertThat(problems("          RIGHTTIME_SECRET_ZENDESK: !Sub \"ssm:/${SecretsPrefix}/zendesk\"\n", "", TemplateChecks::environment))
                .containsExactly("WebhookIngestFunction: environment variable RIGHTTIME_SECRET_ZENDESK is read by sources.yaml (source zendesk) but not set");
    }

    @Test
    void aQueueWithoutDeadLetterQueue() {
        assertThat(problems("""
                      RedrivePolicy:
                        deadLetterTargetArn: !GetAtt SmsDlq.Arn
                        maxReceiveCount: 5
                """, "", TemplateChecks::queues))
                .contains("SmsQueue: no dead-letter queue (RedrivePolicy.deadLetterTargetArn to a queue of the template)");
    }

    @Test
    void aVisibilityTimeoutBelowSixTimesTheConsumersTimeout() {
        assertThat(problems("VisibilityTimeout: 180        # 6 x DecideFunction 30 s", "VisibilityTimeout: 90",
                TemplateChecks::queues))
                .containsExactly("SignalsQueue: VisibilityTimeout 90 s is below 6 x DecideFunction's Timeout 30 s (180 s)");
    }

    @Test
    void aConsumerWithoutPartialBatchFailures() {
        assertThat(problems("""
                            MaximumBatchingWindowInSeconds: 0   # signals may be urgent: no batching delay
                            FunctionResponseTypes: [ReportBatchItemFailures]
                """, "", TemplateChecks::queues))
                .containsExactly("DecideFunction.Signals: FunctionResponseTypes lacks ReportBatchItemFailures");
    }

    @Test
    void aDeadLetterQueueWithoutAlarm() {
        assertThat(problems("Value: !GetAtt SchedulerDlq.QueueName", "Value: SchedulerDlq", TemplateChecks::queues))
                .containsExactly("SchedulerDlq: dead-letter queue without an ApproximateNumberOfMessagesVisible alarm");
    }

    @Test
    void aFunctionWithoutErrorsAlarm() {
        assertThat(problems("Value: !Ref DecideFunction", "Value: !Ref Nothing", TemplateChecks::queues))
                .containsExactly("DecideFunction: no Errors alarm");
    }

    @Test
    void aMissingRoute() {
        assertThat(problems("Path: /reports/response-times", "Path: /reports/latency",
                TemplateChecks::routes))
                .containsExactly("route GET /reports/response-times of the spec has no HttpApi event");
    }

    @Test
    void aNewsroomRouteWithoutTheJwtAuthorizer() {
        assertThat(problems("Path: /approvals\n            Auth:\n              Authorizer: NewsroomJwt\n", "Path: /approvals\n",
                TemplateChecks::routes))
                .containsExactly("route GET /approvals needs the JWT authorizer (has '')");
    }

    @Test
    void aWebhookRouteBehindTheAuthorizer() {
        assertThat(problems("""
                            Method: POST
                            Path: /webhooks/{source}
                """, """
                            Method: POST
                            Path: /webhooks/{source}
                            Auth: {Authorizer: NewsroomJwt}
                """, TemplateChecks::routes))
                .containsExactly("route POST /webhooks/{} must be open but has authorizer NewsroomJwt");
    }

    @Test
    void anIngestTimeoutAtTheLedgerLease() {
        assertThat(problems("      Timeout: 10\n      MemorySize: 1024\n      Environment:\n        Variables:\n          DELIVERIES_TABLE",
                "      Timeout: 30\n      MemorySize: 1024\n      Environment:\n        Variables:\n          DELIVERIES_TABLE",
                TemplateChecks::ingestTimeout))
                .containsExactly("WebhookIngestFunction: Timeout 30 s must stay below the ledger's 30 s lease");
    }

    @Test
    void theSpecTableIsReadIntoRoutes() {
        String spec = """
                ## HTTP contract (deployed HTTP API and the local server alike)
                | request | answer |
                |---|---|
                | `POST /webhooks/{source}` valid, new | 202 |
                | `GET /webhooks/x?crc_token=..` | X challenge |
                | `GET /approvals` · `POST /approvals/{id}/approve` (optional edited text) · `/reject` | newsroom |
                | `GET /` | the page |
                ## Next
                | `GET /outbox` | not a contract route |
                """;
        assertThat(TemplateChecks.specRoutes(spec)).containsExactly("POST /webhooks/{}", "GET /webhooks/{}",
                "GET /approvals", "POST /approvals/{}/approve", "POST /approvals/{}/reject", "GET /");
    }
}
