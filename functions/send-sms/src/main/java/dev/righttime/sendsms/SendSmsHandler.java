package dev.righttime.sendsms;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.righttime.aws.AwsClients;
import dev.righttime.aws.AwsDeliverability;
import dev.righttime.aws.SqsMessageQueue;
import dev.righttime.deliverability.QueueSignalSink;
import dev.righttime.aws.AwsSendPorts;
import dev.righttime.aws.SnsSmsSender;
import dev.righttime.aws.SqsSenderBatch;
import dev.righttime.model.Channel;
import dev.righttime.policy.Playbook;
import dev.righttime.priming.SnapStartPrimed;
import dev.righttime.send.SendService;
import java.time.Clock;
import java.util.Map;
import org.crac.Core;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The sms queue consumer: each SQS body is a responseId, sent as an SMS through SNS Publish by
 * {@link SendService}. Environment: see README.md (RESPONSES_TABLE, SIGNALS_TABLE, PROFILES_TABLE, ...).
 */
public final class SendSmsHandler implements RequestHandler<SQSEvent, SQSBatchResponse>, SnapStartPrimed {

    private final SqsSenderBatch batch;

    /** Lambda: clients and configuration from the environment, once per execution environment. */
    public SendSmsHandler() {
        this(fromEnvironment(System.getenv(), AwsClients.fromEnvironment()));
        Core.getGlobalContext().register(this);
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
        Playbook playbook = Playbook.fromEnvironment(env);
        return new SendService(playbook.templates(),
                AwsSendPorts.fromEnvironment(aws, env,
                        SendService.Ports.senders(AwsDeliverability.capped(new SnsSmsSender(aws.sns()), playbook, Channel.SMS), Channel.SMS)),
                Clock.systemUTC(), AwsDeliverability.sendOptions(env, aws, null,
                        // A number on SNS's opt-out list becomes consent.changed (sms false), decided like any signal.
                        new QueueSignalSink(new SqsMessageQueue(aws.sqs(), AwsSendPorts.required(env, "SIGNALS_QUEUE_URL"))),
                        AwsDeliverability.smsToEmail(env, aws, playbook, Clock.systemUTC())));
    }
}
