package dev.righttime.webhook;

import dev.righttime.model.Channel;
import static dev.righttime.webhook.IntakeFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.righttime.model.Channel;
import dev.righttime.model.Json;
import dev.righttime.model.Signal;
import dev.righttime.port.DeliveryLedger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Accepted, duplicate, ignored and retried deliveries, and what each source's payload maps to. */
class IntakeTest {

    private final IntakeFixture f = new IntakeFixture();

    // --- mapping, one realistic payload per source -------------------------------------------

    @Test
    void standardWebhooksBodyIsTheCanonicalSignalWithTheDeliveryIdAsSignalId() throws Exception {
        String body = "{\"signalId\":\"ignored\",\"type\":\"social.mention\",\"occurredAt\":\"2026-03-01T20:29:00Z\","
                + "\"customerRef\":{\"x\":\"@ada\"},\"attributes\":{\"sentiment\":\"negative\",\"followers\":12000}}";
        IntakeResult r = f.post("standard", IntakeFixture.standard("msg_2AbC", NOW, body), body);

        assertThat(r.status()).isEqualTo(202);
        assertThat(r.body()).isEqualTo("{\"status\":\"accepted\",\"signalId\":\"standard:msg_2AbC\"}");
        Signal s = Json.mapper().readValue(f.queue.messages.get(0), Signal.class);
        assertThat(s.signalId()).isEqualTo("standard:msg_2AbC");
        assertThat(s.source()).isEqualTo("standard");
        assertThat(s.type().wire()).isEqualTo("social.mention");
        assertThat(s.customerRef().x()).isEqualTo("@ada");
        assertThat(s.longAttribute("followers", 0)).isEqualTo(12000);
    }

    @Test
    void stripeCancelAtPeriodEndIsACancelRequestForTheStripeCustomer() {
        String body = """
                {"id":"evt_1Q2w3E","object":"event","type":"customer.subscription.updated","created":1772396990,
                 "data":{"object":{"id":"sub_9","object":"subscription","customer":"cus_Ada1","cancel_at_period_end":true,
                 "cancel_at":1774988400},"previous_attributes":{"cancel_at_period_end":false}}}""";
        IntakeResult r = f.post("stripe", IntakeFixture.stripe(NOW, body), body);

        assertThat(r.status()).isEqualTo(202);
        JsonNode s = f.queue.last();
        assertThat(s.path("signalId").asText()).isEqualTo("stripe:evt_1Q2w3E");
        assertThat(s.path("type").asText()).isEqualTo("account.cancel_requested");
        assertThat(s.path("occurredAt").asText()).isEqualTo("2026-03-01T20:29:50Z");
        assertThat(s.path("customerRef").path("customerId").asText()).isEqualTo("stripe:cus_Ada1");
        assertThat(s.path("attributes").path("subscriptionId").asText()).isEqualTo("sub_9");
        assertThat(s.path("attributes").path("cancelAt").asText()).isEqualTo("2026-03-31T20:20:00Z");
    }

    @Test
    void stripeEventsWeDoNotActOnAreIgnoredAndLeaveNoTrace() {
        String invoice = "{\"id\":\"evt_inv\",\"type\":\"invoice.paid\",\"created\":1772396990,\"data\":{\"object\":{}}}";
        String notCancelling = """
                {"id":"evt_up","type":"customer.subscription.updated","created":1772396990,
                 "data":{"object":{"customer":"cus_1","cancel_at_period_end":false}}}""";
        String alreadyCancelling = """
                {"id":"evt_up2","type":"customer.subscription.updated","created":1772396990,
                 "data":{"object":{"customer":"cus_1","cancel_at_period_end":true},"previous_attributes":{"quantity":1}}}""";
        for (String body : new String[] {invoice, notCancelling, alreadyCancelling}) {
            IntakeResult r = f.post("stripe", IntakeFixture.stripe(NOW, body), body);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("{\"status\":\"ignored\"}");
        }
        assertThat(f.queue.messages).isEmpty();
        assertThat(f.ledger.state("stripe:evt_inv")).isNull();
    }

