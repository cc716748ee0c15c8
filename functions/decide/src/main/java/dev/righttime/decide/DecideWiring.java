package dev.righttime.decide;

import dev.righttime.aws.AwsClients;
import dev.righttime.aws.AwsParts;
import dev.righttime.aws.ComprehendTriage;
import dev.righttime.aws.Config;
import dev.righttime.aws.EventBridgeEventBus;
import dev.righttime.aws.EventBridgeScheduler;
import dev.righttime.aws.SnsApprovalNotifier;
import dev.righttime.aws.SqsRedelivery;
import dev.righttime.aws.UnsubscribeSecret;
import dev.righttime.deliverability.UnsubscribeTokens;
import dev.righttime.flow.ChannelQueues;
import dev.righttime.flow.DecideService;
import dev.righttime.flow.ShortDelays;
import dev.righttime.policy.Playbook;
import dev.righttime.port.ApprovalNotifier;
import dev.righttime.model.Decision;
import dev.righttime.port.EventBus;
import dev.righttime.port.OutcomeEvent;
import dev.righttime.port.Redelivery;
import dev.righttime.triage.LexiconTriage;
import dev.righttime.triage.MentionTriage;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * decide's composition root on AWS, from its environment read once: the tables and queues of
 * {@link AwsParts}, EVENT_BUS_NAME, SCHEDULE_GROUP, SCHEDULER_ROLE_ARN, SCHEDULER_DLQ_ARN and the
 * channel queues' ARNs; optional NEWSROOM_TABLE (decisions feed, covenants), APPROVALS_TOPIC_ARN and
 * NEWSROOM_URL (approvers told, with a deep link), MENTION_TRIAGE, PLAYBOOK_PATH / PLAYBOOK_YAML,
 * UNSUBSCRIBE_SECRET (mailed unsubscribes).
 */
public record DecideWiring(Playbook playbook, DecideService.Ports ports, Clock clock, Redelivery redelivery, MentionTriage triage,
                           UnsubscribeTokens unsubscribeTokens) {

    public static DecideWiring fromEnvironment(Config config, AwsClients aws) {
        AwsParts parts = AwsParts.of(aws, config);
        return new DecideWiring(Playbook.fromEnvironment(config.env()), ports(parts, aws), Clock.systemUTC(),
                SqsRedelivery.inAws(parts.sqs()), triage(config, aws), unsubscribeTokens(config, aws));
    }

    /**
     * UNSUBSCRIBE_SECRET (the name of the key, {@code ssm:/<prefix>/unsubscribe}): read from SSM on the
     * first mailed unsubscribe only, which needs the template's ReceiveUnsubscribeMail (and its grant); else null.
     */
    static UnsubscribeTokens unsubscribeTokens(Config config, AwsClients aws) {
        return config.has(UnsubscribeSecret.VARIABLE) ? UnsubscribeSecret.onFirstUse(config, aws) : null;
    }

    /** The decide step's ports: stores, queues, schedules, the bus (and the feed with NEWSROOM_TABLE), approvers. */
    public static DecideService.Ports ports(AwsParts parts, AwsClients aws) {
        Config config = parts.config();
        ChannelQueues queues = parts.channelQueues();
        EventBus bus = new EventBridgeEventBus(aws.eventBridge(), config.required("EVENT_BUS_NAME"));
        EventBus events = parts.hasNewsroom() ? both(bus, parts.decisionFeed(Clock.systemUTC())) : bus;
        return new DecideService.Ports(parts.customers(), parts.signals(), parts.responses(),
                // Deadlines and send times within 15 minutes: an SQS message delay (to the second); later: a schedule.
                new ShortDelays(new EventBridgeScheduler(aws.scheduler(), EventBridgeScheduler.Setup.from(config)), queues,
                        Clock.systemUTC()),
                queues, events, approvers(config, aws), parts.autonomy());
    }

    /**
     * The approvers' SNS topic (APPROVALS_TOPIC_ARN): email subscriptions, or AWS Chatbot for a
     * Slack/Teams channel. (The signed chat webhook is the local runtime's, APPROVALS_WEBHOOK_URL.)
     */
    static ApprovalNotifier approvers(Config config, AwsClients aws) {
        return config.optional("APPROVALS_TOPIC_ARN")
                .<ApprovalNotifier>map(topic -> new SnsApprovalNotifier(aws.sns(), topic, config.optional("NEWSROOM_URL", "")))
                .orElse(ApprovalNotifier.NONE);
    }

    /**
     * MENTION_TRIAGE: {@code builtin} (default: the offline lexicon) or {@code comprehend} (Amazon
     * Comprehend; the template grants its two actions only then). Anything else is an error at start.
     */
    static MentionTriage triage(Config config, AwsClients aws) {
        String choice = config.optional("MENTION_TRIAGE", "builtin").trim().toLowerCase(Locale.ROOT);
        return switch (choice) {
            case "builtin" -> LexiconTriage.shared();
            case "comprehend" -> new ComprehendTriage(aws.comprehend());
            default -> throw new IllegalStateException("MENTION_TRIAGE must be builtin or comprehend, not " + choice);
        };
    }

    /**
     * The bus, and the newsroom's feed next to it: decisions to both; outcome events (attribution,
     * provider feedback) to both (the feed keeps none); a batch's end to both (the feed writes what it gathered).
     */
    static EventBus both(EventBus first, EventBus second) {
        return new EventBus() {
            @Override
            public void publish(List<Decision> decisions) {
                first.publish(decisions);
                second.publish(decisions);
            }

            @Override
            public void publishOutcomes(List<OutcomeEvent> outcomes) {
                first.publishOutcomes(outcomes);
                second.publishOutcomes(outcomes);
            }

            @Override
            public void flush() {
                first.flush();
                second.flush();
            }
        };
    }
}
