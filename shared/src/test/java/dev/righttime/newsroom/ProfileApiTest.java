package dev.righttime.newsroom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.righttime.aws.DynamoDbProfileStore;
import dev.righttime.aws.Tables;
import dev.righttime.flow.DecideService;
import dev.righttime.flow.Erasure;
import dev.righttime.model.Channel;
import dev.righttime.model.CustomerRef;
import dev.righttime.model.Json;
import dev.righttime.model.ResponseIds;
import dev.righttime.model.ResponseStatus;
import dev.righttime.model.Signal;
import dev.righttime.model.SignalType;
import dev.righttime.policy.Playbook;
import dev.righttime.testing.DecideFixture;
import dev.righttime.testing.DynamoDbLocal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The profile API through the newsroom's routes, on DynamoDB Local. */
class ProfileApiTest {

    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    static final String TOKEN = "test-admin-token";
    static final AtomicInteger RUN = new AtomicInteger();
    static DynamoDbLocal dynamo;
    DecideFixture world;
    Tables.Names names;
    NewsroomApi api;
    Timeline timeline;

    @BeforeAll
    static void start() {
        dynamo = DynamoDbLocal.start();
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    @BeforeEach
    void fresh() {
        String prefix = "prof" + RUN.incrementAndGet() + "-";
        world = new DecideFixture(dynamo, prefix, T0);
        names = Tables.Names.withPrefix(prefix);
        DynamoDbProfileStore profiles = new DynamoDbProfileStore(dynamo.client(), names.profiles());
        timeline = new Timeline(world.ledger, world.responses);
        api = new NewsroomApi(new Approvals(world.responses, world.scheduler, null, world.clock), timeline, world.responses,
                new Approver(TOKEN), world.clock)
                .withProfiles(new ProfileRoutes(world.customers,
                        new Erasure(world.customers, profiles, world.ledger, world.responses, world.scheduler, world.clock),
                        Playbook.defaults().brand().defaultQuietHours(), world.clock));
    }

    NewsroomApi.Answer call(String method, String path, String body, String... headers) {
        Map<String, String> h = new HashMap<>();
        h.put("authorization", "Bearer " + TOKEN);
        for (int i = 0; i < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        return api.handle(new NewsroomApi.Request(method, path, Map.of(), h, body, null));
    }

    static JsonNode json(NewsroomApi.Answer a) throws Exception {
        return Json.mapper().readTree(a.body());
    }

    @Test
    void putCreatesThenGetReadsItBackWithItsVersion() throws Exception {
        NewsroomApi.Answer created = call("PUT", "/profiles/c1", """
                {"timezone":"Europe/Berlin","consent":{"email":true},"addresses":{"email":"ada@example.com"},"preferredChannel":"email"}""");
        assertThat(created.status()).isEqualTo(201);
        assertThat(json(created).path("version").asLong()).isEqualTo(1);

        NewsroomApi.Answer read = call("GET", "/profiles/c1", null);
        assertThat(read.status()).isEqualTo(200);
        assertThat(json(read).path("customerId").asText()).isEqualTo("c1");
        assertThat(json(read).path("addresses").path("email").asText()).isEqualTo("ada@example.com");
        assertThat(json(read).path("version").asLong()).isEqualTo(1);
        // Its addresses are identities: a signal by email finds the customer.
        assertThat(world.customers.resolve(new Signal("s", "t", SignalType.TICKET_OPENED, T0,
                new CustomerRef(null, "ADA@example.com", null, null), Map.of())).customerId()).isEqualTo("c1");
    }

    @Test
    void twoWritersOfTheSameVersionDoNotOverwriteEachOther() throws Exception {
        call("PUT", "/profiles/c1", "{\"timezone\":\"Europe/Berlin\"}");
        NewsroomApi.Answer first = call("PATCH", "/profiles/c1", "{\"version\":1,\"timezone\":\"Europe/Paris\"}");
        NewsroomApi.Answer second = call("PUT", "/profiles/c1", "{\"timezone\":\"Asia/Tokyo\"}", "If-Match", "\"1\"");

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(409);
        assertThat(json(second).path("error").asText()).isEqualTo("version_conflict");
        assertThat(json(call("GET", "/profiles/c1", null)).path("timezone").asText()).isEqualTo("Europe/Paris");
        assertThat(call("PUT", "/profiles/c9", "{\"version\":3}").status()).as("no such profile at version 3").isEqualTo(409);
        assertThat(call("PUT", "/profiles/c1", "{\"version\":0}").status()).as("version 0: must not exist").isEqualTo(409);
    }

    @Test
    void patchMergesFieldByFieldAndAPartialQuietHoursMergesOverTheDefault() throws Exception {
        call("PUT", "/profiles/c1", "{\"consent\":{\"email\":true},\"addresses\":{\"email\":\"ada@example.com\"}}");
        NewsroomApi.Answer patched = call("PATCH", "/profiles/c1", "{\"consent\":{\"sms\":true},\"quietHours\":{\"end\":\"09:00\"}}");

        JsonNode p = json(patched);
        assertThat(patched.status()).isEqualTo(200);
        assertThat(p.path("consent").path("email").asBoolean()).isTrue();
        assertThat(p.path("consent").path("sms").asBoolean()).isTrue();
        assertThat(java.time.LocalTime.parse(p.path("quietHours").path("start").asText())).isEqualTo("21:00");
        assertThat(java.time.LocalTime.parse(p.path("quietHours").path("end").asText())).isEqualTo("09:00");
        assertThat(p.path("version").asLong()).isEqualTo(2);
    }

    @Test
    void badProfilesAreRefusedWithAClearError() throws Exception {
        assertThat(json(call("PUT", "/profiles/c1", "{\"timzone\":\"Europe/Berlin\"}")).path("message").asText())
                .contains("timzone");
        assertThat(call("PUT", "/profiles/c1", "{\"timezone\":\"Mars/Base\"}").status()).isEqualTo(400);
        assertThat(call("PUT", "/profiles/c1", "{\"customerId\":\"c2\"}").status()).isEqualTo(400);
        assertThat(call("PUT", "/profiles/c1", "[1]").status()).isEqualTo(400);
        assertThat(call("PATCH", "/profiles/c1", "{\"quietHours\":{\"end\":\"25:00\"}}").status()).isEqualTo(400);
        assertThat(call("GET", "/profiles/nobody", null).status()).isEqualTo(404);
        assertThat(call("POST", "/profiles/c1", "{}").status()).isEqualTo(405);
        assertThat(api.handle(new NewsroomApi.Request("GET", "/profiles/c1", Map.of(), Map.of(), null, null)).status())
                .as("newsroom auth").isEqualTo(401);
    }

    @Test
    void erasureLeavesAnEmptyTimelineAndNoPersonalDataInStoredSignalsOrResponses() throws Exception {
        call("PUT", "/profiles/c1", """
                {"consent":{"email":true},"addresses":{"email":"ada@example.com","phone":"+4915112345678"},"preferredChannel":"email"}""");
        DecideService decide = new DecideService(Playbook.defaults(), world.ports(), world.clock);
        decide.handle(new Signal("zendesk:t1", "zendesk", SignalType.TICKET_OPENED, T0,
                new CustomerRef("zendesk:77", "ada@example.com", null, null), Map.of("channel", "email", "subject", "My parcel")));
        decide.handle(new Signal("shopify:c1", "shopify", SignalType.CART_ABANDONED, T0, CustomerRef.ofCustomerId("c1"), Map.of()));
        assertThat(timeline.of("c1")).isNotEmpty();

        NewsroomApi.Answer erased = call("DELETE", "/profiles/c1", null);

        assertThat(erased.status()).isEqualTo(200);
        JsonNode counts = json(erased).path("erased");
        assertThat(counts.path("profiles").asInt()).isEqualTo(1);
        assertThat(counts.path("signals").asInt()).isEqualTo(2);
        assertThat(counts.path("identities").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(timeline.of("c1")).isEmpty();
        assertThat(call("GET", "/profiles/c1", null).status()).isEqualTo(404);
        // Stored signal: kept for dedupe, without who or what.
        Signal kept = world.ledger.get("zendesk:t1").orElseThrow().signal();
        assertThat(kept.customerRef().isEmpty()).isTrue();
        assertThat(kept.attributes()).isEmpty();
        assertThat(Json.mapper().writeValueAsString(world.ledger.get("zendesk:t1").orElseThrow())).doesNotContain("ada@example.com", "c1\"");
        // The pending cart reminder is cancelled and its schedule deleted; no identity leads anywhere.
        String reminder = ResponseIds.of("shopify:c1", "c1", Channel.EMAIL);
        assertThat(world.responses.get(reminder).orElseThrow().status()).isEqualTo(ResponseStatus.CANCELLED);
        assertThat(world.responses.get(reminder).orElseThrow().customerId()).isNull();
        assertThat(world.scheduler.deleted()).isNotEmpty();
        for (CustomerRef ref : new CustomerRef[] {new CustomerRef(null, "ada@example.com", null, null),
                CustomerRef.ofCustomerId("zendesk:77"), new CustomerRef(null, null, "+4915112345678", null)}) {
            assertThat(world.customers.resolve(new Signal("r", "t", SignalType.TICKET_OPENED, T0, ref, Map.of())).isKnown()).isFalse();
        }
        // The erasure itself is recorded, apart from profiles.
        Map<String, AttributeValue> record = dynamo.client().getItem(b -> b.tableName(names.profiles())
                .key(Map.of("customerId", AttributeValue.fromS("erasure#c1")))).item();
        assertThat(record).containsKeys("erasedAt", "erasedBy");
        assertThat(record.get("erasedBy").s()).isEqualTo(Approver.ADMIN);
        // A redelivery of an erased signal stays a duplicate.
        assertThat(decide.handle(new Signal("zendesk:t1", "zendesk", SignalType.TICKET_OPENED, T0,
                new CustomerRef("zendesk:77", "ada@example.com", null, null), Map.of("channel", "email"))))
                .singleElement().extracting(d -> d.outcome().name()).isEqualTo("DUPLICATE");
    }
}
