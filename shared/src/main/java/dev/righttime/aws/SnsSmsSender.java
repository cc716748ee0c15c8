package dev.righttime.aws;

import dev.righttime.send.ChannelSender;
import dev.righttime.send.DeliveryException;
import dev.righttime.send.SendService;
import dev.righttime.send.Message;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * SMS through SNS Publish, after CheckIfPhoneNumberIsOptedOut: a number on the opt-out list fails
 * for good as {@code sns_opted_out} (SendService then records consent false on sms).
 * SMS through SNS Publish to a phone number (E.164). Marketing goes as {@code Promotional},
 * everything else as {@code Transactional} (higher delivery priority). Publish to a phone number,
 * like a standard topic, takes no deduplication id (only FIFO topics do): a retried call after an
 * unseen success sends a second SMS (see SendService's crash windows).
 */
public final class SnsSmsSender implements ChannelSender {

    static final String SMS_TYPE = "AWS.SNS.SMS.SMSType";

    private final SnsClient sns;

    public SnsSmsSender(SnsClient sns) {
        this.sns = sns;
    }

    @Override
    public void send(Message m) {
        boolean optedOut;
        try {
            // A number that replied STOP is on the account's opt-out list; SNS would drop the SMS silently.
            optedOut = Boolean.TRUE.equals(sns.checkIfPhoneNumberIsOptedOut(b -> b.phoneNumber(m.to())).isOptedOut());
        } catch (SdkException e) {
            throw ProviderErrors.classify("sns", e);
        }
        if (optedOut) {
            throw DeliveryException.permanent(SendService.OPTED_OUT, null);
        }
        String type = m.signalType() != null && m.signalType().isMarketing() ? "Promotional" : "Transactional";
        try {
            sns.publish(b -> b.phoneNumber(m.to()).message(m.text())
                    .messageAttributes(Map.of(SMS_TYPE,
                            MessageAttributeValue.builder().dataType("String").stringValue(type).build())));
        } catch (SdkException e) {
            throw ProviderErrors.classify("sns", e);
        }
    }
}
