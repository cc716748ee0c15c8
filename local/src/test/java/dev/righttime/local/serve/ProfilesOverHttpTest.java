package dev.righttime.local.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.righttime.local.profiles.ImportCommand;
import dev.righttime.model.Decision;
import dev.righttime.model.Json;
import dev.righttime.model.Outcome;
import dev.righttime.model.Reason;
import dev.righttime.send.Outbox;
import dev.righttime.webhook.StripeScheme;
import dev.righttime.webhook.ZendeskScheme;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One customer across every tool, through serve's HTTP routes: the profile import CLI, a Stripe
 * customer first seen in customer.created answered by email when they ask to cancel, a year-old
 * cart suppressed, and an erasure that leaves an empty timeline.
 */
class ProfilesOverHttpTest {

    static final String TOKEN = LocalFlow.ENV.get("RIGHTTIME_ADMIN_TOKEN");
    static final String STRIPE_SECRET = "whsec_profiles_over_http";
    static final String ZENDESK_SECRET = "zendesk-profiles-over-http";
    static FastClock clock;
    static LocalRuntime rt;

    @BeforeAll
    static void start() throws Exception {
        clock = new FastClock(Instant.parse("2026-03-02T10:00:00Z"), 1);
        Map<String, String> env = new HashMap<>(LocalFlow.ENV);
        env.put("RIGHTTIME_SECRET_STRIPE", STRIPE_SECRET);
        env.put("RIGHTTIME_SECRET_ZENDESK", ZENDESK_SECRET);
        rt = new LocalRuntime(LocalRuntime.Options.defaults().withPort(0).withClock(clock).withEnv(env::get));
    }

    @AfterAll
    static void stop() {
        if (rt != null) {
            rt.close();
        }
    }