    @Test
    void shopifyCheckoutIsACartAbandonedByEmailAndOrderAnOrderPlaced() {
        String checkout = """
                {"id":35132406562,"token":"e1c4f2","email":"ada@example.com","created_at":"2026-03-01T21:25:00+01:00",
                 "abandoned_checkout_url":"https://shop.example.com/checkouts/e1c4f2/recover","total_price":"59.00","currency":"EUR",
                 "customer":{"id":207119551,"email":"ada@example.com"}}""";
        assertThat(f.post("shopify", IntakeFixture.shopify("checkouts/create", "evt-c1", checkout), checkout).status()).isEqualTo(202);
        JsonNode cart = f.queue.last();
        assertThat(cart.path("signalId").asText()).isEqualTo("shopify:evt-c1");
        assertThat(cart.path("type").asText()).isEqualTo("commerce.cart_abandoned");
        assertThat(cart.path("occurredAt").asText()).isEqualTo("2026-03-01T20:25:00Z");
        assertThat(cart.path("customerRef").path("email").asText()).isEqualTo("ada@example.com");
        assertThat(cart.path("attributes").path("url").asText()).endsWith("/recover");

        String order = "{\"id\":820982911946154508,\"created_at\":\"2026-03-01T20:34:00Z\",\"customer\":{\"id\":207119551}}";
        Map<String, String> h = new java.util.HashMap<>(IntakeFixture.shopify("orders/create", "ignored", order));
        h.remove("X-Shopify-Event-Id");
        h.put("X-Shopify-Webhook-Id", "wh-77");
        assertThat(f.post("shopify", h, order).status()).isEqualTo(202);
        JsonNode placed = f.queue.last();
        assertThat(placed.path("signalId").asText()).isEqualTo("shopify:wh-77");
        assertThat(placed.path("type").asText()).isEqualTo("commerce.order_placed");
        assertThat(placed.path("customerRef").path("customerId").asText()).isEqualTo("shopify:207119551");
    }

    @Test
    void zendeskTicketCreatedIsATicketOpenedOnItsChannel() {
        String body = """
                {"account_id":12514403,"detail":{"id":"35436","requester_id":"1998","subject":"Where is my order?",
                 "via":{"channel":"native_messaging"},"created_at":"2026-03-01T20:28:00Z"},
                 "id":"cbe4028c-7239-495d-b020-f22348516046","subject":"zen:ticket:35436",
                 "time":"2026-03-01T20:28:01Z","type":"zen:event-type:ticket.created","zendesk_event_version":"2022-11-06"}""";
        IntakeResult r = f.post("zendesk", IntakeFixture.zendesk("2026-03-01T20:29:30Z", body), body);

        assertThat(r.status()).isEqualTo(202);
        JsonNode s = f.queue.last();
        assertThat(s.path("signalId").asText()).isEqualTo("zendesk:cbe4028c-7239-495d-b020-f22348516046");
        assertThat(s.path("type").asText()).isEqualTo("support.ticket_opened");
        assertThat(s.path("customerRef").path("customerId").asText()).isEqualTo("zendesk:1998");
        assertThat(s.path("attributes").path("channel").asText()).isEqualTo("chat");
    }

    @Test
    void zendeskChannelsMapToOursAndWebFormsHaveNone() {
        assertThat(ZendeskMapper.channelOf("email")).contains(Channel.EMAIL);
        assertThat(ZendeskMapper.channelOf("web")).isEmpty();
        assertThat(ZendeskMapper.channelOf("api")).isEmpty();
        assertThat(ZendeskMapper.channelOf(null)).isEmpty();
        assertThat(ZendeskMapper.channelOf("chat")).contains(Channel.CHAT);
        assertThat(ZendeskMapper.channelOf("SMS")).contains(Channel.SMS);
        assertThat(ZendeskMapper.channelOf("twitter")).contains(Channel.SOCIAL);
        assertThat(ZendeskMapper.channelOf("facebook")).contains(Channel.SOCIAL);
    }

