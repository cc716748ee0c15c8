package dev.righttime.newsroom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.righttime.model.Channel;
import dev.righttime.model.Outcome;
import dev.righttime.model.Reason;
import dev.righttime.model.Response;
import dev.righttime.model.ResponseStatus;
import dev.righttime.model.SignalType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report on a known data set: nearest-rank p50/p95 and the firefighting order. */
class ResponseTimeReportTest {

    static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");

    static Response sent(String signalId, SignalType type, long seconds, ResponseStatus status, Reason... reasons) {
        Instant at = T0.plusSeconds(signalId.hashCode() & 0xfff);
        return Response.builder("r-" + signalId + "-" + seconds, signalId, status).customerId("c1").signalType(type).occurredAt(at)
                .outcome(Outcome.SEND_NOW).channel(Channel.EMAIL).sendAt(at).reasons(List.of(reasons)).createdAt(at).dispatchedAt(at)
                .sentAt(at.plusSeconds(seconds)).sentText("text").build();
    }

    @Test
    void percentilesPerSignalTypeOverSentResponsesOnly() {
        List<Response> data = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            data.add(sent("zendesk:t" + i, SignalType.TICKET_OPENED, i * 60L, ResponseStatus.SENT, Reason.CUSTOMER_INITIATED));
        }
        data.add(sent("shopify:c1", SignalType.CART_ABANDONED, 3600, ResponseStatus.SENT));
        data.add(sent("shopify:c2", SignalType.CART_ABANDONED, 7200, ResponseStatus.SENT));
        data.add(sent("shopify:c3", SignalType.CART_ABANDONED, 99999, ResponseStatus.CANCELLED));

        ResponseTimeReport.Report report = ResponseTimeReport.of(data, T0, T0.plusSeconds(86400));

        assertThat(report.bySignalType().get("support.ticket_opened"))
                .isEqualTo(new ResponseTimeReport.Stats(20, 10 * 60_000L, 19 * 60_000L));
        assertThat(report.bySignalType().get("commerce.cart_abandoned"))
                .isEqualTo(new ResponseTimeReport.Stats(2, 3_600_000L, 7_200_000L));
    }

    @Test
    void firefightingIsTheTenSlowestCustomerInitiatedFirstResponses() {
        List<Response> data = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            data.add(sent("zendesk:t" + i, SignalType.TICKET_OPENED, i * 60L, ResponseStatus.SENT, Reason.CUSTOMER_INITIATED));
        }
        // A complaint answered twice: its first response (600 s) is the one that counts.
        data.add(sent("x:m1", SignalType.SOCIAL_MENTION, 900, ResponseStatus.SENT, Reason.HIGH_REACH));
        data.add(sent("x:m1", SignalType.SOCIAL_MENTION, 630, ResponseStatus.SENT, Reason.HIGH_REACH));
        // Slow, but not customer-initiated: marketing and a friendly mention.
        data.add(sent("shopify:c1", SignalType.CART_ABANDONED, 99999, ResponseStatus.SENT));
        data.add(sent("x:m2", SignalType.SOCIAL_MENTION, 99999, ResponseStatus.SENT, Reason.ENGAGEMENT_SLOT));

        List<ResponseTimeReport.Moment> top = ResponseTimeReport.of(data, T0, T0.plusSeconds(86400)).firefighting();

        assertThat(top).extracting(ResponseTimeReport.Moment::signalId).containsExactly(
                "zendesk:t12", "zendesk:t11", "x:m1", "zendesk:t10", "zendesk:t9", "zendesk:t8", "zendesk:t7",
                "zendesk:t6", "zendesk:t5", "zendesk:t4");
        assertThat(top.get(2).timeToResponseMs()).isEqualTo(630_000L);
    }
}
