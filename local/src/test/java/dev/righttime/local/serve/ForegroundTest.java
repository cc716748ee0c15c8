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
    void whileWebhooksArrivePollersPauseInProportionToTheirWork() {
        foreground.request();
        now.addAndGet(50_000_000L);
        assertThat(foreground.busy()).isTrue();
        assertThat(foreground.pauseAfter(40_000_000L)).isEqualTo(80_000_000L);
        assertThat(foreground.pauseAfter(0)).isZero();
    }

    @Test
    void aPauseIsBoundedSoABacklogKeepsMoving() {
        foreground.request();
        assertThat(foreground.pauseAfter(10_000_000_000L)).isEqualTo(Foreground.MAX_PAUSE_NANOS);
    }

    @Test
    void theGatewayCountsAsQuietOnceNoRequestCameForTheQuietWindow() {
        foreground.request();
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
