package dev.righttime.local.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ForegroundTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000_000L);
    private final Foreground foreground = new Foreground(2.0, now::get);

    @Test
    void pollersRunFlatOutWhenNoWebhookArrives() {
        assertThat(foreground.busy()).isFalse();
        assertThat(foreground.pauseAfter(40_000_000L)).isZero();
    }

    @Test
    void whileWebhooksAreAnsweredFastPollersDoNotPause() {
        foreground.request();
        foreground.answered(Foreground.SLOW_NANOS);
        now.addAndGet(50_000_000L);
        assertThat(foreground.busy()).isTrue();
        assertThat(foreground.congested()).isFalse();
        assertThat(foreground.pauseAfter(40_000_000L)).isZero();
    }

    @Test
    void afterASlowAnswerPollersPauseInProportionToTheirWork() {
        foreground.request();
        foreground.answered(Foreground.SLOW_NANOS + 1);
        now.addAndGet(50_000_000L);
        assertThat(foreground.congested()).isTrue();
        assertThat(foreground.pauseAfter(40_000_000L)).isEqualTo(80_000_000L);
        assertThat(foreground.pauseAfter(0)).isZero();
    }

    @Test
    void aPauseIsBoundedSoABacklogKeepsMoving() {
        foreground.request();
        foreground.answered(Foreground.SLOW_NANOS * 10);
        assertThat(foreground.pauseAfter(10_000_000_000L)).isEqualTo(Foreground.MAX_PAUSE_NANOS);
    }

    @Test
    void congestionEndsOneQuietWindowAfterTheLastSlowAnswer() {
        foreground.request();
        foreground.answered(Foreground.SLOW_NANOS * 2);
        now.addAndGet(Foreground.QUIET_NANOS - 1);
        foreground.request();
        assertThat(foreground.congested()).isTrue();
        now.addAndGet(1);
        assertThat(foreground.busy()).isTrue();
        assertThat(foreground.congested()).isFalse();
        assertThat(foreground.pauseAfter(40_000_000L)).isZero();
    }

    @Test
    void theGatewayCountsAsQuietOnceNoRequestCameForTheQuietWindow() {
        foreground.request();
        foreground.answered(Foreground.SLOW_NANOS * 2);
        now.addAndGet(Foreground.QUIET_NANOS - 1);
        assertThat(foreground.busy()).isTrue();
        now.addAndGet(1);
        assertThat(foreground.busy()).isFalse();
        assertThat(foreground.pauseAfter(40_000_000L)).isZero();
    }

    @Test
    void aNegativeFactorIsRefused() {
        assertThatThrownBy(() -> new Foreground(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
