package dev.righttime.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.righttime.model.Channel;
import dev.righttime.model.Decision;
import dev.righttime.model.Json;
import dev.righttime.model.Outcome;
import dev.righttime.model.Reason;
import dev.righttime.testing.CapturingHttpServer;
import dev.righttime.testing.CapturingHttpServer.Reply;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** The PutEvents requests the SDK really sends for decision events. */
class EventBridgeEventBusContractTest {

    CapturingHttpServer aws;
    EventBridgeClient client;
    EventBridgeEventBus bus;

    @BeforeEach
    void start() {
        aws = new CapturingHttpServer(r -> Reply.json(200, okFor(r.json().path("Entries").size())));
        client = AwsClients.local(aws.endpoint(), "eu-central-1").eventBridge();
        bus = new EventBridgeEventBus(client, "righttime-bus");
    }

    @AfterEach
    void stop() {
        client.close();
        aws.close();
    }

    static String okFor(int n) {
        StringBuilder b = new StringBuilder("{\"FailedEntryCount\":0,\"Entries\":[");
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append("{\"EventId\":\"e").append(i).append("\"}");
        }
        return b.append("]}").toString();
    }

    static Decision decision(String customerId) {
        return new Decision("shopify:8d1c", customerId, Outcome.SCHEDULE, Channel.EMAIL, Instant.parse("2026-03-01T21:30:00Z"),
                null, null, List.of(), List.of(Reason.MARKETING_DELAY, Reason.QUIET_HOURS));
    }

    @Test
    void eachDecisionIsOneEventWhoseDetailIsTheDecisionRecord() throws Exception {
        Decision d = decision("c1");
        bus.publish(List.of(d));

        CapturingHttpServer.Request request = aws.requests().get(0);
        assertThat(request.header("X-Amz-Target")).isEqualTo("AWSEvents.PutEvents");
        JsonNode entry = request.json().path("Entries").get(0);
        assertThat(entry.path("Source").asText()).isEqualTo("righttime");
        assertThat(entry.path("DetailType").asText()).isEqualTo("decision");
        assertThat(entry.path("EventBusName").asText()).isEqualTo("righttime-bus");
        assertThat(entry.path("Detail").asText()).isEqualTo(Json.mapper().writeValueAsString(d))
                .isEqualTo("{\"signalId\":\"shopify:8d1c\",\"customerId\":\"c1\",\"outcome\":\"SCHEDULE\",\"channel\":\"email\","
                        + "\"sendAt\":\"2026-03-01T21:30:00Z\",\"deadline\":null,\"fallback\":null,\"cancels\":[],"
                        + "\"reasons\":[\"marketing_delay\",\"quiet_hours\"]}");
    }

    @Test
    void aFanOutIsSentTenEntriesAtATime() {
        List<Decision> many = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            many.add(decision("c" + i));
        }
        bus.publish(many);

        assertThat(aws.requests()).extracting(r -> r.json().path("Entries").size()).containsExactly(10, 10, 3);
    }

    @Test
    void aFailedEntryFailsThePublish() {
        aws.respondWith(r -> Reply.json(200,
                "{\"FailedEntryCount\":1,\"Entries\":[{\"ErrorCode\":\"InternalFailure\",\"ErrorMessage\":\"x\"}]}"));
        assertThatThrownBy(() -> bus.publish(List.of(decision("c1")))).hasMessageContaining("InternalFailure");
    }
}
