package dev.righttime.flow;

import dev.righttime.model.Channel;
import dev.righttime.port.MessageQueue;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/** The queue each channel's sender reads: email, sms, and one webhook queue for social and chat. */
public final class ChannelQueues {

    private final Map<Channel, MessageQueue> byChannel = new EnumMap<>(Channel.class);

    public ChannelQueues(MessageQueue email, MessageQueue sms, MessageQueue webhook) {
        byChannel.put(Channel.EMAIL, Objects.requireNonNull(email, "email queue"));
        byChannel.put(Channel.SMS, Objects.requireNonNull(sms, "sms queue"));
        byChannel.put(Channel.SOCIAL, Objects.requireNonNull(webhook, "webhook queue"));
        byChannel.put(Channel.CHAT, webhook);
    }

    public MessageQueue of(Channel channel) {
        return byChannel.get(channel);
    }
}
