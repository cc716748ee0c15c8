package dev.righttime.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.amazonaws.services.lambda.runtime.tests.annotations.Events;
import com.fasterxml.jackson.databind.JsonNode;
import dev.righttime.model.Json;
import dev.righttime.port.MessageQueue;
import dev.righttime.webhook.InMemoryDeliveryLedger;
import dev.righttime.webhook.SecretRefs;
import dev.righttime.webhook.Sources;
import dev.righttime.webhook.XScheme;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;

/** The handler fed the real API Gateway v2 sample events of events/webhook-ingest/. */
class WebhookIngestHandlerTest {

    private final List<String> queued = new ArrayList<>();
    private final MessageQueue queue = (body, id) -> queued.add(body);
    private final WebhookIngestHandler handler = new WebhookIngestHandler(Sources.defaults(), SecretRefs.of(SampleEvents.SECRETS),
            new InMemoryDeliveryLedger(), queue, Clock.fixed(SampleEvents.SIGNED_AT, ZoneOffset.UTC));

    @ParameterizedTest
    @Events(folder = "events/webhook-ingest", type = APIGatewayV2HTTPEvent.class)
    void everySampleEventIsAnsweredWith2xxJson(APIGatewayV2HTTPEvent event) throws Exception {
        APIGatewayV2HTTPResponse r = handler.handleRequest(event, null);
        assertThat(r.getStatusCode()).as(r.getBody()).isBetween(200, 202);
        assertThat(r.getHeaders()).containsEntry("Content-Type", "application/json");
        assertThat(Json.mapper().readTree(r.getBody()).isObject()).isTrue();
    }

    @ParameterizedTest
    @Event(value = "events/webhook-ingest/stripe-cancel-requested.json", type = APIGatewayV2HTTPEvent.class)
    void stripeCancelIsQueuedOnceAndItsRedeliveryIsADuplicate(APIGatewayV2HTTPEvent event) throws Exception {
        APIGatewayV2HTTPResponse first = handler.handleRequest(event, null);
        assertThat(first.getStatusCode()).isEqualTo(202);
        assertThat(first.getBody()).isEqualTo("{\"status\":\"accepted\",\"signalId\":\"stripe:evt_1Q2w3E4r5T6y7U8i\"}");
        JsonNode signal = Json.mapper().readTree(queued.get(0));
        assertThat(signal.path("type").asText()).isEqualTo("account.cancel_requested");
        assertThat(signal.path("customerRef").path("customerId").asText()).isEqualTo("stripe:cus_Ada1");

        APIGatewayV2HTTPResponse again = handler.handleRequest(event, null);
        assertThat(again.getStatusCode()).isEqualTo(200);
        assertThat(again.getBody()).isEqualTo("{\"status\":\"duplicate\"}");
        assertThat(queued).hasSize(1);
    }

    @ParameterizedTest
    @Event(value = "events/webhook-ingest/stripe-invoice-paid.json", type = APIGatewayV2HTTPEvent.class)
    void stripeInvoicePaidIsIgnored(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse r = handler.handleRequest(event, null);
        assertThat(r.getStatusCode()).isEqualTo(200);
        assertThat(r.getBody()).isEqualTo("{\"status\":\"ignored\"}");
        assertThat(queued).isEmpty();
    }

    @ParameterizedTest
    @Event(value = "events/webhook-ingest/standard-social-mention.json", type = APIGatewayV2HTTPEvent.class)
    void aBase64EncodedStandardWebhookIsDecodedBeforeVerifying(APIGatewayV2HTTPEvent event) throws Exception {
        assertThat(event.getIsBase64Encoded()).isTrue();
        APIGatewayV2HTTPResponse r = handler.handleRequest(event, null);
        assertThat(r.getStatusCode()).isEqualTo(202);
        JsonNode signal = Json.mapper().readTree(queued.get(0));
        assertThat(signal.path("signalId").asText()).isEqualTo("standard:msg_2tTaeQ6bBtfRVRUQuyMsXYzpPxJ");
        assertThat(signal.path("type").asText()).isEqualTo("social.mention");
    }

