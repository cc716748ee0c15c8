package dev.righttime.sendwebhook;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.righttime.aws.AwsClients;
import dev.righttime.aws.AwsSendPorts;
import dev.righttime.aws.SqsSenderBatch;
import dev.righttime.aws.SsmSecrets;
import dev.righttime.model.Channel;
import dev.righttime.policy.Playbook;
import dev.righttime.priming.SnapStartPrimed;
import dev.righttime.send.SendService;
import dev.righttime.send.SignedWebhookSender;
import dev.righttime.webhook.SecretRefs;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.crac.Core;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The webhook queue consumer (social replies, chat): each SQS body is a responseId, posted as a
 * signed Standard Webhook by {@link SendService}. A 429/503 with Retry-After delays the message's
 * next delivery by that much (ChangeMessageVisibility on WEBHOOK_QUEUE_URL) before it is reported
 * failed. Environment: see README.md.
 */
public final class SendWebhookHandler implements RequestHandler<SQSEvent, SQSBatchResponse>, SnapStartPrimed {

    private final SqsSenderBatch batch;

    /** Lambda: clients and configuration from the environment, once per execution environment. */
    public SendWebhookHandler() {
        this(System.getenv(), AwsClients.fromEnvironment());
        Core.getGlobalContext().register(this);
    }

    private SendWebhookHandler(Map<String, String> env, AwsClients aws) {
        this(fromEnvironment(env, aws), SqsSenderBatch.Delay.sqs(aws.sqs(), AwsSendPorts.required(env, "WEBHOOK_QUEUE_URL")));
    }

    /** Tests and the local runtime: any send service and retry delay. */
    public SendWebhookHandler(SendService service, SqsSenderBatch.Delay delay) {
        this.batch = new SqsSenderBatch(service, delay);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return context == null ? batch.handle(event) : PowertoolsLogging.withLogging(context, () -> batch.handle(event));
    }

    /**
     * SnapStart priming, before the snapshot is taken: sends sample messages through a separate
     * handler on in-memory stores as signed Standard Webhooks to an offline HTTP client (SQS event,
     * batch loop, send step, template rendering, JSON body, HMAC signature, the JDK's request
     * building), then primes the SDK's DynamoDB and SQS ChangeMessageVisibility request path on
     * canned in-memory clients. No network: the real stores, queue and HTTP client are not used.
     * A failure of either pass is logged by its class and skipped.
     */
    @Override
    public Passes priming() {
        return new Passes("send", Priming::run, Priming::sdk);
    }

    static SendService fromEnvironment(Map<String, String> env, AwsClients aws) {
        Clock clock = Clock.systemUTC();
        AwsSendPorts.required(env, "OUTBOUND_WEBHOOK_SECRET");
        // The template passes the SSM parameter's name (ssm:/...), never the secret: resolve it once here.
        List<String> secrets = new SecretRefs(env::get, new SsmSecrets(aws.ssm())).resolve(List.of("env:OUTBOUND_WEBHOOK_SECRET"));
        if (secrets.isEmpty()) {
            throw new IllegalStateException("OUTBOUND_WEBHOOK_SECRET names an SSM parameter that does not exist");
        }
        SignedWebhookSender webhooks = new SignedWebhookSender(SignedWebhookSender.endpointsFrom(env), secrets.get(0), clock);
        return new SendService(Playbook.fromEnvironment(env).templates(),
                AwsSendPorts.fromEnvironment(aws, env, SendService.Ports.senders(webhooks, Channel.SOCIAL, Channel.CHAT)), clock);
    }
}
