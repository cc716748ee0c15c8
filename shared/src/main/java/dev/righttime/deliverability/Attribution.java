package dev.righttime.deliverability;

import dev.righttime.model.Feedback;
import dev.righttime.model.Response;
import dev.righttime.model.ResponseStatus;
import dev.righttime.model.Signal;
import dev.righttime.model.SignalType;
import dev.righttime.port.EventBus;
import dev.righttime.port.OutcomeEvent;
import dev.righttime.port.ResponseStore;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a decided signal says about earlier messages, run by the decide step after it acted:
 * <ul>
 *   <li>an {@code order_placed} is the conversion of the customer's last cart or product-view
 *       reminder sent within the playbook's {@code deliverability.attributionWindow} before it (last
 *       touch: CONVERTED on that response, at the order's occurredAt);</li>
 *   <li>a consent.changed revoking consent through a message's unsubscribe link or preference page
 *       (reason unsubscribed or preferences, naming the {@code responseId}) marks that response
 *       UNSUBSCRIBED, if it is the customer's.</li>
 * </ul>
 * Both are recorded once per response, so a redelivered signal changes nothing; the first time an
 * outcome event goes on the bus.
 */
public final class Attribution {

    /** The consent.changed reasons that are the recipient's own choice (a bounce or complaint is counted as such). */
    static final java.util.Set<String> UNSUBSCRIBES = java.util.Set.of("unsubscribed", "preferences");

    private final Duration window;
    private final ResponseStore responses;
    private final EventBus events;

    public Attribution(Duration window, ResponseStore responses, EventBus events) {
        this.window = Objects.requireNonNull(window, "window");
        this.responses = responses;
        this.events = events;
    }

    public void after(Signal signal, String customerId) {
        if (customerId == null) {
            return;
        }
        if (signal.type() == SignalType.ORDER_PLACED) {
            reminderBefore(signal, customerId).ifPresent(r -> record(r, Feedback.CONVERTED, signal));
        } else if (signal.type() == SignalType.CONSENT_CHANGED && Boolean.FALSE.equals(signal.attribute("granted"))
                && signal.stringAttribute("reason") != null && UNSUBSCRIBES.contains(signal.stringAttribute("reason"))
                && signal.stringAttribute("responseId") != null) {
            responses.get(signal.stringAttribute("responseId"))
                    .filter(r -> customerId.equals(r.customerId()))
                    .ifPresent(r -> record(r, Feedback.UNSUBSCRIBED, signal));
        }
    }

    private Optional<Response> reminderBefore(Signal order, String customerId) {
        var from = order.occurredAt().minus(window);
        List<Response> mine = responses.forCustomer(customerId, from.minus(Duration.ofDays(1)));
        return mine.stream()
                .filter(r -> r.status() == ResponseStatus.SENT && r.sentAt() != null)
                .filter(r -> r.signalType() == SignalType.CART_ABANDONED || r.signalType() == SignalType.PRODUCT_VIEWED)
                .filter(r -> !r.sentAt().isBefore(from) && !r.sentAt().isAfter(order.occurredAt()))
                .max(Comparator.comparing(Response::sentAt));
    }

    private void record(Response r, Feedback kind, Signal because) {
        if (responses.recordFeedback(r.responseId(), kind, because.occurredAt())) {
            events.publishOutcomes(List.of(OutcomeEvent.of(kind.wire(), r, because.occurredAt(), null)));
        }
    }
}
