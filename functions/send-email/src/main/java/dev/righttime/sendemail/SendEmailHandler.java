package dev.righttime.sendemail;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.righttime.aws.AwsClients;
import dev.righttime.aws.AwsDeliverability;
import dev.righttime.aws.AwsSendPorts;
import dev.righttime.aws.SesEmailSender;
import dev.righttime.aws.SqsSenderBatch;
import dev.righttime.aws.UnsubscribeSecret;
import dev.righttime.deliverability.UnsubscribeLinks;
import dev.righttime.model.Channel;
import dev.righttime.policy.Playbook;
import dev.righttime.priming.SnapStartPrimed;
import dev.righttime.send.SendService;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
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
        this(fromEnvironment(System.getenv(), AwsClients.fromEnvironment()));
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


    static SendService fromEnvironment(Map<String, String> env, AwsClients aws) {
        Playbook playbook = Playbook.fromEnvironment(env);
        SesEmailSender ses = new SesEmailSender(aws.sesV2(), AwsSendPorts.required(env, "SENDER_EMAIL"), env.get("CONFIGURATION_SET"));
        return new SendService(playbook.templates(),
                AwsSendPorts.fromEnvironment(aws, env,
                        SendService.Ports.senders(AwsDeliverability.capped(ses, playbook, Channel.EMAIL), Channel.EMAIL)),
                Clock.systemUTC(), AwsDeliverability.sendOptions(env, aws, links(env, aws, playbook), null, null));
    }

    /**
     * Marketing email's unsubscribe links: PUBLIC_BASE_URL (a custom domain) or else API_BASE_URL (the
     * HTTP API's own URL), UNSUBSCRIBE_SECRET, UNSUBSCRIBE_MAILTO (optional).
     */
    static UnsubscribeLinks links(Map<String, String> env, AwsClients aws, Playbook playbook) {
        AwsSendPorts.required(env, UnsubscribeSecret.VARIABLE);   // named at start-up, read (from SSM) on first use
        String custom = env.get("PUBLIC_BASE_URL");
        String base = custom != null && !custom.isBlank() ? custom : AwsSendPorts.required(env, "API_BASE_URL");
        return new UnsubscribeLinks(URI.create(base.strip()), env.get("UNSUBSCRIBE_MAILTO"),
                UnsubscribeSecret.tokens(env, aws), playbook.deliverability().unsubscribeTokenTtl(), Clock.systemUTC());
    }
}
