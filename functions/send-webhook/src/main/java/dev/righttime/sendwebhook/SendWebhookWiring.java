package dev.righttime.sendwebhook;

import dev.righttime.aws.AwsClients;
import dev.righttime.aws.AwsParts;
import dev.righttime.aws.Config;
import dev.righttime.aws.SqsSenderBatch;
import dev.righttime.aws.SsmSecrets;
import dev.righttime.model.Channel;
import dev.righttime.policy.Playbook;
import dev.righttime.send.SendService;
import dev.righttime.send.SignedWebhookSender;
import dev.righttime.webhook.SecretRefs;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * send-webhook's composition root on AWS: the send ports of {@link AwsParts}, SOCIAL_WEBHOOK_URL and
 * CHAT_WEBHOOK_URL, OUTBOUND_WEBHOOK_SECRET (read on first use), WEBHOOK_QUEUE_URL (a Retry-After
 * delays the message's next delivery).
 */
public record SendWebhookWiring(SendService service, SqsSenderBatch.Delay delay, Supplier<String> secret) {

    public static SendWebhookWiring fromEnvironment(Config config, AwsClients aws) {
        Supplier<String> secret = outboundSecret(config, aws);
        AwsParts parts = AwsParts.of(aws, config);
        return new SendWebhookWiring(service(parts, secret), SqsSenderBatch.Delay.sqs(parts.sqs(), config.required("WEBHOOK_QUEUE_URL")),
                secret);
    }

    static SendService service(AwsParts parts, Supplier<String> secret) {
        Clock clock = Clock.systemUTC();
        Config config = parts.config();
        SignedWebhookSender webhooks = new SignedWebhookSender(SignedWebhookSender.endpointsFrom(config.env()), secret, clock);
        return new SendService(Playbook.fromEnvironment(config.env()).templates(),
                parts.sendPorts(SendService.Ports.senders(webhooks, Channel.SOCIAL, Channel.CHAT)), clock);
    }

    /** OUTBOUND_WEBHOOK_SECRET (an {@code ssm:/path}, or the secret itself): its first value, read when asked. */
    static Supplier<String> outboundSecret(Config config, AwsClients aws) {
        String value = config.required("OUTBOUND_WEBHOOK_SECRET").strip();
        // Errors name the SSM parameter, never the variable's value: that may be the secret itself.
        String ref = value.startsWith("ssm:") ? value : "(its value)";
        SecretRefs refs = new SecretRefs(config.env()::get, new SsmSecrets(aws.ssm()));
        return () -> {
            List<String> secrets;
            try {
                secrets = refs.resolve(List.of("env:OUTBOUND_WEBHOOK_SECRET"));
            } catch (RuntimeException e) {
                throw new IllegalStateException("OUTBOUND_WEBHOOK_SECRET: " + ref + " could not be read ("
                        + e.getClass().getSimpleName() + ")", e);
            }
            if (secrets.isEmpty()) {
                throw new IllegalStateException("OUTBOUND_WEBHOOK_SECRET: " + ref + " does not exist or is empty;"
                        + " create it (README: Deploy, Secrets)");
            }
            return secrets.get(0);
        };
    }
}
