package dev.righttime.sendemail;

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
 * The email queue consumer: each SQS body is a responseId, sent through SESv2 by {@link SendService}.
 * Environment: see README.md (RESPONSES_TABLE, SIGNALS_TABLE, PROFILES_TABLE, SENDER_EMAIL, CONFIGURATION_SET,
 * PUBLIC_BASE_URL or API_BASE_URL, UNSUBSCRIBE_SECRET, UNSUBSCRIBE_MAILTO, EVENT_BUS_NAME).
 */
public final class SendEmailHandler implements RequestHandler<SQSEvent, SQSBatchResponse>, SnapStartPrimed {

    private final SqsSenderBatch batch;

    /** Lambda: clients and configuration from the environment, once per execution environment. */
    public SendEmailHandler() {
        this(SendEmailWiring.service(Config.fromEnvironment(), AwsClients.fromEnvironment()));
        Core.getGlobalContext().register(this);
    }

    /** Tests and the local runtime: any send service. */
    public SendEmailHandler(SendService service) {
        this.batch = new SqsSenderBatch(service, SqsSenderBatch.Delay.NONE);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return context == null ? batch.handle(event) : PowertoolsLogging.withLogging(context, () -> batch.handle(event));
    }
}
