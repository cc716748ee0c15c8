package dev.righttime.newsroom;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.righttime.flow.ChannelQueues;
import dev.righttime.model.Json;
import dev.righttime.port.MessageQueue;
import dev.righttime.port.ResponseStore;
import dev.righttime.port.Scheduler;
import dev.righttime.port.SignalLedger;
import dev.righttime.testing.UntouchedPorts;
import java.time.Clock;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The SnapStart hook answers every newsroom route in memory: none of the handler's ports (DynamoDB,
 * the channel queues, Scheduler, the health check: the network) is called, and the answers are the
 * ones an editor would get.
 */
class PrimingTest {

    @Test
    void primingAnswersEveryRouteInMemoryAndTouchesNoPort() throws Exception {
        UntouchedPorts untouched = new UntouchedPorts();
        ResponseStore responses = untouched.of(ResponseStore.class);
        MessageQueue queue = untouched.of(MessageQueue.class);
        NewsroomApiHandler handler = new NewsroomApiHandler(new NewsroomApi(
                new Approvals(responses, untouched.of(Scheduler.class), new ChannelQueues(queue, queue, queue), Clock.systemUTC()),
                new Timeline(untouched.of(SignalLedger.class), responses), responses, new Approver("real-token"), Clock.systemUTC()),
                untouched.of(BooleanSupplier.class));

        handler.beforeCheckpoint(null);

        assertThat(untouched.calls()).isZero();
        List<APIGatewayV2HTTPResponse> answers = Priming.run();
        // page, approvals, approve, reject, timeline, report; then a request with no token: refused
        assertThat(answers).extracting(APIGatewayV2HTTPResponse::getStatusCode).containsExactly(200, 200, 200, 200, 200, 200, 200, 200, 200, 401);
        assertThat(answers.get(7).getBody()).contains("Your contact preferences");
        assertThat(answers.get(8).getBody()).contains("unsubscribed");
        assertThat(answers.get(0).getHeaders().get("Content-Type")).startsWith("text/html");
        assertThat(answers.get(0).getBody()).contains("<script>");
        assertThat(json(answers.get(1)).path("approvals")).hasSize(2);
        JsonNode approved = json(answers.get(2));
        assertThat(approved.path("status").asText()).isEqualTo("APPROVED");
        assertThat(approved.path("reviewedBy").asText()).isEqualTo(Approver.ADMIN); // the bearer token path
        assertThat(approved.path("editedText").asText()).isEqualTo("Thanks, we are on it (priming).");
        JsonNode rejected = json(answers.get(3));
        assertThat(rejected.path("status").asText()).isEqualTo("CANCELLED");
        assertThat(rejected.path("reviewedBy").asText()).isEqualTo("priming@example.invalid"); // the JWT claims path
        assertThat(json(answers.get(4)).path("events").findValuesAsText("kind")).contains("signal", "decision", "review", "send");
        assertThat(json(answers.get(5)).path("bySignalType").path("support.ticket_opened").path("count").asInt()).isEqualTo(1);
        // the SDK pass, on its own in-memory clients: five DynamoDB calls and a Scan, one SQS send, a
        // schedule created and deleted, each answered (a failure would count 0)
        assertThat(Priming.sdk()).isEqualTo(9);
    }

    static JsonNode json(APIGatewayV2HTTPResponse response) throws Exception {
        return Json.mapper().readTree(response.getBody());
    }
}
