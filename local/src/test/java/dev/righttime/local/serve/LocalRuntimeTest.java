package dev.righttime.local.serve;

import static dev.righttime.local.serve.LocalFlow.await;
import static dev.righttime.local.serve.LocalFlow.get;
import static dev.righttime.local.serve.LocalFlow.post;
import static dev.righttime.local.serve.LocalFlow.signal;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.righttime.model.Channel;
import dev.righttime.model.CustomerProfile;
import dev.righttime.model.Json;
import dev.righttime.model.ResponseStatus;
import dev.righttime.send.Outbox;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** serve's runtime end to end over HTTP: signed webhook in, decision recorded, message sent to the outbox. */
class LocalRuntimeTest {

    @TempDir
    Path data;

    @Test
    void aTicketIsAnsweredNowOnceAndARetryIsADuplicate() throws Exception {
        Instant now = Instant.parse("2026-03-02T10:00:00Z");
        try (LocalRuntime rt = LocalFlow.start(LocalFlow.options(new FastClock(now, 1), null))) {
            assertThat(get(rt, "/healthz", null).statusCode()).isEqualTo(200);
            String body = signal("support.ticket_opened", now, "{\"channel\":\"email\",\"subject\":\"Where is my order?\"}");
            HttpResponse<String> first = post(rt, "msg_ticket_1", body, now);
            assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
            assertThat(first.body()).contains("\"signalId\":\"standard:msg_ticket_1\"");
            assertThat(post(rt, "msg_ticket_1", body, now).body()).contains("duplicate");

            await(() -> rt.outbox().entries().size() == 1);
            Outbox.Entry sent = rt.outbox().entries().get(0);
            assertThat(sent.signalId()).isEqualTo("standard:msg_ticket_1");
            assertThat(sent.channel()).isEqualTo(Channel.EMAIL);
            assertThat(sent.to()).isEqualTo("ada@example.com");
            LocalFlow.awaitStatus(rt, sent.responseId(), ResponseStatus.SENT);

            JsonNode outbox = Json.mapper().readTree(get(rt, "/outbox", "test-token").body());
            assertThat(outbox).hasSize(1);
            assertThat(outbox.get(0).get("responseId").asText()).isEqualTo(sent.responseId());
            Thread.sleep(500);
            assertThat(rt.outbox().entries()).as("sent once").hasSize(1);
        }
    }

    @Test
    void profilesAreSeededBeforeTheRoutesOpen() throws Exception {
        Instant now = Instant.parse("2026-03-02T10:00:00Z");
        CustomerProfile ada = Json.mapper().readValue(LocalFlow.ADA, CustomerProfile.class);
        try (LocalRuntime rt = new LocalRuntime(LocalFlow.options(new FastClock(now, 1), null).withProfiles(java.util.List.of(ada)))) {
            // The very first webhook, posted as soon as the runtime answers, already finds Ada.
            assertThat(post(rt, "msg_first", signal("commerce.cart_abandoned", now, "{}"), now).statusCode()).isEqualTo(202);
            await(() -> !rt.decisions().latest(1).isEmpty());
            assertThat(rt.decisions().latest(1).get(0).outcome().name()).isEqualTo("SCHEDULE");
        }
    }