    @Test
    void segmentTrackAndIdentifyMapByEventName() {
        String viewed = """
                {"type":"track","event":"Product Viewed","messageId":"ajs-next-1","userId":"c1",
                 "timestamp":"2026-03-01T20:20:00.000Z","properties":{"product_id":"507f1f77","name":"Rain jacket","price":79}}""";
        assertThat(f.post("segment", IntakeFixture.segment(viewed), viewed).status()).isEqualTo(202);
        JsonNode s = f.queue.last();
        assertThat(s.path("signalId").asText()).isEqualTo("segment:ajs-next-1");
        assertThat(s.path("type").asText()).isEqualTo("commerce.product_viewed");
        assertThat(s.path("customerRef").path("customerId").asText()).isEqualTo("c1");
        assertThat(s.path("attributes").path("productId").asText()).isEqualTo("507f1f77");

        String identify = """
                {"type":"identify","messageId":"ajs-next-2","anonymousId":"a1","timestamp":"2026-03-01T20:21:00Z",
                 "traits":{"email":"ada@example.com","timezone":"Europe/Paris","firstName":"Ada"}}""";
        assertThat(f.post("segment", IntakeFixture.segment(identify), identify).status()).isEqualTo(202);
        JsonNode p = f.queue.last();
        assertThat(p.path("type").asText()).isEqualTo("profile.updated");
        assertThat(p.path("customerRef").path("email").asText()).isEqualTo("ada@example.com");
        assertThat(p.path("attributes").path("timezone").asText()).isEqualTo("Europe/Paris");
        assertThat(p.path("attributes").path("attributes").path("firstName").asText()).isEqualTo("Ada");

        String page = "{\"type\":\"page\",\"messageId\":\"ajs-next-3\",\"timestamp\":\"2026-03-01T20:22:00Z\"}";
        assertThat(f.post("segment", IntakeFixture.segment(page), page).body()).isEqualTo("{\"status\":\"ignored\"}");
        String other = "{\"type\":\"track\",\"event\":\"Coupon Entered\",\"messageId\":\"m4\",\"timestamp\":\"2026-03-01T20:22:00Z\"}";
        assertThat(f.post("segment", IntakeFixture.segment(other), other).body()).isEqualTo("{\"status\":\"ignored\"}");
        assertThat(f.queue.messages).hasSize(2);
    }

    @Test
    void xMentionsBecomeSocialMentionsAndTheAccountsOwnTweetsAreSkipped() {
        String body = """
                {"for_user_id":"2244994945","tweet_create_events":[
                 {"id_str":"1767000000000000001","created_at":"Sun Mar 01 20:29:00 +0000 2026","text":"@brand my parcel is lost!",
                  "user":{"id_str":"6253282","screen_name":"ada","followers_count":15000}},
                 {"id_str":"1767000000000000002","timestamp_ms":"1772396950000","text":"we are on it",
                  "user":{"id_str":"2244994945","screen_name":"brand","followers_count":90000}}]}""";
        IntakeResult r = f.post("x", IntakeFixture.x(body), body);

        assertThat(r.status()).isEqualTo(202);
        assertThat(f.queue.messages).hasSize(1);
        JsonNode s = f.queue.last();
        assertThat(s.path("signalId").asText()).isEqualTo("x:1767000000000000001");
        assertThat(s.path("type").asText()).isEqualTo("social.mention");
        assertThat(s.path("occurredAt").asText()).isEqualTo("2026-03-01T20:29:00Z");
        assertThat(s.path("customerRef").path("x").asText()).isEqualTo("@ada");
        assertThat(s.path("attributes").path("followers").asLong()).isEqualTo(15000);
        assertThat(s.path("attributes").path("sentiment").asText()).isEqualTo("unknown");
        assertThat(s.path("attributes").path("url").asText()).isEqualTo("https://x.com/ada/status/1767000000000000001");

        String likes = "{\"for_user_id\":\"2244994945\",\"favorite_events\":[{\"id\":\"f1\"}]}";
        assertThat(f.post("x", IntakeFixture.x(likes), likes).body()).isEqualTo("{\"status\":\"ignored\"}");
    }

