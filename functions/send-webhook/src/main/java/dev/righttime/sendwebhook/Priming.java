package dev.righttime.sendwebhook;

import dev.righttime.aws.SdkPriming;
import dev.righttime.aws.SqsSenderBatch;
import dev.righttime.model.Channel;
import dev.righttime.priming.Samples;
import dev.righttime.priming.SendPriming;
import dev.righttime.send.SignedWebhookSender;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** What the SnapStart hook runs: the send path end to end, signed webhooks included, with nothing real behind it. */
final class Priming {

    /** Signs the priming webhooks only; the function's own secret is not used. */
    static final String SECRET = "whsec_cHJpbWluZy1vbmx5LXNlY3JldA==";
    static final Map<Channel, URI> ENDPOINTS = Map.of(
            Channel.SOCIAL, URI.create("https://example.invalid/priming/social"),
            Channel.CHAT, URI.create("https://example.invalid/priming/chat"));

    private Priming() {
    }

    /**
     * Sends the social and chat samples of {@link SendPriming} (ticket replies, a held reply's
     * holding reply, and a redelivery that is skipped) through a throwaway handler on in-memory
     * stores, to a {@link SignedWebhookSender} with a priming secret on an {@link OfflineHttpClient}:
     * the JSON body, the Standard Webhooks headers and HMAC-SHA256 signature, and the JDK's request
     * builder and body publisher run; nothing connects. Returns the requests as they would have gone
     * out. Never throws for a message: the batch loop logs a failure by message id and exception
     * class, and the message is left out.
     */
    static List<OfflineHttpClient.Sent> run() {
        OfflineHttpClient http = new OfflineHttpClient();
        SendPriming samples = new SendPriming(new SignedWebhookSender(ENDPOINTS, SECRET, http, Samples.CLOCK),
                Channel.SOCIAL, Channel.CHAT);
        new SendWebhookHandler(samples.service(), SqsSenderBatch.Delay.NONE).handleRequest(samples.event(), null);
        return http.sent();
    }

    /**
     * The SDK's request path of the calls this function makes after its start (DynamoDB, and SQS
     * ChangeMessageVisibility for a delayed retry), on throwaway clients answered in memory; returns
     * the requests answered. SSM is not primed: the signing secret is read from it while the handler
     * is built, before the snapshot. Never fails the snapshot ({@link SdkPriming#quietly}).
     */
    static int sdk() {
        return SdkPriming.quietly(SdkPriming::dynamoDb, SdkPriming::sqsVisibility);
    }
}