    @Test
    void aRestartWithDataKeepsConsentChangedSinceTheProfilesFileSeededIt() throws Exception {
        Instant now = Instant.parse("2026-03-02T10:00:00Z");
        CustomerProfile ada = Json.mapper().readValue(LocalFlow.ADA, CustomerProfile.class);
        LocalRuntime.Options options = LocalFlow.options(new FastClock(now, 1), data).withProfiles(java.util.List.of(ada));
        try (LocalRuntime rt = new LocalRuntime(options)) {
            HttpResponse<String> patched = LocalFlow.HTTP.send(HttpRequest.newBuilder(URI.create(rt.baseUrl() + "/profiles/c1"))
                    .header("Authorization", "Bearer test-token").header("Content-Type", "application/json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"consent\":{\"email\":false}}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        }
        // The same serve command again: the file still says email true; the customer said no since.
        try (LocalRuntime rt = new LocalRuntime(options)) {
            JsonNode profile = Json.mapper().readTree(get(rt, "/profiles/c1", "test-token").body());
            assertThat(profile.at("/consent/email").asBoolean(true)).isFalse();
        }
        // A store without the customer (no --data) is seeded from the file as before.
        try (LocalRuntime rt = new LocalRuntime(options.withData(null))) {
            JsonNode profile = Json.mapper().readTree(get(rt, "/profiles/c1", "test-token").body());
            assertThat(profile.at("/consent/email").asBoolean(false)).isTrue();
        }
    }

    @Test
    void aScheduledReminderSurvivesARestartWithDataAndGoesOutOnce() throws Exception {
        Instant now = Instant.parse("2026-03-02T10:00:00Z");
        FastClock clock = new FastClock(now, 1);
        String responseId;
        try (LocalRuntime rt = LocalFlow.start(LocalFlow.options(clock, data))) {
            HttpResponse<String> r = post(rt, "msg_cart_1", signal("commerce.cart_abandoned", now, "{}"), now);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            await(() -> rt.scheduler().pending() == 1);
            responseId = rt.responses().forCustomer("c1", now).get(0).responseId();
            assertThat(rt.outbox().entries()).isEmpty();
        }
        // Down while the reminder came due (an hour later): the restart sends it, once.
        clock.advance(Duration.ofHours(2));
        try (LocalRuntime rt = LocalFlow.start(LocalFlow.options(clock, data))) {
            await(() -> rt.outbox().entries().size() == 1);
            assertThat(rt.outbox().entries()).extracting(Outbox.Entry::responseId).containsExactly(responseId);
            // Fire = send, then delete: the send may reach the outbox before the schedule's delete lands.
            await(() -> rt.scheduler().pending() == 0);
            Thread.sleep(1000);
            assertThat(rt.outbox().entries()).as("sent once").hasSize(1);
            LocalFlow.awaitStatus(rt, responseId, ResponseStatus.SENT);
        }
    }

    @Test
    void aHeldComplaintIsApprovedWithEditedTextOverHttp() throws Exception {
        Instant now = Instant.parse("2026-03-02T10:00:00Z");
        try (LocalRuntime rt = LocalFlow.start(LocalFlow.options(new FastClock(now, 1), null))) {
            String body = "{\"type\":\"social.mention\",\"occurredAt\":\"" + now + "\",\"customerRef\":{\"x\":\"@loud\"},"
                    + "\"attributes\":{\"sentiment\":\"negative\",\"followers\":50000,\"text\":\"never again\"}}";
            assertThat(post(rt, "msg_loud_1", body, now).statusCode()).isEqualTo(202);

            assertThat(get(rt, "/approvals", null).statusCode()).isEqualTo(401);
            await(() -> {
                try {
                    return Json.mapper().readTree(get(rt, "/approvals", "test-token").body()).get("approvals").size() == 1;
                } catch (Exception e) {
                    return false;
                }
            });
            JsonNode held = Json.mapper().readTree(get(rt, "/approvals", "test-token").body()).get("approvals").get(0);
            String id = held.get("responseId").asText();
            HttpResponse<String> approved = LocalFlow.HTTP.send(HttpRequest.newBuilder(URI.create(rt.baseUrl() + "/approvals/" + id + "/approve"))
                    .header("Authorization", "Bearer test-token").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"We are sorry - a person is on it now.\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);

            await(() -> rt.outbox().entries().size() == 1);
            assertThat(rt.outbox().entries().get(0).text()).isEqualTo("We are sorry - a person is on it now.");
            assertThat(rt.outbox().entries().get(0).channel()).isEqualTo(Channel.SOCIAL);
            LocalFlow.awaitStatus(rt, id, ResponseStatus.SENT);
            assertThat(rt.scheduler().pending()).as("the deadline schedule is gone").isZero();

            HttpResponse<String> timeline = get(rt, "/customers/unknown/timeline", "test-token");
            assertThat(timeline.statusCode()).isLessThan(500);
            HttpResponse<String> page = get(rt, "/", null);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            assertThat(page.body()).contains("Waiting for approval").contains("<script>");
        }
    }
}
