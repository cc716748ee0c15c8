package dev.righttime.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.righttime.model.Channel;
import dev.righttime.model.SignalType;
import dev.righttime.send.DeliveryException;
import dev.righttime.send.Message;
import dev.righttime.testing.CapturingHttpServer;
import dev.righttime.testing.CapturingHttpServer.Reply;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** SES and SNS senders against fakes of the real APIs: the request the SDK sends, and errors mapped. */
class SendersContractTest {

    static final Message EMAIL = new Message("r-0123456789abcdef0123456789abcdef", "zendesk:t1", "c1",
            SignalType.TICKET_OPENED, Channel.EMAIL, "ada@example.com", "We got your request", "Hi Ada", null);
    static final Message SMS = new Message("r-0123456789abcdef0123456789abcdef", "shopify:cart-1", "c1",
            SignalType.CART_ABANDONED, Channel.SMS, "+4915112345678", null, "Your cart is waiting", null);

    static final String SNS_OK = "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
            + "<MessageId>m-1</MessageId></PublishResult><ResponseMetadata><RequestId>q-1</RequestId></ResponseMetadata>"
            + "</PublishResponse>";

    @Test
    void sesV2SendEmailCarriesFromDestinationAndSimpleContent() {
        try (CapturingHttpServer ses = new CapturingHttpServer(r -> Reply.json(200, "{\"MessageId\":\"m-1\"}"))) {
            new SesEmailSender(AwsClients.local(ses.endpoint(), "eu-west-1").sesV2(), "news@brand.example").send(EMAIL);

            CapturingHttpServer.Request request = ses.requests().get(0);
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/v2/email/outbound-emails");
            JsonNode body = request.json();
            assertThat(body.path("FromEmailAddress").asText()).isEqualTo("news@brand.example");
            assertThat(body.path("Destination").path("ToAddresses").get(0).asText()).isEqualTo("ada@example.com");
            JsonNode simple = body.path("Content").path("Simple");
            assertThat(simple.path("Subject").path("Data").asText()).isEqualTo("We got your request");
            assertThat(simple.path("Body").path("Text").path("Data").asText()).isEqualTo("Hi Ada");
            assertThat(body.path("EmailTags").get(0).path("Value").asText()).isEqualTo(EMAIL.responseId());
            assertThat(simple.has("Headers")).as("no custom headers: no Headers member").isFalse();
            assertThat(body.has("ConfigurationSetName")).isFalse();
        }
    }

    @Test
    void sesRejectionIsPermanentAndThrottlingIsRetried() {
        try (CapturingHttpServer ses = new CapturingHttpServer(r -> Reply.error(400, "MessageRejected"))) {
            SesEmailSender sender = new SesEmailSender(AwsClients.local(ses.endpoint(), "eu-west-1").sesV2(), "news@brand.example");
            assertThatThrownBy(() -> sender.send(EMAIL)).isInstanceOfSatisfying(DeliveryException.class, e -> {
                assertThat(e.permanent()).isTrue();
                assertThat(e.code()).isEqualTo("ses_MessageRejected");
            });
            ses.respondWith(r -> Reply.error(429, "TooManyRequestsException"));
            assertThatThrownBy(() -> sender.send(EMAIL)).isInstanceOfSatisfying(DeliveryException.class,
                    e -> assertThat(e.permanent()).isFalse());
        }
    }

