package dev.righttime.time;

import static org.assertj.core.api.Assertions.assertThat;

import dev.righttime.model.Consent;
import dev.righttime.model.CustomerProfile;
import dev.righttime.model.Decision;
import dev.righttime.model.Outcome;
import dev.righttime.model.Signal;
import dev.righttime.model.SignalType;
import dev.righttime.model.CustomerRef;
import dev.righttime.policy.DecisionEngine;
import dev.righttime.policy.History;
import dev.righttime.policy.Playbook;
import dev.righttime.policy.Subject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of the time arithmetic, over DST zones on both hemispheres and odd quiet windows. */
class TimeArithmeticProperties {

    private static final List<String> ZONES = List.of(
            "Europe/Berlin", "America/New_York", "Australia/Sydney", "Australia/Lord_Howe",
            "America/Santiago", "Asia/Tokyo", "Asia/Kolkata", "Pacific/Chatham", "UTC", "America/St_Johns");

    private static final DecisionEngine ENGINE = new DecisionEngine(Playbook.defaults());

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.of(ZONES).map(ZoneId::of);
    }

    /** 2000-2037, to the nanosecond, with extra weight near the 2026 DST transitions. */
    @Provide
    Arbitrary<Instant> instants() {
        Arbitrary<Instant> any = Arbitraries.longs().between(946_684_800L, 2_145_916_800L)
                .flatMap(s -> Arbitraries.integers().between(0, 999_999_999).map(n -> Instant.ofEpochSecond(s, n)));
        Arbitrary<Instant> nearTransitions = Arbitraries.of(
                        "2026-03-08T07:00:00Z", "2026-03-29T01:00:00Z", "2026-04-05T16:00:00Z",
                        "2026-10-04T16:00:00Z", "2026-10-25T01:00:00Z", "2026-11-01T06:00:00Z")
                .map(Instant::parse)
                .flatMap(t -> Arbitraries.longs().between(-12 * 3600L, 12 * 3600L).map(t::plusSeconds));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, any), net.jqwik.api.Tuple.of(1, nearTransitions));
    }

    /** Any window, including ones that cross midnight, are empty, or end inside a DST gap. */
    @Provide
    Arbitrary<QuietHours> windows() {
        Arbitrary<LocalTime> times = Arbitraries.integers().between(0, 24 * 60 - 1).map(m -> LocalTime.of(m / 60, m % 60));
        return Combinators.combine(times, times).as(QuietHours::new);
    }

    @Property(tries = 3000)
    void roundUpIsTheFirstWholeMinuteAtOrAfter(@ForAll("instants") Instant t) {
        Instant r = SendTime.roundUpToMinute(t);
        assertThat(SendTime.isWholeMinute(r)).isTrue();
        assertThat(r).isAfterOrEqualTo(t);
        assertThat(Duration.between(t, r)).isLessThan(Duration.ofMinutes(1));
    }

    @Property(tries = 5000)
    void nextAllowedIsNeverInsideQuietHoursNorEarlier(
            @ForAll("instants") Instant t, @ForAll("zones") ZoneId zone, @ForAll("windows") QuietHours quiet) {
        Instant r = quiet.nextAllowed(t, zone);
        assertThat(r).isAfterOrEqualTo(t);
        assertThat(quiet.contains(r, zone)).as("%s in %s for %s", r, zone, quiet).isFalse();
        if (!quiet.contains(t, zone)) {
            assertThat(r).isEqualTo(t);
        }
        // Quiet hours never swallow days: at most the rest of today plus one more day. (A window of
        // nearly a whole day whose only free minute falls into a DST gap skips that day: found by
        // jqwik, Europe/Berlin [02:14, 02:13) on 2026-03-28, 26 h 0 min 1 s ahead, correct.)
        assertThat(Duration.between(t, r)).isLessThanOrEqualTo(Duration.ofHours(50));
        long quietSeconds = Math.floorMod(quiet.end().toSecondOfDay() - quiet.start().toSecondOfDay(), 86_400);
        if (86_400 - quietSeconds >= 2 * 3600) {
            // Any ordinary window (a free stretch of two hours or more a day) ends within a day and a gap.
            assertThat(Duration.between(t, r)).isLessThanOrEqualTo(Duration.ofHours(26));
        }
    }

    @Property(tries = 3000)
    void nextSlotIsStrictlyAfterAndOnASlot(@ForAll("instants") Instant t, @ForAll("zones") ZoneId zone) {
        EngagementSlots slots = new EngagementSlots(List.of(LocalTime.of(9, 0), LocalTime.of(13, 0), LocalTime.of(2, 30)), zone);
        Instant r = slots.nextAfter(t);
        assertThat(r).isAfter(t);
        assertThat(Duration.between(t, r)).isLessThanOrEqualTo(Duration.ofHours(26));
        LocalTime local = r.atZone(zone).toLocalTime();
        boolean onSlot = slots.times().contains(local);
        // A slot that does not exist that day (gap) is served at the first instant after the gap.
        boolean afterGap = zone.getRules().isValidOffset(r.atZone(zone).toLocalDateTime(), r.atZone(zone).getOffset())
                && zone.getRules().getTransition(r.atZone(zone).toLocalDateTime().minusNanos(1)) != null;
        assertThat(onSlot || afterGap).as("%s (%s) in %s", r, local, zone).isTrue();
    }

    @Property(tries = 5000)
    void marketingSendAtRespectsDelayQuietHoursAndMinutes(
            @ForAll("instants") Instant occurredAt, @ForAll("zones") ZoneId zone, @ForAll("windows") QuietHours quiet,
            @ForAll boolean cart) {
        CustomerProfile p = new CustomerProfile("c1", zone, quiet, new Consent(true, null, null), null, null, null, null);
        Signal s = new Signal("s:1", "test", cart ? SignalType.CART_ABANDONED : SignalType.PRODUCT_VIEWED, occurredAt,
                CustomerRef.ofCustomerId("c1"), Map.of());
        Decision d = ENGINE.decide(s, Subject.customer(p), History.EMPTY, occurredAt).get(0);
        Duration delay = cart ? Duration.ofHours(1) : Duration.ofHours(4);

        assertThat(d.outcome()).isEqualTo(Outcome.SCHEDULE);
        assertThat(d.sendAt()).isAfterOrEqualTo(occurredAt.plus(delay));
        assertThat(SendTime.isWholeMinute(d.sendAt())).isTrue();
        assertThat(quiet.contains(d.sendAt(), zone)).as("%s in %s for %s", d.sendAt(), zone, quiet).isFalse();
    }
}