    @Test
    void xRetweetsAndQuotesOfTheBrandsRepliesAreMarkedForThePlaybookToIgnore() {
        String body = """
                {"for_user_id":"2244994945","tweet_create_events":[
                 {"id_str":"1767000000000000011","timestamp_ms":"1772396950000","text":"RT @brand: we are on it",
                  "user":{"id_str":"6253282","screen_name":"ada","followers_count":15},
                  "retweeted_status":{"id_str":"1767000000000000002","user":{"id_str":"2244994945","screen_name":"brand"}}},
                 {"id_str":"1767000000000000012","timestamp_ms":"1772396951000","text":"sure you are",
                  "user":{"id_str":"6253283","screen_name":"bob","followers_count":15},
                  "quoted_status":{"id_str":"1767000000000000002","in_reply_to_status_id_str":"1767000000000000001",
                                   "user":{"id_str":"2244994945","screen_name":"brand"}}},
                 {"id_str":"1767000000000000013","timestamp_ms":"1772396952000","text":"@brand still lost","conversation_id_str":"1767000000000000001",
                  "user":{"id_str":"6253282","screen_name":"ada","followers_count":15}}]}""";
        IntakeResult r = f.post("x", IntakeFixture.x(body), body);

        assertThat(r.status()).isEqualTo(202);
        assertThat(f.queue.messages).hasSize(3);
        List<JsonNode> signals = f.queue.messages.stream().map(m -> {
            try {
                return dev.righttime.model.Json.mapper().readTree(m);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        assertThat(signals.get(0).path("attributes").path("retweet").asBoolean()).isTrue();
        assertThat(signals.get(1).path("attributes").path("quotesBrandReply").asBoolean()).isTrue();
        assertThat(signals.get(1).path("attributes").has("retweet")).isFalse();
        assertThat(signals.get(2).path("attributes").path("conversationId").asText()).isEqualTo("1767000000000000001");
        assertThat(signals.get(2).path("attributes").has("retweet")).isFalse();
        assertThat(signals.get(2).path("attributes").has("quotesBrandReply")).isFalse();
    }

    @Test
    void xCrcChallengeIsAnsweredWithTheHmacOfTheToken() {
        IntakeResult r = f.intake.handle(new WebhookRequest("GET", "x", Map.of(), Map.of("crc_token", "tok"), null, false));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"response_token\":\""
                + XScheme.crcResponse("x-test-consumer-secret".getBytes(java.nio.charset.StandardCharsets.UTF_8), "tok") + "\"}");
    }

    @Test
    void base64BodiesAndACharsetParameterAreAccepted() {
        String body = "{\"type\":\"track\",\"event\":\"Order Completed\",\"messageId\":\"m9\",\"userId\":\"c1\",\"timestamp\":\"2026-03-01T20:22:00Z\"}";
        Map<String, String> h = new java.util.HashMap<>(IntakeFixture.segment(body));
        h.put("Content-Type", "application/json; charset=UTF-8");
        IntakeResult r = f.intake.handle(new WebhookRequest("POST", "segment", h, Map.of(),
                java.util.Base64.getEncoder().encodeToString(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)), true));
        assertThat(r.status()).isEqualTo(202);
        assertThat(f.queue.last().path("type").asText()).isEqualTo("commerce.order_placed");
    }

    // --- dedupe and failures ----------------------------------------------------------------

    @Test
    void aReplayedDeliveryIsADuplicateAndQueuesNothingMore() {
        String body = "{\"id\":1,\"email\":\"ada@example.com\",\"created_at\":\"2026-03-01T20:00:00Z\"}";
        Map<String, String> h = IntakeFixture.shopify("orders/create", "evt-9", body);
        assertThat(f.post("shopify", h, body).status()).isEqualTo(202);
        IntakeResult again = f.post("shopify", h, body);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo("{\"status\":\"duplicate\"}");
        assertThat(f.queue.messages).hasSize(1);
    }

    @Test
    void aShopifyBodyReplayedUnderANewUnsignedEventIdIsADuplicate() {
        String body = "{\"id\":1,\"email\":\"ada@example.com\",\"created_at\":\"2026-03-01T20:00:00Z\"}";
        assertThat(f.post("shopify", IntakeFixture.shopify("orders/create", "evt-20", body), body).status()).isEqualTo(202);
        IntakeResult replay = f.post("shopify", IntakeFixture.shopify("orders/create", "evt-21-forged", body), body);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.body()).isEqualTo("{\"status\":\"duplicate\"}");
        assertThat(f.queue.messages).hasSize(1);
        String other = body.replace("\"id\":1", "\"id\":2");
        assertThat(f.post("shopify", IntakeFixture.shopify("orders/create", "evt-22", other), other).status())
                .as("another body is another delivery").isEqualTo(202);
    }

