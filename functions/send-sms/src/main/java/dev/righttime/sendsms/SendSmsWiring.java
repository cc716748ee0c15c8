package dev.righttime.sendsms;

import dev.righttime.aws.AwsClients;
import dev.righttime.aws.AwsDeliverability;
import dev.righttime.aws.AwsParts;
import dev.righttime.aws.Config;
import dev.righttime.aws.SnsSmsSender;
import dev.righttime.deliverability.QueueSignalSink;
import dev.righttime.model.Channel;
import dev.righttime.policy.Playbook;
import dev.righttime.send.SendService;
import java.time.Clock;

/**
 * send-sms's composition root on AWS: the send ports of {@link AwsParts}, SIGNALS_QUEUE_URL (an
 * opted-out number becomes a consent signal), EMAIL_QUEUE_URL (a marketing SMS that fails for good
 * tries email), EVENT_BUS_NAME (outcome events, optional) and the playbook's rate cap.
 */
public final class SendSmsWiring {

    private SendSmsWiring() {
    }

    public static SendService service(Config config, AwsClients aws) {
        Playbook playbook = Playbook.fromEnvironment(config.env());
        AwsParts parts = AwsParts.of(aws, config);
        return new SendService(playbook.templates(),
                parts.sendPorts(SendService.Ports.senders(AwsDeliverability.capped(new SnsSmsSender(aws.sns()), playbook, Channel.SMS),
                        Channel.SMS)),
                Clock.systemUTC(), AwsDeliverability.sendOptions(config, aws, null,
                        // A number on SNS's opt-out list becomes consent.changed (sms false), decided like any signal.
                        new QueueSignalSink(parts.queue("SIGNALS_QUEUE_URL")),
                        AwsDeliverability.nextChannel(parts, playbook, Clock.systemUTC(), Channel.SMS)));
    }
}
