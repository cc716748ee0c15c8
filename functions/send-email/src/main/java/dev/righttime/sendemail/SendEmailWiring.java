package dev.righttime.sendemail;

import dev.righttime.aws.AwsClients;
import dev.righttime.aws.AwsDeliverability;
import dev.righttime.aws.AwsParts;
import dev.righttime.aws.Config;
import dev.righttime.aws.SesEmailSender;
import dev.righttime.aws.UnsubscribeSecret;
import dev.righttime.deliverability.UnsubscribeLinks;
import dev.righttime.model.Channel;
import dev.righttime.policy.Playbook;
import dev.righttime.send.SendService;
import java.net.URI;
import java.time.Clock;

/**
 * send-email's composition root on AWS: the send ports of {@link AwsParts}, SENDER_EMAIL,
 * CONFIGURATION_SET (optional), EVENT_BUS_NAME (outcome events, optional), SMS_QUEUE_URL (marketing
 * SES refuses for good tries SMS), the playbook's rate cap, and the unsubscribe links' variables.
 */
public final class SendEmailWiring {

    private SendEmailWiring() {
    }

    public static SendService service(Config config, AwsClients aws) {
        Playbook playbook = Playbook.fromEnvironment(config.env());
        AwsParts parts = AwsParts.of(aws, config);
        SesEmailSender ses = new SesEmailSender(aws.sesV2(), config.required("SENDER_EMAIL"), config.optional("CONFIGURATION_SET").orElse(null));
        return new SendService(playbook.templates(),
                parts.sendPorts(SendService.Ports.senders(AwsDeliverability.capped(ses, playbook, Channel.EMAIL), Channel.EMAIL)),
                Clock.systemUTC(), AwsDeliverability.sendOptions(config, aws, links(config, aws, playbook), null,
                        // SES refused it for good (a malformed address, a paused account): marketing tries SMS.
                        AwsDeliverability.nextChannel(parts, playbook, Clock.systemUTC(), Channel.EMAIL)));
    }

    /**
     * Marketing email's unsubscribe links: PUBLIC_BASE_URL (a custom domain) or else API_BASE_URL (the
     * HTTP API's own URL), UNSUBSCRIBE_SECRET, UNSUBSCRIBE_MAILTO (optional).
     */
    static UnsubscribeLinks links(Config config, AwsClients aws, Playbook playbook) {
        config.required(UnsubscribeSecret.VARIABLE);   // named at start-up, read (from SSM) on first use
        String base = config.optional("PUBLIC_BASE_URL").orElseGet(() -> config.required("API_BASE_URL"));
        return new UnsubscribeLinks(URI.create(base.strip()), config.optional("UNSUBSCRIBE_MAILTO").orElse(null),
                UnsubscribeSecret.tokens(config, aws), playbook.deliverability().unsubscribeTokenTtl(), Clock.systemUTC());
    }
}