    @Test
    void aDeliveryIdOverTheKeyLimitIsAPermanent400AndTouchesNothing() {
        String body = "{\"type\":\"support.ticket_opened\",\"occurredAt\":\"2026-03-01T20:00:00Z\",\"customerRef\":{\"email\":\"a@b.c\"}}";
        String id = "msg_" + "x".repeat(3000);
        IntakeResult r = f.post("standard", IntakeFixture.standard(id, NOW, body), body);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("\"error\":\"invalid_id\"");
        assertThat(f.queue.messages).isEmpty();
        assertThat(f.ledger.state("standard:" + id)).isNull();
        String control = "msg_a\u0001b";
        assertThat(f.post("standard", IntakeFixture.standard(control, NOW, body), body).status()).isEqualTo(400);
    }

    @Test
    void aFailedEnqueueAnswers503AndItsRetryIsAcceptedNotADuplicate() {
        String body = "{\"id\":1,\"email\":\"ada@example.com\",\"created_at\":\"2026-03-01T20:00:00Z\"}";
        Map<String, String> h = IntakeFixture.shopify("orders/create", "evt-10", body);
        f.queue.failNext = 1;
        IntakeResult failed = f.post("shopify", h, body);
        assertThat(failed.status()).isEqualTo(503);
        assertThat(failed.body()).contains("\"error\":\"queue_unavailable\"");
        assertThat(f.ledger.state("shopify:evt-10")).isEqualTo(InMemoryDeliveryLedger.State.FAILED);

        assertThat(f.post("shopify", h, body).status()).isEqualTo(202);
        assertThat(f.post("shopify", h, body).status()).isEqualTo(200);
        assertThat(f.queue.messages).hasSize(1);
    }

    @Test
    void aClaimStillInItsLeaseIsInProgressAndACrashedOneIsTakenOver() {
        String body = "{\"id\":1,\"email\":\"ada@example.com\",\"created_at\":\"2026-03-01T20:00:00Z\"}";
        Map<String, String> h = IntakeFixture.shopify("orders/create", "evt-11", body);
        f.ledger.claim("shopify:evt-11", NOW.minusSeconds(10)); // another attempt, 10 s ago, not finished
        IntakeResult busy = f.post("shopify", h, body);
        assertThat(busy.status()).isEqualTo(503);
        assertThat(busy.body()).contains("delivery_in_progress");
        assertThat(f.queue.messages).isEmpty();

        f.ledger.claim("shopify:evt-12", NOW.minusSeconds(31)); // crashed before its send: lease over
        Map<String, String> h12 = IntakeFixture.shopify("orders/create", "evt-12", body);
        assertThat(f.post("shopify", h12, body).status()).isEqualTo(202);
        assertThat(f.queue.messages).hasSize(1);
    }

