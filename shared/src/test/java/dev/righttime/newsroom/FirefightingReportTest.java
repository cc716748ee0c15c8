package dev.righttime.newsroom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.righttime.model.Card;
import dev.righttime.model.Channel;
import dev.righttime.model.Fallback;
import dev.righttime.model.Outcome;
import dev.righttime.model.Reason;
import dev.righttime.model.Response;
import dev.righttime.model.ResponseStatus;
import dev.righttime.model.SignalType;
import dev.righttime.port.ResponseStore;
import dev.righttime.testing.InMemoryResponseStore;
import dev.righttime.testing.InMemoryRollupStore;
import dev.righttime.testing.ForwardingStore;
import dev.righttime.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Never-answered signals lead the firefighting list, each says why; long ranges come from daily roll-ups. */
public class FirefightingReportTest {

    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    static Response held(String signalId, ResponseStatus status, String detail, Instant reviewedAt, String edited, Long sentAfterS) {
        Card card = new Card(new Card.Author(null, "@" + signalId.replace(":", ""), 50_000L, null, null), "text of " + signalId,
                null, "complaint", null, null, "proposed", "holding", Map.of());
        return Response.builder("r-" + signalId, signalId, status).signalType(SignalType.SOCIAL_MENTION).occurredAt(T0)
                .outcome(Outcome.HOLD).channel(Channel.SOCIAL).deadline(T0.plusSeconds(300)).fallback(Fallback.HOLDING_REPLY)
                .reasons(List.of(Reason.HIGH_REACH, Reason.NEEDS_APPROVAL)).createdAt(T0).dispatchedAt(T0)
                .sentAt(sentAfterS == null ? null : T0.plusSeconds(sentAfterS)).sentText(sentAfterS == null ? null : "sent")
                .reviewedBy(reviewedAt == null ? null : "ed").reviewedAt(reviewedAt).editedText(edited).detail(detail).card(card)
                .build();
    }

    public static List<Response> data() {
        return List.of(
                held("x:approved", ResponseStatus.SENT, null, T0.plusSeconds(120), "proposed", 125L),
                held("x:edited", ResponseStatus.SENT, null, T0.plusSeconds(400), "better", 405L),
                held("x:fallback", ResponseStatus.SENT, "holding_reply", null, null, 301L),
                held("x:rejected", ResponseStatus.CANCELLED, "rejected", T0.plusSeconds(60), null, null),
                held("x:failed", ResponseStatus.FAILED, "http_410", null, null, null));
    }

    @Test
    void neverAnsweredLeadThenTheSlowestEachWithTextAuthorAndWhy() {
        ResponseTimeReport.Report report = ResponseTimeReport.of(data(), T0, T0.plusSeconds(86400));

        assertThat(report.firefighting()).extracting(ResponseTimeReport.Moment::signalId)
                .containsExactly("x:failed", "x:rejected", "x:edited", "x:fallback", "x:approved");
        ResponseTimeReport.Moment rejected = report.firefighting().get(1);
        assertThat(rejected.outcome()).isEqualTo("rejected");
        assertThat(rejected.timeToResponseMs()).isNull();
        assertThat(rejected.text()).isEqualTo("text of x:rejected");
        assertThat(rejected.author()).isEqualTo("@xrejected");
        assertThat(rejected.overTarget()).isTrue();
        assertThat(report.firefighting().get(2).why()).containsExactly("waited 6 min for approval");
        assertThat(report.firefighting().get(2).overTarget()).as("6:45 is over the 5-minute target").isTrue();
        assertThat(report.firefighting().get(3).why()).containsExactly("nobody approved in time: the fallback holding reply went at the deadline");
        assertThat(report.firefighting().get(4).overTarget()).isFalse();
        assertThat(report.firefighting().get(0).why()).containsExactly("delivery failed (http_410)");
        assertThat(report.targets().complaintMs()).isEqualTo(300_000L);
        assertThat(report.reviews()).isEqualTo(new ResponseTimeReport.Reviews(1, 1, 1));
        assertThat(report.timeToApprove()).isEqualTo(new ResponseTimeReport.Stats(3, 120_000L, 400_000L));
    }

    /** Counts the scans a report makes. */
    static final class CountingStore extends ForwardingStore {
        final AtomicInteger scans = new AtomicInteger();

        CountingStore(ResponseStore real) {
            super(real);
        }

        @Override
        public List<Response> occurredBetween(Instant from, Instant to) {
            scans.incrementAndGet();
            return super.occurredBetween(from, to);
        }
    }

    @Test
    void aYearComesFromDailyRollUpsStoredOnceTheDaysAreSettled() {
        InMemoryResponseStore store = new InMemoryResponseStore();
        data().forEach(store::create);
        CountingStore counting = new CountingStore(store);
        InMemoryRollupStore rollups = new InMemoryRollupStore();
        Reports reports = new Reports(counting, rollups, new MutableClock(T0.plus(Duration.ofDays(30))));
        Instant to = T0.plus(Duration.ofDays(20));
        Instant from = to.minus(Duration.ofDays(365));

        ResponseTimeReport.Report first = reports.between(from, to);
        ResponseTimeReport.Report second = reports.between(from, to);

        assertThat(counting.scans.get()).as("one pass for the missing days, then roll-ups only").isEqualTo(1);
        assertThat(rollups.between(LocalDate.parse("2025-01-01"), LocalDate.parse("2027-01-01"))).hasSize(366);
        assertThat(second).isEqualTo(first);
        assertThat(first.source()).isEqualTo("daily roll-ups");
        assertThat(first.firefighting()).extracting(ResponseTimeReport.Moment::signalId)
                .containsExactly("x:failed", "x:rejected", "x:edited", "x:fallback", "x:approved");
        ResponseTimeReport.Stats mentions = first.bySignalType().get("social.mention");
        assertThat(mentions.count()).isEqualTo(3);
        // Histogram buckets are 2% wide: within 2% of the exact nearest-rank values (301 s and 405 s).
        assertThat(mentions.p50Ms()).isBetween(295_000L, 301_000L);
        assertThat(mentions.p95Ms()).isBetween(397_000L, 405_000L);
        assertThat(first.reviews()).isEqualTo(new ResponseTimeReport.Reviews(1, 1, 1));
    }

    @Test
    void unsettledDaysAreNotStored() {
        InMemoryResponseStore store = new InMemoryResponseStore();
        data().forEach(store::create);
        InMemoryRollupStore rollups = new InMemoryRollupStore();
        Reports reports = new Reports(store, rollups, new MutableClock(T0.plus(Duration.ofHours(1))));

        reports.between(T0.minus(Duration.ofDays(40)), T0.plus(Duration.ofHours(1)));

        assertThat(rollups.between(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-03"))).isEmpty();
        assertThat(rollups.between(LocalDate.parse("2026-01-01"), LocalDate.parse("2026-02-28"))).isNotEmpty();
    }
}
