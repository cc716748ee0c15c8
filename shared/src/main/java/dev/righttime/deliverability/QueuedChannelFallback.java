package dev.righttime.deliverability;

import dev.righttime.flow.ChannelQueues;
import dev.righttime.model.Channel;
import dev.righttime.model.CustomerProfile;
import dev.righttime.model.Response;
import dev.righttime.model.ResponseStatus;
import dev.righttime.policy.Playbook;
import dev.righttime.port.ProfileStore;
import dev.righttime.port.ResponseStore;
import dev.righttime.send.ChannelFallback;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * A marketing message that failed for good on one channel (a hard bounce, a rejected address, an
 * opted-out number) tries the first other channel of {@code marketing.channels} on which the customer
 * consents and has an address, once: the new response {@code <failedId>-<channel>} is created
 * (conditional, so a redelivery finds it and does not queue it again) with detail
 * {@code channel_fallback}, queued on that channel now, and marked dispatched. A
 * fallback response never falls back again. Off when the playbook's {@code deliverability.channelFallback}
 * is false. Customer-initiated replies answer on the channel they came in on, and emergencies already
 * go on every channel: neither falls back.
 */
public final class QueuedChannelFallback implements ChannelFallback {

    static final String DETAIL = "channel_fallback";

    private final Playbook playbook;
    private final ResponseStore responses;
    private final ProfileStore profiles;
    private final ChannelQueues queues;
    private final Clock clock;

    public QueuedChannelFallback(Playbook playbook, ResponseStore responses, ProfileStore profiles, ChannelQueues queues, Clock clock) {
        this.playbook = playbook;
        this.responses = responses;
        this.profiles = profiles;
        this.queues = queues;
        this.clock = clock;
    }

    @Override
    public Optional<Response> next(Response failed, String code) {
        if (!playbook.deliverability().channelFallback() || failed.signalType() == null || !failed.signalType().isMarketing()
                || failed.customerId() == null || DETAIL.equals(failed.detail()) || failed.responseId().matches(".*-(email|sms)$")) {
            return Optional.empty();
        }
        CustomerProfile profile = profiles.get(failed.customerId()).orElse(null);
        if (profile == null) {
            return Optional.empty();
        }
        for (Channel c : playbook.marketing().channels()) {
            if (c == failed.channel() || !profile.consentOrNone().granted(c) || profile.addressesOrNone().of(c) == null) {
                continue;
            }
            Instant now = clock.instant();
            Response next = Response.builder(failed.responseId() + "-" + c.wire(), failed.signalId(), ResponseStatus.SCHEDULED)
                    .customerId(failed.customerId()).signalType(failed.signalType()).occurredAt(failed.occurredAt())
                    .outcome(failed.outcome()).channel(c).sendAt(now).reasons(failed.reasons()).createdAt(now).detail(DETAIL).build();
            Response current = responses.create(next) ? next : responses.get(next.responseId()).orElse(next);
            if (current.dispatchedAt() == null && current.status() == ResponseStatus.SCHEDULED) {
                queues.of(c).send(current.responseId(), current.responseId());
                responses.markDispatched(current.responseId(), now);
            }
            return Optional.of(current);
        }
        return Optional.empty();
    }
}
