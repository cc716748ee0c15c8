package dev.righttime.aws;

import dev.righttime.model.Decision;
import dev.righttime.port.EventBus;
import dev.righttime.port.OutcomeEvent;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/**
 * Decision events on an EventBridge bus: source {@code righttime}, detail-type {@code decision},
 * detail = the decision record exactly as it serialises everywhere else. Ten entries per call
 * (the PutEvents limit); any failed entry fails the call so the signal is retried.
 */
public final class EventBridgeEventBus implements EventBus {

    public static final String SOURCE = "righttime";
    public static final String DETAIL_TYPE = "decision";
    private static final int MAX_ENTRIES = 10;

    private final EventBridgeClient events;
    private final String busName;

    public EventBridgeEventBus(EventBridgeClient events, String busName) {
        this.events = events;
        this.busName = busName;
    }

    @Override
    public void publish(List<Decision> decisions) {
        List<PutEventsRequestEntry> entries = new ArrayList<>();
        for (Decision d : decisions) {
            entries.add(PutEventsRequestEntry.builder()
                    .eventBusName(busName).source(SOURCE).detailType(DETAIL_TYPE).detail(Items.json(d)).build());
        }
        put(entries);
    }

    /** Outcomes as detail-type {@code response.<kind>} (response.sent, response.bounced, response.converted...). */
    @Override
    public void publishOutcomes(List<OutcomeEvent> outcomes) {
        List<PutEventsRequestEntry> entries = new ArrayList<>();
        for (OutcomeEvent o : outcomes) {
            entries.add(PutEventsRequestEntry.builder()
                    .eventBusName(busName).source(SOURCE).detailType("response." + o.kind()).detail(Items.json(o)).build());
        }
        put(entries);
    }

    private void put(List<PutEventsRequestEntry> entries) {
        for (int i = 0; i < entries.size(); i += MAX_ENTRIES) {
            List<PutEventsRequestEntry> batch = entries.subList(i, Math.min(entries.size(), i + MAX_ENTRIES));
            PutEventsResponse response = events.putEvents(b -> b.entries(batch));
            if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
                String code = response.entries().stream().filter(e -> e.errorCode() != null)
                        .map(e -> e.errorCode()).findFirst().orElse("unknown");
                throw new IllegalStateException(response.failedEntryCount() + " of " + batch.size()
                        + " events were not published (" + code + ")");
            }
        }
    }
}
