package dev.righttime.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The builder names fields without changing the record or its JSON (a public interface). */
class ResponseBuilderTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    private static Response full() {
        return new Response("r1", "s1", "c1", SignalType.SOCIAL_MENTION, T0, Outcome.HOLD, ResponseStatus.SENT, Channel.SOCIAL,
                T0.plusSeconds(1), T0.plusSeconds(2), Fallback.HOLDING_REPLY, List.of(Reason.HIGH_REACH), T0.plusSeconds(3),
                T0.plusSeconds(4), T0.plusSeconds(5), T0.plusSeconds(6), "sent", "ed", T0.plusSeconds(7), "edited", "detail",
                null, null, "why", Map.of("delivered", T0.plusSeconds(8)));
    }

    @Test
    void toBuilderKeepsEveryFieldAndChangesOnlyTheNamedOne() {
        Response r = full();
        assertThat(r.toBuilder().build()).isEqualTo(r);
        Response dispatched = r.toBuilder().dispatchedAt(T0).build();
        assertThat(dispatched.dispatchedAt()).isEqualTo(T0);
        assertThat(dispatched.toBuilder().dispatchedAt(r.dispatchedAt()).build()).isEqualTo(r);
        assertThat(r.withStatus(ResponseStatus.CANCELLED)).isEqualTo(r.toBuilder().status(ResponseStatus.CANCELLED).build());
    }

    @Test
    void jsonIsTheSameWhicheverWayTheRecordWasBuilt() throws Exception {
        Response built = Response.builder("r1", "s1", ResponseStatus.SCHEDULED).customerId("c1").channel(Channel.EMAIL)
                .sendAt(T0).build();
        String json = Json.mapper().writeValueAsString(built);
        assertThat(json).isEqualTo(Json.mapper().writeValueAsString(new Response("r1", "s1", "c1", null, null, null,
                ResponseStatus.SCHEDULED, Channel.EMAIL, T0, null, null, List.of(), null, null, null, null, null, null, null, null,
                null, null, null, null, null)));
        assertThat(json).doesNotContain("builder").contains("\"responseId\":\"r1\"");
        assertThat(Json.mapper().readValue(Json.mapper().writeValueAsString(full()), Response.class)).isEqualTo(full());
    }
}