    @Test
    void anUnavailableLedgerAnswers503AndQueuesNothing() {
        DeliveryLedger down = new DeliveryLedger() {
            public Claim claim(String id, Instant now) {
                throw new LedgerUnavailableException("down", null);
            }

            public void markQueued(String id, Instant now) {
            }

            public void markFailed(String id, Instant now) {
            }
        };
        IntakeFixture.RecordingQueue queue = new IntakeFixture.RecordingQueue();
        Intake intake = new Intake(Sources.defaults(), SecretRefs.of(IntakeFixture.ENV), down, queue, Clock.fixed(NOW, ZoneOffset.UTC));
        String body = "{\"id\":1,\"created_at\":\"2026-03-01T20:00:00Z\"}";
        IntakeResult r = intake.handle(new WebhookRequest("POST", "shopify",
                IntakeFixture.json(IntakeFixture.shopify("orders/create", "e", body)), Map.of(), body, false));
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.body()).contains("ledger_unavailable");
        assertThat(queue.messages).isEmpty();
    }

    @Test
    void aQueuedSignalWhoseMarkFailedIsStillAccepted() {
        InMemoryDeliveryLedger inner = new InMemoryDeliveryLedger();
        DeliveryLedger flaky = new DeliveryLedger() {
            public Claim claim(String id, Instant now) {
                return inner.claim(id, now);
            }

            public void markQueued(String id, Instant now) {
                throw new LedgerUnavailableException("down", null);
            }

            public void markFailed(String id, Instant now) {
                inner.markFailed(id, now);
            }
        };
        IntakeFixture.RecordingQueue queue = new IntakeFixture.RecordingQueue();
        Intake intake = new Intake(Sources.defaults(), SecretRefs.of(IntakeFixture.ENV), flaky, queue, Clock.fixed(NOW, ZoneOffset.UTC));
        String body = "{\"id\":1,\"created_at\":\"2026-03-01T20:00:00Z\"}";
        IntakeResult r = intake.handle(new WebhookRequest("POST", "shopify",
                IntakeFixture.json(IntakeFixture.shopify("orders/create", "e", body)), Map.of(), body, false));
        assertThat(r.status()).isEqualTo(202);
        assertThat(queue.messages).hasSize(1);
        assertThat(inner.state("shopify:e")).isEqualTo(InMemoryDeliveryLedger.State.PENDING);
    }

    @Test
    void aSecretRotatedInBySeveralCommaSeparatedValuesVerifiesWithEither() {
        // RIGHTTIME_SECRET_STRIPE holds "whsec_test_stripe_new,whsec_test_stripe"; the fixture signs with the old one.
        String body = "{\"id\":\"evt_rot\",\"type\":\"invoice.paid\",\"created\":1772396990}";
        assertThat(f.post("stripe", IntakeFixture.stripe(NOW, body), body).status()).isEqualTo(200);
        Map<String, String> withNew = Map.of("Stripe-Signature",
                StripeScheme.sign("whsec_test_stripe_new", NOW.getEpochSecond(), body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(f.post("stripe", withNew, body).status()).isEqualTo(200);
    }

    @Test
    void anUnconfiguredSecretRefusesEverything() {
        Intake intake = new Intake(Sources.defaults(), SecretRefs.of(Map.of()), new InMemoryDeliveryLedger(),
                new IntakeFixture.RecordingQueue(), Clock.fixed(NOW, ZoneOffset.UTC));
        String body = "{}";
        IntakeResult r = intake.handle(new WebhookRequest("POST", "segment",
                IntakeFixture.json(IntakeFixture.segment(body)), Map.of(), body, false));
        assertThat(r.status()).isEqualTo(401);
    }

}
