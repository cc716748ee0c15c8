package dev.righttime.send;

/**
 * Delivers a message on one channel (SES, SNS, a signed webhook, the local outbox). Returns when
 * the provider accepted it; throws {@link DeliveryException} when it did not.
 */
public interface ChannelSender {

    void send(Message message);
}
