package dev.righttime.aws;

import dev.righttime.model.Channel;
import dev.righttime.port.Scheduler;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.DeadLetterConfig;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindow;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.RetryPolicy;
import software.amazon.awssdk.services.scheduler.model.Target;
import dev.righttime.time.SendTime;

/**
 * One-time EventBridge Scheduler schedules that put a responseId on a channel queue:
 * {@code at(yyyy-MM-ddTHH:mm:ss)} in the brand's timezone, rounded up to the minute, flexible
 * window OFF, deleted after completion, retried and dead-lettered.
 */
public final class EventBridgeScheduler implements Scheduler {

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    /** Retries for a day: Scheduler's own bound (max 185 attempts, 24 h event age). */
    static final RetryPolicy RETRIES = RetryPolicy.builder()
            .maximumRetryAttempts(185).maximumEventAgeInSeconds(86_400).build();

    /**
     * Where schedules live and what they may do: SCHEDULE_GROUP, SCHEDULER_ROLE_ARN,
     * SCHEDULER_DLQ_ARN, and the channel queues' ARNs EMAIL_QUEUE_ARN, SMS_QUEUE_ARN, WEBHOOK_QUEUE_ARN
     * (social and chat share the webhook queue).
     */
    public record Setup(String group, String roleArn, String deadLetterArn, Map<Channel, String> queueArns) {

        public Setup {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(roleArn, "roleArn");
            Objects.requireNonNull(deadLetterArn, "deadLetterArn");
            queueArns = Map.copyOf(queueArns);
        }

        public static Setup of(String group, String roleArn, String deadLetterArn, String emailQueueArn,
                                String smsQueueArn, String webhookQueueArn) {
            Map<Channel, String> arns = new EnumMap<>(Channel.class);
            arns.put(Channel.EMAIL, emailQueueArn);
            arns.put(Channel.SMS, smsQueueArn);
            arns.put(Channel.SOCIAL, webhookQueueArn);
            arns.put(Channel.CHAT, webhookQueueArn);
            return new Setup(group, roleArn, deadLetterArn, arns);
        }

        /** Enough to delete schedules (the newsroom): the group only, from SCHEDULE_GROUP; creating needs {@link #from}. */
        public static Setup forDeletes(Config config) {
            return new Setup(config.required("SCHEDULE_GROUP"), "", "", Map.of());
        }

        public static Setup from(Config config) {
            return of(config.required("SCHEDULE_GROUP"), config.required("SCHEDULER_ROLE_ARN"),
                    config.required("SCHEDULER_DLQ_ARN"), config.required("EMAIL_QUEUE_ARN"),
                    config.required("SMS_QUEUE_ARN"), config.required("WEBHOOK_QUEUE_ARN"));
        }
    }

    private final SchedulerClient scheduler;
    private final Setup config;

    public EventBridgeScheduler(SchedulerClient scheduler, Setup config) {
        this.scheduler = scheduler;
        this.config = config;
    }

    @Override
    public boolean create(Delivery d) {
        ZoneId zone = zoneFor(d);
        LocalDateTime local = LocalDateTime.ofInstant(SendTime.roundUpToMinute(d.at()), zone);
        try {
            scheduler.createSchedule(b -> b
                    .name(d.name())
                    .groupName(config.group())
                    .scheduleExpression("at(" + AT.format(local) + ")")
                    .scheduleExpressionTimezone(zone.getId())
                    .flexibleTimeWindow(FlexibleTimeWindow.builder().mode(FlexibleTimeWindowMode.OFF).build())
                    .actionAfterCompletion(ActionAfterCompletion.DELETE)
                    .target(Target.builder()
                            .arn(config.queueArns().get(d.channel()))
                            .roleArn(config.roleArn())
                            .input(d.responseId())
                            .retryPolicy(RETRIES)
                            .deadLetterConfig(DeadLetterConfig.builder().arn(config.deadLetterArn()).build())
                            .build()));
            return true;
        } catch (ConflictException exists) {
            return false;
        }
    }

    /**
     * The brand's zone, unless the local time is ambiguous there (the repeated hour when clocks go
     * back): then UTC, so the schedule fires at exactly the intended instant.
     */
    static ZoneId zoneFor(Delivery d) {
        ZoneId zone = d.zone() == null ? ZoneOffset.UTC : d.zone();
        LocalDateTime local = LocalDateTime.ofInstant(SendTime.roundUpToMinute(d.at()), zone);
        return zone.getRules().getValidOffsets(local).size() == 1 ? zone : ZoneId.of("UTC");
    }

    @Override
    public void delete(String name) {
        try {
            scheduler.deleteSchedule(b -> b.name(name).groupName(config.group()));
        } catch (ResourceNotFoundException gone) {
            // Fired and deleted itself, cancelled before, or never created: nothing to do.
        }
    }
}
