package dev.righttime.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.righttime.model.Channel;
import dev.righttime.model.Decision;
import dev.righttime.model.Outcome;
import dev.righttime.model.Reason;
import dev.righttime.newsroom.DayRollup;
import dev.righttime.testing.DynamoDbLocal;
import dev.righttime.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The newsroom table on DynamoDB Local: the decisions feed across days, and report roll-ups by day. */
class NewsroomTableTest {

    static final DynamoDbLocal dynamo = DynamoDbLocal.shared();
    static final AtomicInteger RUN = new AtomicInteger();

    static Decision decision(String signalId) {
        return new Decision(signalId, "c1", Outcome.SEND_NOW, Channel.EMAIL, Instant.parse("2026-03-02T10:00:00Z"), null, null,
                List.of(), List.of(Reason.CUSTOMER_INITIATED));
    }

    /** A fresh newsroom table's name. */
    static String newsroom() {
        String table = "newsroom-" + RUN.incrementAndGet();
        Tables.createNewsroom(dynamo.client(), table);
        return table;
    }

    @Test
    void theFeedListsTheNewestDecisionsFirstAcrossDays() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T23:59:00Z"));
        DynamoDbDecisionFeed feed = new DynamoDbDecisionFeed(dynamo.client(), newsroom(), clock);

        feed.publish(List.of(decision("s:1")));
        feed.flush();
        clock.set(Instant.parse("2026-03-02T00:01:00Z"));
        feed.publish(List.of(decision("s:2"), decision("s:2")));
        feed.flush();
        clock.set(Instant.parse("2026-03-02T00:02:00Z"));
        feed.publish(List.of(decision("s:3")));
        feed.flush();

        assertThat(feed.latest(10)).extracting(Decision::signalId).containsExactly("s:3", "s:2", "s:2", "s:1");
        assertThat(feed.latest(2)).extracting(Decision::signalId).containsExactly("s:3", "s:2");
        clock.set(clock.instant().plus(Duration.ofDays(8)));
        assertThat(feed.latest(10)).as("a week back at most").isEmpty();
    }

    @Test
    void aBatchIsOneItemAndReadsNewestSignalFirst() {
        String table = newsroom();
        MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
        DynamoDbDecisionFeed feed = new DynamoDbDecisionFeed(dynamo.client(), table, clock);
        // An item of one signal as written before batches (plain JSON in "decisions") still reads.
        dynamo.client().putItem(b -> b.tableName(table).item(java.util.Map.of(
                "pk", Items.s(DynamoDbDecisionFeed.partition(clock.instant())), "sk", Items.s("2026-03-02T09:00:00Z#s:0"),
                "decisions", Items.s(Items.json(List.of(decision("s:0")))))));

        feed.publish(List.of(decision("s:1")));
        feed.publish(List.of(decision("s:2"), decision("s:2")));
        feed.publish(List.of());
        assertThat(feed.latest(10)).as("nothing written before the batch's end").extracting(Decision::signalId).containsExactly("s:0");
        feed.publish(List.of(decision("s:3")));
        feed.flush();
        feed.flush();

        assertThat(dynamo.client().scan(b -> b.tableName(table)).count()).as("one item for the batch, none for an empty flush")
                .isEqualTo(2);
        assertThat(feed.latest(10)).extracting(Decision::signalId).containsExactly("s:3", "s:2", "s:2", "s:1", "s:0");
        assertThat(feed.latest(3)).extracting(Decision::signalId).containsExactly("s:3", "s:2", "s:2");
    }

    @Test
    void aLargeBatchIsWrittenBeforeItsEnd() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
        DynamoDbDecisionFeed feed = new DynamoDbDecisionFeed(dynamo.client(), newsroom(), clock);
        List<Decision> fanOut = java.util.stream.IntStream.range(0, 60).mapToObj(i -> decision("s:fan")).toList();
        for (int i = 0; i < 4; i++) {
            feed.publish(fanOut);
            clock.set(clock.instant().plusSeconds(1));
        }

        // 4 x 50 kept decisions reach the per-item bound: written without a flush.
        assertThat(feed.latest(1000)).hasSize(4 * DynamoDbDecisionFeed.MAX_PER_SIGNAL);
    }

    @Test
    void rollUpsAreReadBackByDayRange() {
        String table = "newsroom-" + RUN.incrementAndGet();
        Tables.createNewsroom(dynamo.client(), table);
        DynamoDbRollupStore store = new DynamoDbRollupStore(dynamo.client(), table);
        DayRollup day = DayRollup.of(LocalDate.parse("2026-03-02"), dev.righttime.newsroom.FirefightingReportTest.data());
        assertThat(day.firefighting()).hasSize(5);
        store.put(day);
        store.put(DayRollup.of(LocalDate.parse("2026-03-05"), List.of()));

        assertThat(store.between(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-05"))).containsExactly(day);
        assertThat(store.between(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-06"))).hasSize(2);
    }

    @Test
    void covenantVersionsAreKeptAndAVersionIsTakenOnce() {
        String table = "newsroom-" + RUN.incrementAndGet();
        Tables.createNewsroom(dynamo.client(), table);
        DynamoDbAutonomyStore store = new DynamoDbAutonomyStore(dynamo.client(), table);
        assertThat(store.current()).isEmpty();
        dev.righttime.policy.Covenants defaults = dev.righttime.policy.Covenants.defaults(dev.righttime.policy.Playbook.defaults());
        dev.righttime.policy.Covenants v1 = new dev.righttime.policy.Covenants(1, "ed", Instant.parse("2026-03-02T10:00:00Z"), defaults.rules());
        dev.righttime.policy.Covenants v2 = new dev.righttime.policy.Covenants(2, "lee", Instant.parse("2026-03-02T11:00:00Z"),
                defaults.rules().subList(0, 3));

        assertThat(store.save(v1)).isTrue();
        assertThat(store.save(v2)).isTrue();
        assertThat(store.save(new dev.righttime.policy.Covenants(2, "late", Instant.parse("2026-03-02T11:00:01Z"), defaults.rules())))
                .isFalse();

        assertThat(store.current()).contains(v2);
        assertThat(store.history(10)).containsExactly(v2, v1);
    }
}
