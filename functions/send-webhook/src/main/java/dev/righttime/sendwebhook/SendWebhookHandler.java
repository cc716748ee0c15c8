package dev.righttime.sendwebhook;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.righttime.aws.AwsClients;
import dev.righttime.aws.Config;
import dev.righttime.aws.SqsSenderBatch;
import dev.righttime.priming.SnapStartPrimed;
import dev.righttime.send.SendService;
import java.util.function.Supplier;
import org.crac.Core;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The webhook queue consumer (social replies, chat): each SQS body is a responseId, posted as a
 * signed Standard Webhook by {@link SendService}. A 429/503 with Retry-After delays the message's
 * next delivery by that much (ChangeMessageVisibility on WEBHOOK_QUEUE_URL) before it is reported
 * failed. Environment: see README.md.
 */
public final class SendWebhookHandler implements RequestHandler<SQSEvent, SQSBatchResponse>, SnapStartPrimed {

    private static final Logger LOG = LoggerFactory.getLogger(SendWebhookHandler.class);

    private final SqsSenderBatch batch;
    private final Supplier<String> secret;

    /**
     * Lambda: clients and configuration from the environment, once per execution environment. The
     * signing secret is NOT read here (this runs before the SnapStart snapshot, maybe before the
     * secret exists): it is read on first use and cached with an expiry ({@link dev.righttime.aws.SsmSecrets}).
     */
    public SendWebhookHandler() {
        this(SendWebhookWiring.fromEnvironment(Config.fromEnvironment(), AwsClients.fromEnvironment()));
        Core.getGlobalContext().register(this);
    }

    private SendWebhookHandler(SendWebhookWiring w) {
        this(w.service(), w.delay(), w.secret());
    }

    /** Tests and the local runtime: any send service and retry delay. */
    public SendWebhookHandler(SendService service, SqsSenderBatch.Delay delay) {
        this(service, delay, () -> "");
    }

    /** @param secret checked before each batch: a missing or unreadable secret fails the invocation */
    public SendWebhookHandler(SendService service, SqsSenderBatch.Delay delay, Supplier<String> secret) {
        this.batch = new SqsSenderBatch(service, delay);
        this.secret = secret;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return context == null ? handle(event) : PowertoolsLogging.withLogging(context, () -> handle(event));
    }

    private SQSBatchResponse handle(SQSEvent event) {
        // Every message of this function is signed: without the secret the whole invocation fails
        // (Lambda retries the batch; the Errors alarm fires) rather than each message one by one.
        try {
            secret.get();
        } catch (RuntimeException e) {
            // The exception type only: its message is for the invocation's error, and a log line stays free of values.
            LOG.error("send-webhook: the outbound signing secret (OUTBOUND_WEBHOOK_SECRET) is unavailable, no message sent ({}); "
                    + "create it (README: Deploy, Secrets)", e.getClass().getSimpleName());
            throw e;
        }
        return batch.handle(event);
    }
}
