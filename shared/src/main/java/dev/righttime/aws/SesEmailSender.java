package dev.righttime.aws;

import dev.righttime.send.ChannelSender;
import dev.righttime.send.Message;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.MessageHeader;
import software.amazon.awssdk.services.sesv2.model.MessageTag;

/**
 * Email through SESv2 SendEmail: simple content (subject, a text and an HTML body from the same
 * template, UTF-8; SES builds the multipart/alternative MIME) with the message's headers (the RFC 8058
 * List-Unsubscribe pair on marketing: Simple content takes custom headers, so no Raw MIME is needed),
 * in the configuration set CONFIGURATION_SET (its event destination feeds the feedback consumer), from
 * {@code SENDER_EMAIL}, to the one address, tagged {@code responseId} (so bounces and complaints
 * from the configuration set's events can be tied back). SendEmail takes no idempotency key: a
 * retried call after an unseen success sends a second copy (see SendService's crash windows).
 */
public final class SesEmailSender implements ChannelSender {

    private final SesV2Client ses;
    private final String from;
    private final String configurationSet;

    public SesEmailSender(SesV2Client ses, String from) {
        this(ses, from, null);
    }

    /** @param configurationSet the SES configuration set whose event destination reports what became of each email; null for none */
    public SesEmailSender(SesV2Client ses, String from, String configurationSet) {
        this.ses = ses;
        this.from = from;
        this.configurationSet = configurationSet == null || configurationSet.isBlank() ? null : configurationSet;
    }

    @Override
    public void send(Message m) {
        List<MessageHeader> headers = m.headers().entrySet().stream()
                .map(h -> MessageHeader.builder().name(h.getKey()).value(h.getValue()).build()).toList();
        try {
            ses.sendEmail(b -> {
                b.fromEmailAddress(from)
                        .destination(d -> d.toAddresses(m.to()))
                        .content(c -> c.simple(s -> s
                                .subject(t -> t.data(m.subject() == null ? "" : m.subject()).charset("UTF-8"))
                                .body(body -> {
                                    body.text(t -> t.data(m.text()).charset("UTF-8"));
                                    if (m.html() != null) {
                                        body.html(t -> t.data(m.html()).charset("UTF-8"));
                                    }
                                })
                                .headers(headers.isEmpty() ? null : headers)))
                        .emailTags(MessageTag.builder().name(Message.RESPONSE_TAG).value(m.responseId()).build());
                if (configurationSet != null) {
                    b.configurationSetName(configurationSet);
                }
            });
        } catch (SdkException e) {
            throw ProviderErrors.classify("ses", e);
        }
    }
}
