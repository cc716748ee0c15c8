package dev.righttime.sendsms;

import static dev.righttime.testing.SendFixture.schedule;
import static dev.righttime.testing.SendFixture.signal;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.righttime.aws.AwsClients;
import dev.righttime.aws.SnsSmsSender;
import dev.righttime.model.Channel;
import dev.righttime.model.Consent;
import dev.righttime.model.Reason;
import dev.righttime.model.Response;
import dev.righttime.model.ResponseStatus;
import dev.righttime.model.Signal;
import dev.righttime.model.SignalType;
import dev.righttime.policy.Playbook;
import dev.righttime.send.SendService;
import dev.righttime.testing.CapturingHttpServer;
import dev.righttime.testing.CapturingHttpServer.Reply;
import dev.righttime.testing.DynamoDbLocal;
import dev.righttime.testing.SendFixture;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The handler fed events/send-sms, on DynamoDB Local, against a fake SNS (Query protocol) endpoint. */
class SendSmsHandlerTest {

    static final Instant CART_AT = Instant.parse("2026-03-02T10:00:00Z");
    static final String OK = "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
            + "<MessageId>m-1</MessageId></PublishResult><ResponseMetadata><RequestId>q-1</RequestId></ResponseMetadata>"
            + "</PublishResponse>";
    static final AtomicInteger TABLES = new AtomicInteger();
    static final DynamoDbLocal dynamo = DynamoDbLocal.shared();

    static String optedOut(boolean out) {
        return "<CheckIfPhoneNumberIsOptedOutResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
                + "<CheckIfPhoneNumberIsOptedOutResult><isOptedOut>" + out + "</isOptedOut></CheckIfPhoneNumberIsOptedOutResult>"
                + "<ResponseMetadata><RequestId>q-0</RequestId></ResponseMetadata></CheckIfPhoneNumberIsOptedOutResponse>";
    }

    final java.util.concurrent.atomic.AtomicBoolean optedOut = new java.util.concurrent.atomic.AtomicBoolean();
    SendFixture world;
    CapturingHttpServer sns;
    SendSmsHandler handler;
    Response cart;

    @BeforeEach
    void fresh() {
        world = new SendFixture(dynamo, "sms" + TABLES.incrementAndGet() + "-", CART_AT.plusSeconds(3600));
        sns = new CapturingHttpServer(r -> new Reply(200, Map.of("Content-Type", "text/xml"),
                r.body().startsWith("Action=CheckIfPhoneNumberIsOptedOut&") ? optedOut(optedOut.get()) : OK));
        SnsSmsSender sender = new SnsSmsSender(AwsClients.local(sns.endpoint(), "eu-central-1").sns());
        handler = new SendSmsHandler(new SendService(Playbook.defaults().templates(),
                world.ports(SendService.Ports.senders(sender, Channel.SMS)), world.clock));
        Signal s = signal("shopify:cart-1001", SignalType.CART_ABANDONED, CART_AT, Map.of());
        cart = world.decided(s, schedule(s, Channel.SMS, CART_AT.plusSeconds(3600), Reason.MARKETING_DELAY));
    }

    @AfterEach
    void close() {
        sns.close();
    }

    SQSBatchResponse handle() {
        return handler.handleRequest(EventLoader.loadSQSEvent("events/send-sms/cart-reminder.json"), null);
    }

    @Test
    void publishesTheReminderToThePhoneNumber() {
        assertThat(handle().getBatchItemFailures()).isEmpty();

        assertThat(sns.requests()).hasSize(2);
        assertThat(sns.requests().get(0).body()).startsWith("Action=CheckIfPhoneNumberIsOptedOut&");
        Map<String, String> form = Arrays.stream(sns.requests().get(1).body().split("&")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                        p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
        assertThat(form).containsEntry("Action", "Publish").containsEntry("PhoneNumber", "+4915112345678");
        assertThat(form.get("Message")).isEqualTo("Hi Ada, your cart is still waiting for you.\nReply STOP to opt out.");
        assertThat(world.get(cart.responseId()).status()).isEqualTo(ResponseStatus.SENT);
    }

    @Test
    void aNumberOnTheOptOutListGetsNothingAndTheResponseFailsForGood() {
        optedOut.set(true);

        assertThat(handle().getBatchItemFailures()).isEmpty();
        assertThat(sns.requests()).singleElement().satisfies(r -> assertThat(r.body()).startsWith("Action=CheckIfPhoneNumberIsOptedOut&"));
        assertThat(world.get(cart.responseId()).status()).isEqualTo(ResponseStatus.FAILED);
        assertThat(world.get(cart.responseId()).detail()).isEqualTo("sns_opted_out");
        assertThat(world.get(cart.responseId()).feedbackAt(dev.righttime.model.Feedback.OPTED_OUT)).isPresent();
    }

    @Test
    void consentRevokedSinceTheDecisionSendsNothing() {
        world.profiles.put(SendFixture.ada(new Consent(true, false, true)));

        assertThat(handle().getBatchItemFailures()).isEmpty();
        assertThat(sns.requests()).isEmpty();
        assertThat(world.get(cart.responseId()).status()).isEqualTo(ResponseStatus.CANCELLED);
    }

    @Test
    void aCancelledReminderIsSkipped() {
        world.responses.transition(cart.responseId(), ResponseStatus.CANCELLABLE, ResponseStatus.CANCELLED);

        assertThat(handle().getBatchItemFailures()).isEmpty();
        assertThat(sns.requests()).isEmpty();
    }
}
