package dev.righttime.testing;

import dev.righttime.aws.DynamoDbProfileStore;
import dev.righttime.aws.DynamoDbResponseStore;
import dev.righttime.aws.DynamoDbSignalLedger;
import dev.righttime.aws.Tables;
import dev.righttime.model.Addresses;
import dev.righttime.model.Channel;
import dev.righttime.model.Consent;
import dev.righttime.model.CustomerProfile;
import dev.righttime.model.CustomerRef;
import dev.righttime.model.Decision;
import dev.righttime.model.Fallback;
import dev.righttime.model.Outcome;
import dev.righttime.model.Reason;
import dev.righttime.model.Response;
import dev.righttime.model.Signal;
import dev.righttime.model.SignalType;
import dev.righttime.policy.Playbook;
import dev.righttime.port.SignalLedger;
import dev.righttime.send.ChannelSender;
import dev.righttime.send.ResponseTimes;
import dev.righttime.send.SendService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The send step's stores on DynamoDB Local (fresh tables per fixture), a movable clock, recorded
 * response times, and helpers that leave a signal and its response record as decide would.
 */
public final class SendFixture {

    /** One recorded time to response. */
    public record Timed(SignalType type, Channel channel, Duration elapsed) {
    }

    public final DynamoDbResponseStore responses;
    public final DynamoDbSignalLedger signals;
    public final DynamoDbProfileStore profiles;
    public final MutableClock clock;
    public final List<Timed> times = new ArrayList<>();
    public final ResponseTimes responseTimes = (t, c, d) -> times.add(new Timed(t, c, d));

    public SendFixture(DynamoDbLocal dynamo, String tablePrefix, Instant now) {
        Tables.Names names = dynamo.createTables(tablePrefix);
        responses = new DynamoDbResponseStore(dynamo.client(), names.responses());
        signals = new DynamoDbSignalLedger(dynamo.client(), names.signals());
        profiles = new DynamoDbProfileStore(dynamo.client(), names.profiles());
        clock = new MutableClock(now);
        profiles.put(ada(new Consent(true, true, true)));
    }

    /** Ada (c1): consent as given, email, phone and X handle, first name Ada. */
    public static CustomerProfile ada(Consent consent) {
        return new CustomerProfile("c1", null, null, consent, new Addresses("ada@example.com", "+4915112345678", "@ada"),
                List.of(), Channel.EMAIL, Map.of("firstName", "Ada"));
    }

    public SendService.Ports ports(Map<Channel, ChannelSender> senders) {
        return new SendService.Ports(responses, signals, profiles, senders, responseTimes);
    }

    public SendService service(Map<Channel, ChannelSender> senders) {
        return new SendService(Playbook.defaults().templates(), ports(senders), clock);
    }

    public static Signal signal(String id, SignalType type, Instant at, Map<String, Object> attributes) {
        return new Signal(id, id.substring(0, id.indexOf(':')), type, at, CustomerRef.ofCustomerId("c1"), attributes);
    }

    public static Decision sendNow(Signal s, Channel channel, Reason... reasons) {
        return new Decision(s.signalId(), "c1", Outcome.SEND_NOW, channel, s.occurredAt(), null, null, List.of(), List.of(reasons));
    }

    public static Decision schedule(Signal s, Channel channel, Instant at, Reason... reasons) {
        return new Decision(s.signalId(), "c1", Outcome.SCHEDULE, channel, at, null, null, List.of(), List.of(reasons));
    }

    public static Decision hold(Signal s, Duration deadline, Fallback fallback) {
        return new Decision(s.signalId(), "c1", Outcome.HOLD, Channel.SOCIAL, null, s.occurredAt().plus(deadline), fallback,
                List.of(), List.of(Reason.HIGH_REACH, Reason.NEEDS_APPROVAL));
    }

    /** The ledger entry and response record decide leaves for one decision; returns the record. */
    public Response decided(Signal signal, Decision d) {
        signals.begin(new SignalLedger.Entry(signal, d.customerId(), List.of(d), SignalLedger.State.DONE, signal.occurredAt()));
        Response r = Response.of(d, signal, signal.occurredAt());
        responses.create(r);
        return r;
    }

    public Response get(String responseId) {
        return responses.get(responseId).orElseThrow();
    }
}
