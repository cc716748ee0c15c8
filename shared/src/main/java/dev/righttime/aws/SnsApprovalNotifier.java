package dev.righttime.aws;

import dev.righttime.model.Response;
import dev.righttime.newsroom.ApprovalNotice;
import dev.righttime.port.ApprovalNotifier;
import software.amazon.awssdk.services.sns.SnsClient;

/** Publishes the approval notice to the approvers' SNS topic (email, chat or mobile subscriptions). */
public final class SnsApprovalNotifier implements ApprovalNotifier {

    private final SnsClient sns;
    private final String topicArn;
    private final String newsroomUrl;

    public SnsApprovalNotifier(SnsClient sns, String topicArn, String newsroomUrl) {
        this.sns = sns;
        this.topicArn = topicArn;
        this.newsroomUrl = newsroomUrl;
    }

    @Override
    public void held(Response r) {
        ApprovalNotice n = ApprovalNotice.of(r, newsroomUrl);
        sns.publish(b -> b.topicArn(topicArn).subject(n.subject()).message(n.text()));
    }
}
