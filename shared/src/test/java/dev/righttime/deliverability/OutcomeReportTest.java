package dev.righttime.deliverability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.righttime.model.Channel;
import dev.righttime.model.Feedback;
import dev.righttime.model.Outcome;
import dev.righttime.model.Response;
import dev.righttime.model.ResponseStatus;
import dev.righttime.model.SignalType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutcomeReportTest {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    static Response sent(String id, SignalType type, Duration delay, ResponseStatus status, Feedback... feedback) {
        Response r = Response.builder(id, "s-" + id, status).customerId("c1").signalType(type).occurredAt(T0)
                .outcome(Outcome.SCHEDULE).channel(Channel.EMAIL).sendAt(T0.plus(delay)).createdAt(T0).dispatchedAt(T0)
                .sentAt(status == ResponseStatus.SENT ? T0.plus(delay).plusSeconds(5) : null).build();
        for (Feedback f : feedback) {
            r = r.withFeedback(f, T0.plus(delay).plusSeconds(60));
        }
        return r;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rows(List<Response> responses) {
        return (List<Map<String, Object>>) OutcomeReport.of(responses, T0, T0.plus(Duration.ofDays(1))).get("rows");
    }

    @Test
    void countsPerRuleAndDelayBucketWithRatesPerSend() {
        List<Map<String, Object>> rows = rows(List.of(
                sent("a", SignalType.CART_ABANDONED, Duration.ofHours(1), ResponseStatus.SENT, Feedback.DELIVERED, Feedback.OPENED,
                        Feedback.CLICKED, Feedback.CONVERTED),
                sent("b", SignalType.CART_ABANDONED, Duration.ofHours(1), ResponseStatus.SENT, Feedback.DELIVERED, Feedback.UNSUBSCRIBED),
                sent("c", SignalType.CART_ABANDONED, Duration.ofMinutes(10), ResponseStatus.SENT, Feedback.BOUNCED),
                sent("d", SignalType.CART_ABANDONED, Duration.ofMinutes(10), ResponseStatus.FAILED),
                sent("e", SignalType.PRODUCT_VIEWED, Duration.ofHours(4), ResponseStatus.SENT, Feedback.COMPLAINED),
                sent("f", SignalType.CART_ABANDONED, Duration.ofHours(1), ResponseStatus.CANCELLED),
                sent("g", SignalType.CART_ABANDONED, Duration.ofHours(1), ResponseStatus.SCHEDULED)));

        assertThat(rows).extracting(r -> r.get("rule") + " " + r.get("delay"))
                .containsExactly("commerce.cart_abandoned 5-30m", "commerce.cart_abandoned 1-2h", "commerce.product_viewed 4-12h");
        assertThat(rows.get(1)).containsEntry("sends", 2L).containsEntry("delivered", 2L).containsEntry("opens", 1L)
                .containsEntry("clicks", 1L).containsEntry("conversions", 1L).containsEntry("unsubscribes", 1L)
                .containsEntry("conversionRate", 0.5).containsEntry("openRate", 0.5);
        assertThat(rows.get(0)).containsEntry("sends", 1L).containsEntry("failed", 1L).containsEntry("bounces", 1L)
                .containsEntry("conversionRate", 0.0);
        assertThat(rows.get(2)).containsEntry("complaints", 1L);
    }

    @Test
    void bucketsAreHalfOpen() {
        assertThat(OutcomeReport.bucket(Duration.ZERO)).isEqualTo("0-5m");
        assertThat(OutcomeReport.bucket(Duration.ofMinutes(59))).isEqualTo("30m-1h");
        assertThat(OutcomeReport.bucket(Duration.ofHours(1))).isEqualTo("1-2h");
        assertThat(OutcomeReport.bucket(Duration.ofHours(24))).isEqualTo("24h+");
    }
}
