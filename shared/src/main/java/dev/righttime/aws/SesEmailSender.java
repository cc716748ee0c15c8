package dev.righttime.aws;

import dev.righttime.send.ChannelSender;
import dev.righttime.send.Message;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.MessageTag;

/**
 * Email through SESv2 SendEmail: simple content (subject + text body, UTF-8) from
 * {@code SENDER_EMAIL}, to the one address, tagged {@code responseId} (so bounces and complaints
 * from the configuration set's events can be tied back). SendEmail takes no idempotency key: a
 * retried call after an unseen success sends a second copy (see SendService's crash windows).
 */
public final class SesEmailSender implements ChannelSender {

    private final SesV2Client ses;
    private final String from;

    public SesEmailSender(SesV2Client ses, String from) {
        this.ses = ses;
        this.from = from;
    }

    @Override
    public void send(Message m) {
        try {
            ses.sendEmail(b -> b.fromEmailAddress(from)
                    .destination(d -> d.toAddresses(m.to()))
                    .content(c -> c.simple(s -> s
                            .subject(t -> t.data(m.subject() == null ? "" : m.subject()).charset("UTF-8"))
                            .body(body -> body.text(t -> t.data(m.text()).charset("UTF-8")))))
                    .emailTags(MessageTag.builder().name("responseId").value(m.responseId()).build()));
        } catch (SdkException e) {
            throw ProviderErrors.classify("ses", e);
        }
    }
}
