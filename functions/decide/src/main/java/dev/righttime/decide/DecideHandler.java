package dev.righttime.decide;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.righttime.aws.AwsClients;
import dev.righttime.aws.Config;
import dev.righttime.deliverability.FeedbackService;
import dev.righttime.deliverability.UnsubscribeTokens;
import dev.righttime.flow.DecideService;
import dev.righttime.model.Json;
import dev.righttime.model.Signal;
import dev.righttime.policy.Playbook;
import dev.righttime.port.EventBus;
import dev.righttime.port.Redelivery;
import dev.righttime.priming.SnapStartPrimed;
import dev.righttime.triage.LexiconTriage;
import dev.righttime.triage.MentionTriage;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.crac.Core;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The signals queue consumer: each SQS record is one canonical signal, handed to {@link DecideService}.
 * It also consumes the feedback queue (SES events, inbound SMS: {@link FeedbackService}), told apart
 * by the body: a feedback consumer in this function rather than a seventh, because feedback writes
 * the same tables and its consent changes are decided by the same service (README "Deliverability").
 * Reports partial batch failures, so one bad record is retried (and after maxReceiveCount lands in
 * the DLQ) without replaying the rest of its batch.
 */
public final class DecideHandler implements RequestHandler<SQSEvent, SQSBatchResponse>, SnapStartPrimed {

    private static final Logger LOG = LoggerFactory.getLogger(DecideHandler.class);

    private final DecideService service;
    private final FeedbackService feedback;
    private final Redelivery redelivery;
    private final EventBus events;

    /** Lambda: clients and configuration from the environment, once per execution environment. */
    public DecideHandler() {
        this(DecideWiring.fromEnvironment(Config.fromEnvironment(), AwsClients.fromEnvironment()));
        Core.getGlobalContext().register(this);
    }

    private DecideHandler(DecideWiring w) {
        this(w.playbook(), w.ports(), w.clock(), w.redelivery(), w.triage(), w.unsubscribeTokens());
    }

    /** Tests: any ports, any clock; a signal that waits for a link comes back after the queue's visibility timeout. */
    public DecideHandler(Playbook playbook, DecideService.Ports ports, Clock clock) {
        this(playbook, ports, clock, Redelivery.QUEUE_DEFAULT);
    }

    /** The local runtime and tests: with how a waiting signal is delivered again; the built-in mention triage. */
    public DecideHandler(Playbook playbook, DecideService.Ports ports, Clock clock, Redelivery redelivery) {
        this(playbook, ports, clock, redelivery, LexiconTriage.shared());
    }

    /** With the mention triage of choice (MENTION_TRIAGE). */
    public DecideHandler(Playbook playbook, DecideService.Ports ports, Clock clock, Redelivery redelivery, MentionTriage triage) {
        this(playbook, ports, clock, redelivery, triage, null);
    }

    /** With the key that verifies a mailed unsubscribe's token (the List-Unsubscribe mailto, via SES receiving); null: none. */
    public DecideHandler(Playbook playbook, DecideService.Ports ports, Clock clock, Redelivery redelivery, MentionTriage triage,
                         UnsubscribeTokens tokens) {
        this.service = new DecideService(playbook, ports, clock, triage);
        this.redelivery = redelivery;
        this.events = ports.events();
        // Feedback's consent changes are decided here and now, like a signal off the queue.
        this.feedback = new FeedbackService(ports.responses(), service::handle, ports.events(), clock, tokens);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        if (context == null) {
            return process(event);
        }
        return PowertoolsLogging.withLogging(context, () -> process(event));
    }


    private SQSBatchResponse process(SQSEvent event) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();
        for (SQSEvent.SQSMessage message : records) {
            try {
                if (FeedbackService.isFeedback(message.getBody())) {
                    feedback.handle(message.getBody());
                } else {
                    service.handle(parse(message.getBody()));
                }
            } catch (DecideService.NotYet wait) {
                // Left on the queue (a batch item failure), to come back once a link may have arrived.
                later(message, wait);
                failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(message.getMessageId()).build());
            } catch (RuntimeException e) {
                // Never the body or the exception's message: they may carry personal data.
                LOG.warn("message {} failed ({}): {}", message.getMessageId(), e.getClass().getSimpleName(), Failures.reason(e));
                failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(message.getMessageId()).build());
            }
        }
        endOfBatch();
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    /** The newsroom's feed writes the batch's decisions as one item; best effort, it never fails the batch. */
    private void endOfBatch() {
        try {
            events.flush();
        } catch (RuntimeException e) {
            LOG.warn("end of batch not written to every outlet ({})", e.getClass().getSimpleName());
        }
    }

    private void later(SQSEvent.SQSMessage message, DecideService.NotYet wait) {
        try {
            redelivery.after(message.getEventSourceArn(), message.getReceiptHandle(), wait.after());
            LOG.info("message {} comes back in {}", message.getMessageId(), wait.after());
        } catch (RuntimeException e) {
            LOG.warn("message {} waits for the queue's visibility timeout instead ({})", message.getMessageId(),
                    e.getClass().getSimpleName());
        }
    }

    private static Signal parse(String body) {
        if (body == null || body.isBlank()) {
            throw new Failures.PoisonMessage("empty body", null);
        }
        try {
            return Json.mapper().readValue(body, Signal.class);
        } catch (IOException e) {
            throw new Failures.PoisonMessage(Failures.reason(e), e);
        }
    }
}
