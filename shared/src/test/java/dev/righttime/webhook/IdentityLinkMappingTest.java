package dev.righttime.webhook;

import static dev.righttime.webhook.IntakeFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * The providers' own ids linked to email, phone and handle: one realistic payload per provider
 * (shapes of the providers' documented events), mapped to a reference that names them together.
 */
class IdentityLinkMappingTest {

    private final IntakeFixture f = new IntakeFixture();

    private JsonNode accepted(IntakeResult r) {
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return f.queue.last();
    }

    @Test
    void stripeCustomerCreatedAndUpdatedLinkTheCustomerIdToItsEmailAndPhone() {
        for (String type : new String[] {"customer.created", "customer.updated"}) {
            String body = """
                    {"id":"evt_%s","object":"event","type":"%s","created":1772396990,
                     "data":{"object":{"id":"cus_NffrFeUfNV2Hib","object":"customer","email":"jenny.rosen@example.com",
                     "phone":"+14155550100","name":"Jenny Rosen"}}}""".formatted(type.replace('.', '_'), type);
            JsonNode s = accepted(f.post("stripe", IntakeFixture.stripe(NOW, body), body));
            assertThat(s.path("type").asText()).isEqualTo("profile.updated");
            assertThat(s.path("customerRef").path("customerId").asText()).isEqualTo("stripe:cus_NffrFeUfNV2Hib");
            assertThat(s.path("customerRef").path("email").asText()).isEqualTo("jenny.rosen@example.com");
            assertThat(s.path("customerRef").path("phone").asText()).isEqualTo("+14155550100");
            assertThat(s.path("attributes").isEmpty()).as("a link overwrites no profile field").isTrue();
        }
    }

    @Test
    void stripeSubscriptionDeletedEndsTheSubscription() {
        String body = """
                {"id":"evt_del","object":"event","type":"customer.subscription.deleted","created":1772396990,
                 "data":{"object":{"id":"sub_9","object":"subscription","customer":"cus_Ada1","status":"canceled"}}}""";
        JsonNode s = accepted(f.post("stripe", IntakeFixture.stripe(NOW, body), body));
        assertThat(s.path("type").asText()).isEqualTo("account.cancel_requested");
        assertThat(s.path("attributes").path("subscriptionEnded").asBoolean()).isTrue();
    }

    @Test
    void zendeskUserCreatedLinksTheUserIdToItsEmail() {
        String body = """
                {"account_id":12514403,"detail":{"created_at":"2026-03-01T20:28:00Z","email":"ken@example.com",
                 "external_id":null,"id":"7788","organization_id":null,"role":"end-user","updated_at":"2026-03-01T20:28:00Z"},
                 "event":{},"id":"2d7c4a5e-user","subject":"zen:user:7788","time":"2026-03-01T20:28:01Z",
                 "type":"zen:event-type:user.created","zendesk_event_version":"2022-11-06"}""";
        JsonNode s = accepted(f.post("zendesk", IntakeFixture.zendesk("2026-03-01T20:29:30Z", body), body));
        assertThat(s.path("type").asText()).isEqualTo("profile.updated");
        assertThat(s.path("customerRef").path("customerId").asText()).isEqualTo("zendesk:7788");
        assertThat(s.path("customerRef").path("email").asText()).isEqualTo("ken@example.com");
    }

    @Test
    void aZendeskTicketNamesTheRequesterByIdAndEmailAndAWebFormTicketHasNoChannel() {
        String body = """
                {"account_id":12514403,"detail":{"id":"35436","requester_id":"7788","requester":{"email":"ken@example.com"},
                 "subject":"Where is my order?","via":{"channel":"web"},"created_at":"2026-03-01T20:28:00Z"},
                 "id":"cbe4028c-web","subject":"zen:ticket:35436","time":"2026-03-01T20:28:01Z","type":"zen:event-type:ticket.created"}""";
        JsonNode s = accepted(f.post("zendesk", IntakeFixture.zendesk("2026-03-01T20:29:30Z", body), body));
        assertThat(s.path("customerRef").path("customerId").asText()).isEqualTo("zendesk:7788");
        assertThat(s.path("customerRef").path("email").asText()).isEqualTo("ken@example.com");
        assertThat(s.path("attributes").has("channel")).isFalse();
    }

    @Test
    void shopifyCheckoutNamesTheShopCustomerWithEmailAndPhone() {
        String checkout = """
                {"id":35132406562,"token":"e1c4f2","email":"ada@example.com","phone":null,"created_at":"2026-03-01T20:25:00Z",
                 "customer":{"id":207119551,"email":"ada@example.com","phone":"+4915112345678"}}""";
        JsonNode s = accepted(f.post("shopify", IntakeFixture.shopify("checkouts/create", "evt-l1", checkout), checkout));
        assertThat(s.path("customerRef").path("customerId").asText()).isEqualTo("shopify:207119551");
        assertThat(s.path("customerRef").path("email").asText()).isEqualTo("ada@example.com");
        assertThat(s.path("customerRef").path("phone").asText()).isEqualTo("+4915112345678");
    }

    @Test
    void segmentIdentifyNamesTheUserIdWithTheTraitsEmailAndPhone() {
        String body = """
                {"type":"identify","messageId":"ajs-id-1","userId":"97980cfea0067","timestamp":"2026-03-01T20:20:00.000Z",
                 "traits":{"email":"peter@example.com","phone":"+14155550123","name":"Peter Gibbons"}}""";
        JsonNode s = accepted(f.post("segment", IntakeFixture.segment(body), body));
        assertThat(s.path("type").asText()).isEqualTo("profile.updated");
        assertThat(s.path("customerRef").path("customerId").asText()).isEqualTo("97980cfea0067");
        assertThat(s.path("customerRef").path("email").asText()).isEqualTo("peter@example.com");
        assertThat(s.path("customerRef").path("phone").asText()).isEqualTo("+14155550123");
    }

    @Test
    void anXMentionNamesItsAuthorByUserIdAndHandle() {
        String body = """
                {"for_user_id":"2244994945","tweet_create_events":[
                 {"id_str":"1767000000000000009","created_at":"Sun Mar 01 20:29:00 +0000 2026","text":"@brand hello",
                  "user":{"id_str":"6253282","screen_name":"Ada","followers_count":15}}]}""";
        JsonNode s = accepted(f.post("x", IntakeFixture.x(body), body));
        assertThat(s.path("customerRef").path("customerId").asText()).isEqualTo("x:6253282");
        assertThat(s.path("customerRef").path("x").asText()).isEqualTo("@Ada");
    }

    @Test
    void anEventTimeMoreThanFiveMinutesAheadIsRefusedAndNothingIsQueued() {
        String cart = """
                {"id":1,"token":"t","email":"ada@example.com","created_at":"9999-12-31T23:00:00Z"}""";
        IntakeResult r = f.post("shopify", IntakeFixture.shopify("checkouts/create", "evt-far", cart), cart);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("\"error\":\"event_in_future\"");
        String soon = """
                {"id":2,"token":"t2","email":"ada@example.com","created_at":"2026-03-01T20:34:59Z"}""";
        assertThat(f.post("shopify", IntakeFixture.shopify("checkouts/create", "evt-soon", soon), soon).status())
                .as("within the tolerance of clock skew").isEqualTo(202);
        assertThat(f.queue.messages).hasSize(1);
    }
}