    @Test
    void sesAccountAndAddressRefusalsArePermanentAndQuotaErrorsAreRetried() {
        try (CapturingHttpServer ses = new CapturingHttpServer(r -> Reply.error(400, "MessageRejected"))) {
            SesEmailSender sender = new SesEmailSender(AwsClients.local(ses.endpoint(), "eu-west-1").sesV2(), "news@brand.example");
            for (String never : List.of("MailFromDomainNotVerifiedException", "AccountSuspendedException", "SendingPausedException",
                    "BadRequestException", "InvalidParameterValue")) {
                ses.respondWith(r -> Reply.error(400, never));
                assertThatThrownBy(() -> sender.send(EMAIL)).as(never).isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.permanent()).isTrue();
                    assertThat(e.code()).isEqualTo("ses_" + never);
                });
            }
            // SES answers an exhausted daily quota with a 400: "not now", retried through the queue.
            ses.respondWith(r -> Reply.error(400, "LimitExceededException"));
            assertThatThrownBy(() -> sender.send(EMAIL)).isInstanceOfSatisfying(DeliveryException.class, e -> {
                assertThat(e.permanent()).isFalse();
                assertThat(e.code()).isEqualTo("ses_LimitExceededException");
            });
        }
    }

    static String optedOut(boolean out) {
        return "<CheckIfPhoneNumberIsOptedOutResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
                + "<CheckIfPhoneNumberIsOptedOutResult><isOptedOut>" + out + "</isOptedOut></CheckIfPhoneNumberIsOptedOutResult>"
                + "<ResponseMetadata><RequestId>q-0</RequestId></ResponseMetadata></CheckIfPhoneNumberIsOptedOutResponse>";
    }

    /** An SNS fake that answers the opt-out check with {@code out} and Publish with a message id. */
    static CapturingHttpServer sns(boolean out) {
        return new CapturingHttpServer(r -> new Reply(200, Map.of("Content-Type", "text/xml"),
                form(r.body()).get("Action").equals("CheckIfPhoneNumberIsOptedOut") ? optedOut(out) : SNS_OK));
    }

    @Test
    void sesV2SendEmailCarriesTheHtmlPartTheUnsubscribeHeadersAndTheConfigurationSet() {
        Message marketing = new Message(EMAIL.responseId(), "shopify:cart-1", "c1", SignalType.CART_ABANDONED, Channel.EMAIL,
                "ada@example.com", "Your cart", "Hi Ada", null, "<p>Hi Ada</p>",
                Map.of("List-Unsubscribe", "<https://api.example/unsubscribe?token=t>, <mailto:u@example.com>",
                        "List-Unsubscribe-Post", "List-Unsubscribe=One-Click"));
        try (CapturingHttpServer ses = new CapturingHttpServer(r -> Reply.json(200, "{\"MessageId\":\"m-1\"}"))) {
            new SesEmailSender(AwsClients.local(ses.endpoint(), "eu-west-1").sesV2(), "news@brand.example", "righttime-feedback")
                    .send(marketing);

            JsonNode body = ses.requests().get(0).json();
            assertThat(body.path("ConfigurationSetName").asText()).isEqualTo("righttime-feedback");
            JsonNode simple = body.path("Content").path("Simple");
            assertThat(simple.path("Body").path("Text").path("Data").asText()).isEqualTo("Hi Ada");
            assertThat(simple.path("Body").path("Html").path("Data").asText()).isEqualTo("<p>Hi Ada</p>");
            Map<String, String> headers = new java.util.HashMap<>();
            simple.path("Headers").forEach(h -> headers.put(h.path("Name").asText(), h.path("Value").asText()));
            assertThat(headers).containsEntry("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
                    .containsEntry("List-Unsubscribe", "<https://api.example/unsubscribe?token=t>, <mailto:u@example.com>");
        }
    }

    @Test
    void anOptedOutNumberIsAPermanentFailureAndNothingIsPublished() {
        try (CapturingHttpServer sns = sns(true)) {
            SnsSmsSender sender = new SnsSmsSender(AwsClients.local(sns.endpoint(), "eu-west-1").sns());
            assertThatThrownBy(() -> sender.send(SMS)).isInstanceOfSatisfying(DeliveryException.class, e -> {
                assertThat(e.permanent()).isTrue();
                assertThat(e.code()).isEqualTo("sns_opted_out");
            });
            assertThat(sns.requests()).singleElement().satisfies(r -> assertThat(form(r.body()))
                    .containsEntry("Action", "CheckIfPhoneNumberIsOptedOut").containsEntry("phoneNumber", "+4915112345678"));
        }
    }

    @Test
    void snsPublishSendsThePhoneNumberAndMessageAsQueryForm() {
        try (CapturingHttpServer sns = sns(false)) {
            new SnsSmsSender(AwsClients.local(sns.endpoint(), "eu-west-1").sns()).send(SMS);

            assertThat(sns.requests()).hasSize(2);
            assertThat(form(sns.requests().get(0).body())).containsEntry("Action", "CheckIfPhoneNumberIsOptedOut");
            Map<String, String> form = form(sns.requests().get(1).body());
            assertThat(form).containsEntry("Action", "Publish")
                    .containsEntry("PhoneNumber", "+4915112345678")
                    .containsEntry("Message", "Your cart is waiting")
                    .containsEntry("MessageAttributes.entry.1.Name", "AWS.SNS.SMS.SMSType")
                    .containsEntry("MessageAttributes.entry.1.Value.StringValue", "Promotional");
        }
    }

    @Test
    void snsInvalidParameterIsPermanent() {
        String error = "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidParameter</Code><Message>x</Message></Error>"
                + "<RequestId>q</RequestId></ErrorResponse>";
        try (CapturingHttpServer sns = new CapturingHttpServer(r -> new Reply(400, Map.of("Content-Type", "text/xml"), error))) {
            SnsSmsSender sender = new SnsSmsSender(AwsClients.local(sns.endpoint(), "eu-west-1").sns());
            assertThatThrownBy(() -> sender.send(SMS)).isInstanceOfSatisfying(DeliveryException.class, e -> {
                assertThat(e.permanent()).isTrue();
                assertThat(e.code()).isEqualTo("sns_InvalidParameter");
            });
        }
    }

    static Map<String, String> form(String body) {
        return Arrays.stream(body.split("&")).map(p -> p.split("=", 2)).collect(Collectors.toMap(
                p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                p -> p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : ""));
    }
}
