package dev.righttime.sendemail;

import dev.righttime.aws.SdkPriming;
import dev.righttime.model.Channel;
import dev.righttime.priming.Samples;
import dev.righttime.priming.SendPriming;
import dev.righttime.send.Outbox;
import java.util.List;

/** What the SnapStart hook runs: the send path end to end with nothing real behind it. */
final class Priming {

    private Priming() {
    }

    /**
     * Sends the email samples of {@link SendPriming} (a ticket reply, a cart reminder, and a
     * redelivery that is skipped) through a throwaway handler on in-memory stores, to an
     * {@link Outbox}; returns what the outbox got. Never throws for a message: the batch loop logs a
     * failure by message id and exception class, and the message is left out.
     */
    static List<Outbox.Entry> run() {
        Outbox outbox = new Outbox(Samples.CLOCK);
        SendPriming samples = new SendPriming(outbox, Channel.EMAIL);
        new SendEmailHandler(samples.service()).handleRequest(samples.event(), null);
        return outbox.entries();
    }

    /**
     * The SDK's request path of the calls this function makes (DynamoDB and SESv2 SendEmail), on
     * throwaway clients answered in memory; returns the requests answered. Never fails the snapshot
     * ({@link SdkPriming#quietly}).
     */
    static int sdk() {
        return SdkPriming.quietly(SdkPriming::dynamoDb, SdkPriming::sesV2);
    }
}