    @ParameterizedTest
    @Event(value = "events/webhook-ingest/zendesk-ticket-created.json", type = APIGatewayV2HTTPEvent.class)
    void zendeskTicketIsATicketOpenedByEmail(APIGatewayV2HTTPEvent event) throws Exception {
        assertThat(handler.handleRequest(event, null).getStatusCode()).isEqualTo(202);
        JsonNode signal = Json.mapper().readTree(queued.get(0));
        assertThat(signal.path("type").asText()).isEqualTo("support.ticket_opened");
        assertThat(signal.path("attributes").path("channel").asText()).isEqualTo("email");
    }

    @ParameterizedTest
    @Event(value = "events/webhook-ingest/shopify-checkouts-create.json", type = APIGatewayV2HTTPEvent.class)
    void shopifyEventSignedForAnotherBodyIs401AndQueuesNothing(APIGatewayV2HTTPEvent event) {
        event.setBody(event.getBody().replace("59.00", "5.90"));
        APIGatewayV2HTTPResponse r = handler.handleRequest(event, null);
        assertThat(r.getStatusCode()).isEqualTo(401);
        assertThat(r.getBody()).startsWith("{\"error\":\"invalid_signature\",\"message\":");
        assertThat(queued).isEmpty();
    }

    @ParameterizedTest
    @Event(value = "events/webhook-ingest/segment-identify.json", type = APIGatewayV2HTTPEvent.class)
    void anEventReplayedLaterThanFiveMinutesStillVerifiesWhenTheSchemeHasNoTimestamp(APIGatewayV2HTTPEvent event) {
        WebhookIngestHandler later = new WebhookIngestHandler(Sources.defaults(), SecretRefs.of(SampleEvents.SECRETS),
                new InMemoryDeliveryLedger(), queue, Clock.fixed(SampleEvents.SIGNED_AT.plusSeconds(3600), ZoneOffset.UTC));
        assertThat(later.handleRequest(event, null).getStatusCode()).isEqualTo(202);
    }

    @ParameterizedTest
    @Event(value = "events/webhook-ingest/stripe-cancel-requested.json", type = APIGatewayV2HTTPEvent.class)
    void aStripeEventReplayedSixMinutesLaterIs401(APIGatewayV2HTTPEvent event) {
        WebhookIngestHandler later = new WebhookIngestHandler(Sources.defaults(), SecretRefs.of(SampleEvents.SECRETS),
                new InMemoryDeliveryLedger(), queue, Clock.fixed(SampleEvents.SIGNED_AT.plusSeconds(360), ZoneOffset.UTC));
        APIGatewayV2HTTPResponse r = later.handleRequest(event, null);
        assertThat(r.getStatusCode()).isEqualTo(401);
        assertThat(r.getBody()).contains("timestamp_out_of_tolerance");
        assertThat(queued).isEmpty();
    }

    @ParameterizedTest
    @Event(value = "events/webhook-ingest/x-crc.json", type = APIGatewayV2HTTPEvent.class)
    void xCrcChallenge(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse r = handler.handleRequest(event, null);
        assertThat(r.getStatusCode()).isEqualTo(200);
        assertThat(r.getBody()).isEqualTo("{\"response_token\":\"" + XScheme.crcResponse(
                SampleEvents.secret("X").getBytes(StandardCharsets.UTF_8), "challenge-token-123") + "\"}");
    }

    @ParameterizedTest
    @Event(value = "events/webhook-ingest/x-mention.json", type = APIGatewayV2HTTPEvent.class)
    void unknownSourceIs404AndWrongContentTypeIs415(APIGatewayV2HTTPEvent event) {
        event.setPathParameters(Map.of("source", "myspace"));
        APIGatewayV2HTTPResponse r = handler.handleRequest(event, null);
        assertThat(r.getStatusCode()).isEqualTo(404);
        assertThat(r.getBody()).startsWith("{\"error\":\"unknown_source\"");

        event.setPathParameters(Map.of("source", "x"));
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.put("content-type", "application/x-www-form-urlencoded");
        event.setHeaders(headers);
        assertThat(handler.handleRequest(event, null).getStatusCode()).isEqualTo(415);
        assertThat(queued).isEmpty();
    }
}
