package dev.righttime.sendsms;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.righttime.aws.AwsClients;
import dev.righttime.aws.Config;
import dev.righttime.aws.SqsSenderBatch;
import dev.righttime.priming.SnapStartPrimed;
import dev.righttime.send.SendService;
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
        this(SendSmsWiring.service(Config.fromEnvironment(), AwsClients.fromEnvironment()));
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
}
