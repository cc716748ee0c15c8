package dev.righttime.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.righttime.model.Channel;
import dev.righttime.testing.RecordingSender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The token bucket on a fake nano clock: the sleeper advances it, so no real time passes. */
class RateCappedSenderTest {

    final AtomicLong now = new AtomicLong(0);
    final List<Long> slept = new ArrayList<>();
    final RecordingSender channel = new RecordingSender();

    RateCappedSender capped(double perSecond, double burst, Duration maxWait) {
        return new RateCappedSender(channel, perSecond, burst, maxWait, now::get, nanos -> {
            slept.add(nanos);
            now.addAndGet(nanos);
        });
    }

    static Message message(int i) {
        return new Message("r-" + i, "s", "c1", null, Channel.SMS, "+1", null, "hi", null);
    }

    @Test
    void aBurstSendsAtOnceThenTheRateHolds() {
        RateCappedSender sender = capped(10, 3, Duration.ofSeconds(2));
        for (int i = 0; i < 13; i++) {
            sender.send(message(i));
        }
        assertThat(channel.sent()).hasSize(13);
        assertThat(slept).hasSize(10);
        // 13 messages at 10/s with a burst of 3: the last leaves 1 s after the first.
        assertThat(now.get()).isEqualTo(1_000_000_000L);
        assertThat(slept).allSatisfy(n -> assertThat(n).isEqualTo(100_000_000L));
    }

    @Test
    void aWaitLongerThanTheBoundIsARetryWithTheWaitNotASleep() {
        RateCappedSender sender = capped(1, 1, Duration.ofMillis(500));
        sender.send(message(1));

        assertThatThrownBy(() -> sender.send(message(2))).isInstanceOfSatisfying(DeliveryException.class, e -> {
            assertThat(e.permanent()).isFalse();
            assertThat(e.code()).isEqualTo("rate_capped");
            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        });
        assertThat(channel.sent()).hasSize(1);
        assertThat(slept).isEmpty();
        now.addAndGet(1_000_000_000L);
        sender.send(message(3));
        assertThat(channel.sent()).hasSize(2);
    }

    @Test
    void idleTimeRefillsNoMoreThanTheBurst() {
        RateCappedSender sender = capped(2, 2, Duration.ofSeconds(1));
        now.addAndGet(60_000_000_000L);
        sender.send(message(1));
        sender.send(message(2));
        sender.send(message(3));
        assertThat(slept).containsExactly(500_000_000L);
    }
}
