package dev.righttime.testing;

import dev.righttime.aws.DynamoDbIdentityStore;
import dev.righttime.aws.DynamoDbProfileStore;
import dev.righttime.aws.DynamoDbResponseStore;
import dev.righttime.aws.DynamoDbSignalLedger;
import dev.righttime.aws.Tables;
import dev.righttime.flow.ChannelQueues;
import dev.righttime.flow.Customers;
import dev.righttime.flow.DecideService;
import dev.righttime.port.MessageQueue;
import java.time.Instant;

/**
 * The decide step's ports on DynamoDB Local (fresh tables per fixture) with recording fakes for the
 * scheduler, the channel queues (unless real ones are given) and the event bus.
 */
public final class DecideFixture {

    public final Customers customers;
    public final DynamoDbSignalLedger ledger;
    public final DynamoDbResponseStore responses;
    public final RecordingScheduler scheduler = new RecordingScheduler();
    public final RecordingQueue email = new RecordingQueue();
    public final RecordingQueue sms = new RecordingQueue();
    public final RecordingQueue webhook = new RecordingQueue();
    public final RecordingEventBus events = new RecordingEventBus();
    public final MutableClock clock;
    private final ChannelQueues queues;

    public DecideFixture(DynamoDbLocal dynamo, String tablePrefix, Instant now) {
        this(dynamo, tablePrefix, now, null);
    }

    /** With {@code realQueues} the recording queues stay empty and the given ones are used. */
    public DecideFixture(DynamoDbLocal dynamo, String tablePrefix, Instant now, ChannelQueues realQueues) {
        Tables.Names names = dynamo.createTables(tablePrefix);
        customers = new Customers(new DynamoDbProfileStore(dynamo.client(), names.profiles()),
                new DynamoDbIdentityStore(dynamo.client(), names.identities()));
        ledger = new DynamoDbSignalLedger(dynamo.client(), names.signals());
        responses = new DynamoDbResponseStore(dynamo.client(), names.responses());
        clock = new MutableClock(now);
        queues = realQueues != null ? realQueues : new ChannelQueues(email, sms, webhook);
    }

    public DecideService.Ports ports() {
        return new DecideService.Ports(customers, ledger, responses, scheduler, queues, events);
    }

    /** Every message put on a recording channel queue. */
    public int messagesQueued() {
        return email.bodies().size() + sms.bodies().size() + webhook.bodies().size();
    }

    public MessageQueue queue(String channel) {
        return switch (channel) {
            case "email" -> email;
            case "sms" -> sms;
            default -> webhook;
        };
    }
}
