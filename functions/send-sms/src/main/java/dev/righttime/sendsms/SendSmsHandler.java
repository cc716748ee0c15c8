package dev.righttime.sendsms;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.righttime.aws.AwsClients;
import dev.righttime.aws.AwsSendPorts;
import dev.righttime.aws.SnsSmsSender;
import dev.righttime.aws.SqsSenderBatch;
import dev.righttime.model.Channel;
import dev.righttime.policy.Playbook;
import dev.righttime.send.SendService;
import java.time.Clock;
import java.util.Map;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The sms queue consumer: each SQS body is a responseId, sent as an SMS through SNS Publish by
 * {@link SendService}. Environment: see README.md (RESPONSES_TABLE, SIGNALS_TABLE, PROFILES_TABLE, ...).
 */
public final class SendSmsHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final SqsSenderBatch batch;

    /** Lambda: clients and configuration from the environment, once per execution environment. */
    public SendSmsHandler() {
        this(fromEnvironment(System.getenv(), AwsClients.fromEnvironment()));
    }

    /** Tests and the local runtime: any send service. */
    public SendSmsHandler(SendService service) {
        this.batch = new SqsSenderBatch(service, SqsSenderBatch.Delay.NONE);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return context == null ? batch.handle(event) : PowertoolsLogging.withLogging(context, () -> batch.handle(event));
    }

    static SendService fromEnvironment(Map<String, String> env, AwsClients aws) {
        return new SendService(Playbook.fromEnvironment(env).templates(),
                AwsSendPorts.fromEnvironment(aws, env, SendService.Ports.senders(new SnsSmsSender(aws.sns()), Channel.SMS)),
                Clock.systemUTC());
    }
}