    static HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(rt.baseUrl() + path)).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return LocalFlow.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> stripe(String body) throws Exception {
        long t = clock.instant().getEpochSecond();
        return LocalFlow.HTTP.send(HttpRequest.newBuilder(URI.create(rt.baseUrl() + "/webhooks/stripe"))
                .header("Content-Type", "application/json")
                .header("Stripe-Signature", StripeScheme.sign(STRIPE_SECRET, t, body.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> zendesk(String body) throws Exception {
        String ts = clock.instant().toString();
        return LocalFlow.HTTP.send(HttpRequest.newBuilder(URI.create(rt.baseUrl() + "/webhooks/zendesk"))
                .header("Content-Type", "application/json")
                .header(ZendeskScheme.SIGNATURE, ZendeskScheme.sign(ZENDESK_SECRET, ts, body.getBytes(StandardCharsets.UTF_8)))
                .header(ZendeskScheme.TIMESTAMP, ts)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static Decision awaitDecision(String signalId) throws InterruptedException {
        LocalFlow.await(() -> find(signalId).isPresent());
        return find(signalId).orElseThrow();
    }

    static Optional<Decision> find(String signalId) {
        return rt.decisions().latest(200).stream().filter(d -> d.signalId().equals(signalId)).findFirst();
    }

    @Test
    void importPutsEveryGoodLineAndSummarisesTheRejectedOnes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("profiles.jsonl");
        Files.writeString(file, String.join("\n",
                "{\"customerId\":\"imp-1\",\"consent\":{\"email\":true},\"addresses\":{\"email\":\"imp1@example.com\"}}",
                "",
                "{\"customerId\":\"imp-2\",\"timezone\":\"Mars/Base\"}",
                "not json",
                "{\"customerId\":\"stripe:cus_imp3\",\"addresses\":{\"phone\":\"+4915100000077\"}}",
                "{\"addresses\":{}}"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = ImportCommand.run(List.of("--profiles", file.toString(), "--url", rt.baseUrl(), "--token", TOKEN),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), k -> null);

        String summary = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).isEqualTo(1);
        assertThat(summary).startsWith("imported 2 profiles (2 created, 0 replaced), 3 rejected");
        assertThat(summary).contains("profiles.jsonl:3: 400 invalid_profile: ", "profiles.jsonl:4: not a JSON object",
                "profiles.jsonl:6: a profile is one JSON object with a customerId");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("import: 6/6 lines");
        assertThat(call("GET", "/profiles/imp-1", null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/profiles/stripe%3Acus_imp3", null).statusCode()).isEqualTo(200);

        Files.writeString(file, "{\"customerId\":\"imp-1\",\"timezone\":\"Europe/Berlin\"}\n");
        out.reset();
        assertThat(ImportCommand.run(List.of("--profiles", file.toString(), "--url", rt.baseUrl(), "--token", TOKEN),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), k -> null))
                .isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("imported 1 profiles (0 created, 1 replaced), 0 rejected");
        out.reset();
        assertThat(ImportCommand.run(List.of("--profiles", file.toString(), "--url", rt.baseUrl(), "--token", "wrong"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), k -> null))
                .isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("the API refused the token (401)", "stopped early");
        assertThat(ImportCommand.run(List.of("--profiles", file.toString()), new PrintStream(out), new PrintStream(err), k -> null))
                .isEqualTo(2);
    }

    @Test
    void aStripeCustomerFirstSeenInCustomerCreatedIsAnsweredByEmailAtOnce() throws Exception {
        long created = clock.instant().getEpochSecond();
        HttpResponse<String> link = stripe("""
                {"id":"evt_cc_1","object":"event","type":"customer.created","created":%d,
                 "data":{"object":{"id":"cus_Http1","object":"customer","email":"leo@example.com","name":"Leo"}}}""".formatted(created));
        assertThat(link.statusCode()).as(link.body()).isEqualTo(202);
        awaitDecision("stripe:evt_cc_1");

        HttpResponse<String> cancel = stripe("""
                {"id":"evt_cancel_1","object":"event","type":"customer.subscription.updated","created":%d,
                 "data":{"object":{"id":"sub_1","object":"subscription","customer":"cus_Http1","cancel_at_period_end":true},
                 "previous_attributes":{"cancel_at_period_end":false}}}""".formatted(created));
        assertThat(cancel.statusCode()).isEqualTo(202);

        Decision d = awaitDecision("stripe:evt_cancel_1");
        assertThat(d.outcome()).isEqualTo(Outcome.SEND_NOW);
        assertThat(d.reasons()).contains(Reason.RETENTION_OFFER);
        LocalFlow.await(() -> rt.outbox().entries().stream().anyMatch(e -> e.signalId().equals("stripe:evt_cancel_1")));
        Outbox.Entry sent = rt.outbox().entries().stream().filter(e -> e.signalId().equals("stripe:evt_cancel_1")).findFirst().orElseThrow();
        assertThat(sent.to()).isEqualTo("leo@example.com");
    }

    @Test
    void aSignedCartDatedLastYearIsSuppressedAsStale() throws Exception {
        assertThat(call("PUT", "/profiles/old-cart", "{\"consent\":{\"email\":true},\"addresses\":{\"email\":\"old@example.com\"}}")
                .statusCode()).isEqualTo(201);
        String cart = "{\"type\":\"commerce.cart_abandoned\",\"occurredAt\":\"" + clock.instant().minus(Duration.ofDays(365))
                + "\",\"customerRef\":{\"customerId\":\"old-cart\"}}";
        assertThat(LocalFlow.post(rt, "msg_old_cart", cart, clock.instant()).statusCode()).isEqualTo(202);

        Decision d = awaitDecision("standard:msg_old_cart");
        assertThat(d.outcome()).isEqualTo(Outcome.SUPPRESS);
        assertThat(d.reasons()).containsExactly(Reason.STALE);
    }

    @Test
    void anErasedCustomersTimelineIsEmpty() throws Exception {
        assertThat(call("PUT", "/profiles/gone", "{\"consent\":{\"email\":true},\"addresses\":{\"email\":\"gone@example.com\"}}")
                .statusCode()).isEqualTo(201);
        String ticket = "{\"type\":\"support.ticket_opened\",\"occurredAt\":\"" + clock.instant()
                + "\",\"customerRef\":{\"email\":\"gone@example.com\"},\"attributes\":{\"channel\":\"email\",\"subject\":\"help\"}}";
        assertThat(LocalFlow.post(rt, "msg_gone_1", ticket, clock.instant()).statusCode()).isEqualTo(202);
        awaitDecision("standard:msg_gone_1");
        JsonNode before = Json.mapper().readTree(call("GET", "/customers/gone/timeline", null).body());
        assertThat(before.path("events").size()).isPositive();

        HttpResponse<String> erased = call("DELETE", "/profiles/gone", null);

        assertThat(erased.statusCode()).isEqualTo(200);
        JsonNode after = Json.mapper().readTree(call("GET", "/customers/gone/timeline", null).body());
        assertThat(after.path("events").size()).isZero();
        assertThat(call("GET", "/profiles/gone", null).statusCode()).isEqualTo(404);
    }

    @Test
    void aZendeskTicketFromARequesterLinkedByAUserEventReachesThePreferredChannel() throws Exception {
        assertThat(call("PUT", "/profiles/kim", """
                {"consent":{"sms":true},"addresses":{"email":"kim@example.com","phone":"+4915100000042"},"preferredChannel":"sms"}""")
                .statusCode()).isEqualTo(201);
        String now = clock.instant().toString();
        HttpResponse<String> user = zendesk("""
                {"account_id":1,"detail":{"created_at":"%s","email":"kim@example.com","id":"9001","role":"end-user"},
                 "event":{},"id":"zd-user-9001","subject":"zen:user:9001","time":"%s","type":"zen:event-type:user.created"}"""
                .formatted(now, now));
        assertThat(user.statusCode()).as(user.body()).isEqualTo(202);
        assertThat(awaitDecision("zendesk:zd-user-9001").reasons()).contains(Reason.IDENTITY_LINKED);

        HttpResponse<String> ticket = zendesk("""
                {"account_id":1,"detail":{"id":"501","requester_id":"9001","subject":"Where is my order?","via":{"channel":"web"},
                 "created_at":"%s"},"id":"zd-ticket-501","subject":"zen:ticket:501","time":"%s","type":"zen:event-type:ticket.created"}"""
                .formatted(now, now));
        assertThat(ticket.statusCode()).isEqualTo(202);

        Decision d = awaitDecision("zendesk:zd-ticket-501");
        assertThat(d.customerId()).isEqualTo("kim");
        assertThat(d.channel()).isEqualTo(dev.righttime.model.Channel.SMS);
        LocalFlow.await(() -> rt.outbox().entries().stream().anyMatch(e -> e.signalId().equals("zendesk:zd-ticket-501")));
        assertThat(rt.outbox().entries().stream().filter(e -> e.signalId().equals("zendesk:zd-ticket-501")).findFirst().orElseThrow().to())
                .isEqualTo("+4915100000042");
    }
}
