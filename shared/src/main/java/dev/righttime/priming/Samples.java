package dev.righttime.priming;

import dev.righttime.model.Addresses;
import dev.righttime.model.Channel;
import dev.righttime.model.Consent;
import dev.righttime.model.CustomerProfile;
import dev.righttime.model.CustomerRef;
import dev.righttime.model.Decision;
import dev.righttime.model.Fallback;
import dev.righttime.model.Outcome;
import dev.righttime.model.Reason;
import dev.righttime.model.Response;
import dev.righttime.model.Signal;
import dev.righttime.model.SignalType;
import dev.righttime.port.ProfileStore;
import dev.righttime.port.SignalLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Made-up records for SnapStart priming, in in-memory stores: one customer who consented on every
 * channel (reserved example addresses), and signals with the response records decide would have
 * left for them. Nothing here is real data or reaches a real store.
 */
public final class Samples {

    /** The samples' "now": five minutes after they occurred, when a held reply's deadline has come. */
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T10:05:00Z"), ZoneOffset.UTC);
    public static final Instant OCCURRED = Instant.parse("2026-01-01T10:00:00Z");
    public static final String CUSTOMER = "priming";
    public static final CustomerProfile PROFILE = new CustomerProfile(CUSTOMER, ZoneOffset.UTC, null, new Consent(true, true, true),
            new Addresses("priming@example.invalid", "+15555550100", "@priming"), List.of(), Channel.EMAIL,
            Map.of("firstName", "Priming"));

    private final InMemoryResponseStore responses = new InMemoryResponseStore();
    private final InMemorySignalLedger signals = new InMemorySignalLedger();

    public InMemoryResponseStore responses() {
        return responses;
    }

    public InMemorySignalLedger signals() {
        return signals;
    }

    /** The one profile; priming never writes or lists profiles. */
    public ProfileStore profiles() {
        return new ProfileStore() {
            @Override
            public Optional<CustomerProfile> get(String customerId) {
                return CUSTOMER.equals(customerId) ? Optional.of(PROFILE) : Optional.empty();
            }

            @Override
            public Optional<Versioned> read(String customerId) {
                return get(customerId).map(p -> new Versioned(p, 1));
            }

            @Override
            public void put(CustomerProfile profile) {
                throw new UnsupportedOperationException("priming reads profiles only");
            }

            @Override
            public long put(CustomerProfile profile, long expectedVersion) {
                throw new UnsupportedOperationException("priming reads profiles only");
            }

            @Override
            public boolean delete(String customerId, long expectedVersion) {
                throw new UnsupportedOperationException("priming reads profiles only");
            }

            @Override
            public void recordErasure(String customerId, java.time.Instant at, String by, Map<String, Integer> counts) {
                throw new UnsupportedOperationException("priming reads profiles only");
            }

            @Override
            public List<CustomerProfile> membersOf(String segment) {
                return List.of();
            }
        };
    }

    /**
     * Records signal {@code priming:<name>} of the customer, decided with {@code outcome} on
     * {@code channel} at {@link #OCCURRED} (a HOLD with a five-minute deadline and the holding-reply
     * fallback), and its response record as decide leaves it; returns the responseId.
     */
    public String add(String name, Channel channel, SignalType type, Map<String, Object> attributes, Outcome outcome,
                      Reason... reasons) {
        Signal signal = new Signal("priming:" + name, "priming", type, OCCURRED, CustomerRef.ofCustomerId(CUSTOMER), attributes);
        boolean held = outcome == Outcome.HOLD;
        Decision d = new Decision(signal.signalId(), CUSTOMER, outcome, channel, held ? null : OCCURRED,
                held ? OCCURRED.plus(Duration.ofMinutes(5)) : null, held ? Fallback.HOLDING_REPLY : null, List.of(), List.of(reasons));
        signals.begin(new SignalLedger.Entry(signal, CUSTOMER, List.of(d), SignalLedger.State.DONE, OCCURRED));
        Response r = Response.of(d, signal, OCCURRED);
        responses.create(r);
        return r.responseId();
    }
}
