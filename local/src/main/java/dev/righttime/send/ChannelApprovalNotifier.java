package dev.righttime.send;

import dev.righttime.model.Channel;
import dev.righttime.model.Response;
import dev.righttime.newsroom.ApprovalNotice;
import dev.righttime.port.ApprovalNotifier;

/**
 * Tells approvers through a channel sender: a signed webhook to a chat URL (Slack/Teams relay) or,
 * locally, an outbox. The message id is {@code <responseId>:held}, so a receiver that dedupes on
 * webhook-id never confuses the notice with the reply itself.
 */
public final class ChannelApprovalNotifier implements ApprovalNotifier {

    private final ChannelSender sender;
    private final String newsroomUrl;

    public ChannelApprovalNotifier(ChannelSender sender, String newsroomUrl) {
        this.sender = sender;
        this.newsroomUrl = newsroomUrl;
    }

    @Override
    public void held(Response r) {
        ApprovalNotice n = ApprovalNotice.of(r, newsroomUrl);
        sender.send(new Message(r.responseId() + ":held", r.signalId(), r.customerId(), r.signalType(), Channel.CHAT,
                "approvers", n.subject(), n.text(), n.link()));
    }
}
