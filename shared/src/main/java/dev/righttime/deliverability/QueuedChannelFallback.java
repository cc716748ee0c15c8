package dev.righttime.deliverability;

import dev.righttime.flow.ChannelQueues;
import dev.righttime.model.Channel;
import dev.righttime.model.CustomerProfile;
import dev.righttime.model.Reason;
import dev.righttime.model.Response;
import dev.righttime.model.ResponseStatus;
import dev.righttime.policy.Playbook;
import dev.righttime.port.ProfileStore;
import dev.righttime.port.ResponseStore;
import dev.righttime.send.ChannelFallback;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A marketing message that failed for good on one channel (a rejected or hard-bounced address, an
 * opted-out number, no address on that channel) tries the first other channel of
 * {@code marketing.channels} on which the customer consents and has an address, once: the new
 * response {@code <failedId>-<channel>} is created (conditional, so a redelivery finds it and does
 * not queue it again) with detail {@code channel_fallback} and the reason {@code channel_fallback}
 * added to the failed one's, queued on that channel now, and marked dispatched. A fallback response
 * never falls back again. Off when the playbook's {@code deliverability.channelFallback} is false.
 * Customer-initiated replies answer on the channel they came in on, and emergencies already go on
 * every channel: neither falls back. {@link #prepare} is the same without the queueing, for the
 * decide step, which moves a still-pending message at its own send time (after a hard bounce).
 */
public final class QueuedChannelFallback implements ChannelFallback {

    /** The detail of a response made by a fallback; the timeline links it to the one it replaces. */
    public static final String DETAIL = "channel_fallback";

    private final Playbook playbook;
    private final ResponseStore responses;
    private final Function<String, Optional<CustomerProfile>> profiles;
    private final ChannelQueues queues;
    private final Clock clock;

    public QueuedChannelFallback(Playbook playbook, ResponseStore responses, ProfileStore profiles, ChannelQueues queues, Clock clock) {
        this(playbook, responses, profiles::get, queues, clock);
    }

    /** @param profiles a customer's profile as it is now (the decide step reads it through its Customers) */
    public QueuedChannelFallback(Playbook playbook, ResponseStore responses, Function<String, Optional<CustomerProfile>> profiles,
                                 ChannelQueues queues, Clock clock) {
        this.playbook = playbook;
        this.responses = responses;
        this.profiles = profiles;
        this.queues = queues;
        this.clock = clock;
    }

    @Override
    public Optional<Response> next(Response failed, String code) {
        Instant now = clock.instant();
        Optional<Response> next = prepare(failed, now);
        next.filter(r -> r.dispatchedAt() == null && r.status() == ResponseStatus.SCHEDULED).ifPresent(r -> {
            queues.of(r.channel()).send(r.responseId(), r.responseId());
            responses.markDispatched(r.responseId(), now);
        });
        return next;
    }

    /**
     * The record of the failed (or moved) message on the next allowed channel, due at
     * {@code sendAt}: created if it did not exist, else as it is (a repeat creates nothing). Empty
     * when the message may not fall back or no channel is left.
     */
    public Optional<Response> prepare(Response failed, Instant sendAt) {
        if (!playbook.deliverability().channelFallback() || failed.signalType() == null || !failed.signalType().isMarketing()
                || failed.customerId() == null || failed.channel() == null || isFallback(failed)) {
            return Optional.empty();
        }
        CustomerProfile profile = profiles.apply(failed.customerId()).orElse(null);
        if (profile == null) {
            return Optional.empty();
        }
        for (Channel c : playbook.marketing().channels()) {
            if (c == failed.channel() || !profile.consentOrNone().granted(c) || profile.addressesOrNone().of(c) == null) {
                continue;
            }
            Instant now = clock.instant();
            List<Reason> reasons = new ArrayList<>(failed.reasons());
            if (!reasons.contains(Reason.CHANNEL_FALLBACK)) {
                reasons.add(Reason.CHANNEL_FALLBACK);
            }
            Response next = Response.builder(fallbackId(failed.responseId(), c), failed.signalId(), ResponseStatus.SCHEDULED)
                    .customerId(failed.customerId()).signalType(failed.signalType()).occurredAt(failed.occurredAt())
                    .outcome(failed.outcome()).channel(c).sendAt(sendAt).reasons(reasons).createdAt(now).detail(DETAIL).build();
            return Optional.of(responses.create(next) ? next : responses.get(next.responseId()).orElse(next));
        }
        return Optional.empty();
    }

    /** The id of a response's fallback on {@code channel}. */
    public static String fallbackId(String responseId, Channel channel) {
        return responseId + "-" + channel.wire();
    }

    /** Whether the response was made by a fallback (it never falls back again). */
    public static boolean isFallback(Response r) {
        return DETAIL.equals(r.detail()) || r.responseId().matches(".*-(email|sms)$");
    }

    /**
     * The response a fallback replaced: its id without the channel suffix (a failed fallback's
     * detail is its own failure, so the id says it); empty if it is not a fallback.
     */
    public static Optional<String> replaced(Response r) {
        if (r.channel() == null || !r.responseId().endsWith("-" + r.channel().wire())) {
            return Optional.empty();
        }
        return Optional.of(r.responseId().substring(0, r.responseId().length() - r.channel().wire().length() - 1));
    }
}
