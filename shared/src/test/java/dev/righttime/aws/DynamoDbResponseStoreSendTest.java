package dev.righttime.aws;

import static dev.righttime.testing.SendFixture.hold;
import static dev.righttime.testing.SendFixture.sendNow;
import static dev.righttime.testing.SendFixture.signal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.righttime.model.Channel;
import dev.righttime.model.Fallback;
import dev.righttime.model.Reason;
import dev.righttime.model.Response;
import dev.righttime.model.ResponseStatus;
import dev.righttime.model.Signal;
import dev.righttime.model.SignalType;
import dev.righttime.port.ResponseStore.Change;
import dev.righttime.testing.DynamoDbLocal;
import dev.righttime.testing.SendFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The store methods the senders and the newsroom added, on DynamoDB Local. */
class DynamoDbResponseStoreSendTest {

    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    static final SendFixture world = new SendFixture(DynamoDbLocal.shared(), "store-send-", T0);

    @Test
    void aClaimIsExclusiveUntilItsLeaseRunsOut() {
        Signal s = signal("zendesk:claim", SignalType.TICKET_OPENED, T0, Map.of());
        Response r = world.decided(s, sendNow(s, Channel.EMAIL, Reason.CUSTOMER_INITIATED));
        Set<ResponseStatus> from = Set.of(ResponseStatus.SCHEDULED);
        Duration lease = Duration.ofMinutes(2);

        assertThat(world.responses.claim(r.responseId(), from, T0, lease)).isTrue();
        assertThat(world.responses.claim(r.responseId(), from, T0.plusSeconds(119), lease)).isFalse();
        assertThat(world.responses.claim(r.responseId(), Set.of(), T0.plusSeconds(120), lease)).isTrue();
        assertThat(world.get(r.responseId()).claimedAt()).isEqualTo(T0.plusSeconds(120));
        assertThat(world.get(r.responseId()).status()).isEqualTo(ResponseStatus.SENDING);
    }

    @Test
    void aTransitionRecordsItsChangeAndLeavesTheApprovalIndex() {
        Signal s = signal("x:held", SignalType.SOCIAL_MENTION, T0, Map.of());
        Response r = world.decided(s, hold(s, Duration.ofMinutes(5), Fallback.HOLDING_REPLY));
        assertThat(world.responses.pendingApprovals(100)).extracting(Response::responseId).contains(r.responseId());

        assertThat(world.responses.transition(r.responseId(), Set.of(ResponseStatus.PENDING_APPROVAL), ResponseStatus.APPROVED,
                Change.reviewed("ed@brand.example", T0.plusSeconds(30), "edited", null))).isTrue();
        assertThat(world.responses.transition(r.responseId(), Set.of(ResponseStatus.APPROVED), ResponseStatus.SENT,
                Change.sent(T0.plusSeconds(31), "edited", null))).isTrue();

        Response after = world.get(r.responseId());
        assertThat(after.reviewedBy()).isEqualTo("ed@brand.example");
        assertThat(after.reviewedAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(after.editedText()).isEqualTo("edited");
        assertThat(after.sentAt()).isEqualTo(T0.plusSeconds(31));
        assertThat(after.sentText()).isEqualTo("edited");
        assertThat(after.isApproved()).isTrue();
        assertThat(world.responses.pendingApprovals(100)).extracting(Response::responseId).doesNotContain(r.responseId());
    }

    @Test
    void occurredBetweenIsBoundedByTheSignalsTime() {
        Signal early = signal("zendesk:early", SignalType.TICKET_OPENED, T0.minusSeconds(86400 * 10), Map.of());
        Signal inside = signal("zendesk:inside", SignalType.TICKET_OPENED, T0.plusSeconds(86400 * 3), Map.of());
        world.decided(early, sendNow(early, Channel.EMAIL));
        Response in = world.decided(inside, sendNow(inside, Channel.EMAIL));

        assertThat(world.responses.occurredBetween(T0.plusSeconds(86400), T0.plusSeconds(86400 * 4)))
                .extracting(Response::responseId).containsExactly(in.responseId());
    }
}
