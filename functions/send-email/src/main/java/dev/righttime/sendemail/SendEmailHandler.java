package dev.righttime.sendemail;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.righttime.aws.AwsClients;
import dev.righttime.aws.AwsSendPorts;
import dev.righttime.aws.SesEmailSender;
import dev.righttime.aws.SqsSenderBatch;
import dev.righttime.model.Channel;
import dev.righttime.policy.Playbook;
import dev.righttime.send.SendService;
import java.time.Clock;
import java.util.Map;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The email queue consumer: each SQS body is a responseId, sent through SESv2 by {@link SendService}.
 * Environment: see README.md (RESPONSES_TABLE, SIGNALS_TABLE, PROFILES_TABLE, SENDER_EMAIL, ...).
 */
public final class SendEmailHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final SqsSenderBatch batch;

    /** Lambda: clients and configuration from the environment, once per execution environment. */
    public SendEmailHandler() {
        this(fromEnvironment(System.getenv(), AwsClients.fromEnvironment()));
    }

    /** Tests and the local runtime: any send service. */
    public SendEmailHandler(SendService service) {
        this.batch = new SqsSenderBatch(service, SqsSenderBatch.Delay.NONE);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return context == null ? batch.handle(event) : PowertoolsLogging.withLogging(context, () -> batch.handle(event));
    }

    static SendService fromEnvironment(Map<String, String> env, AwsClients aws) {
        SesEmailSender ses = new SesEmailSender(aws.sesV2(), AwsSendPorts.required(env, "SENDER_EMAIL"));
        return new SendService(Playbook.fromEnvironment(env).templates(),
                AwsSendPorts.fromEnvironment(aws, env, SendService.Ports.senders(ses, Channel.EMAIL)), Clock.systemUTC());
    }
}
