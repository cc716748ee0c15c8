package dev.righttime.newsroom;

import dev.righttime.deliverability.QueuedChannelFallback;
import dev.righttime.model.Decision;
import dev.righttime.model.Response;
import dev.righttime.model.ResponseIds;
import dev.righttime.model.ResponseStatus;
import dev.righttime.port.ResponseStore;
import dev.righttime.port.SignalLedger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A customer's story in time order, from the signal ledger (signals at their occurredAt, decisions
 * at the time they were taken) and the response records (sends at sentAt, reviews at reviewedAt,
 * and each response that did not go out, at its due time, with its status and detail; then what
 * came back after a send, as {@code feedback} rows with the {@code event}: delivered, bounced,
 * opened, clicked, complained, unsubscribed, converted, opted_out). A message that went on the next
 * channel ({@code channel_fallback}) names the one it replaces ({@code fallbackFrom}) and why
 * ({@code fallbackReason}: that one's failure, or bounced). A decision row carries its
 * reasons in words ({@code explanation}) and the profile facts it used ({@code facts}: timezone,
 * quiet hours, consent, segments, channel). Rows at the same instant keep that order: signal,
 * decision, assignment, review, send, response, feedback.
 */
public final class Timeline {

    /** One row: when, what kind, and the fields of that kind. */
    public record Row(Instant at, String kind, Map<String, Object> fields) {
    }

    private static final List<String> KINDS = List.of("signal", "decision", "assignment", "review", "send", "response", "feedback");

    private final SignalLedger signals;
    private final ResponseStore responses;

    public Timeline(SignalLedger signals, ResponseStore responses) {
        this.signals = signals;
        this.responses = responses;
    }

    public List<Row> of(String customerId) {
        List<Row> rows = new ArrayList<>();
        List<Response> records = responses.forCustomer(customerId, Instant.EPOCH);
        Map<String, Response> byId = new HashMap<>();
        records.forEach(r -> byId.put(r.responseId(), r));
        for (SignalLedger.Entry e : signals.forCustomer(customerId)) {
            Map<String, Object> signal = new LinkedHashMap<>();
            signal.put("signalId", e.signal().signalId());
            signal.put("source", e.signal().source());
            signal.put("type", e.signal().type().wire());
            signal.put("attributes", e.signal().attributes());
            rows.add(new Row(e.signal().occurredAt(), "signal", signal));
            for (Decision d : e.decisions()) {
                Map<String, Object> decision = new LinkedHashMap<>();
                decision.put("decision", d);
                decision.put("explanation", Explanations.of(d.reasons()));
                // The profile facts it used, as captured on its response record (decisions without a
                // record, such as a profile update, read none that matter to a message).
                Response r = ResponseStatus.hasRecord(d.outcome()) ? byId.get(ResponseIds.of(d)) : null;
                if (r != null && r.card() != null && !r.card().facts().isEmpty()) {
                    decision.put("facts", r.card().facts());
                }
                rows.add(new Row(e.decidedAt(), "decision", decision));
            }
        }
        for (Response r : records) {
            Map<String, Object> base = fields(r, byId);
            if (r.assignment() != null && r.assignment().at() != null) {
                Map<String, Object> assigned = new LinkedHashMap<>(base);
                assigned.put("to", r.assignment().to());
                assigned.put("by", r.assignment().by());
                rows.add(new Row(r.assignment().at(), "assignment", assigned));
            }
            if (r.reviewedAt() != null) {
                Map<String, Object> review = new LinkedHashMap<>(base);
                review.put("by", r.reviewedBy());
                review.put("approved", r.isApproved());
                if (r.editedText() != null) {
                    review.put("editedText", r.editedText());
                }
                if (r.rejectReason() != null) {
                    review.put("reason", r.rejectReason());
                }
                rows.add(new Row(r.reviewedAt(), "review", review));
            }
            if (r.status() == ResponseStatus.SENT && r.sentAt() != null) {
                Map<String, Object> send = new LinkedHashMap<>(base);
                send.put("text", r.sentText());
                r.timeToResponse().ifPresent(d -> send.put("timeToResponseMs", d.toMillis()));
                rows.add(new Row(r.sentAt(), "send", send));
            } else if (r.isMessage() || r.status() == ResponseStatus.SUPPRESSED) {
                Instant at = r.dueAt() != null ? r.dueAt() : r.occurredAt() != null ? r.occurredAt() : r.createdAt();
                rows.add(new Row(at, "response", base));
            }
            if (r.feedback() != null) {
                // What came back after the send (delivered, bounced, opened, converted...), each once.
                r.feedback().forEach((event, at) -> {
                    Map<String, Object> f = new LinkedHashMap<>(base);
                    f.put("event", event);
                    rows.add(new Row(at, "feedback", f));
                });
            }
        }
        rows.sort(Comparator.comparing(Row::at, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(row -> KINDS.indexOf(row.kind())));
        return rows;
    }

    private static Map<String, Object> fields(Response r, Map<String, Response> byId) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("responseId", r.responseId());
        f.put("signalId", r.signalId());
        f.put("channel", r.channel() == null ? null : r.channel().wire());
        f.put("status", r.status().name());
        if (r.detail() != null) {
            f.put("detail", r.detail());
        }
        // A message sent on the next channel says which one it replaces and why that one did not go
        // (its failure, or bounced), so the switch reads in one row.
        QueuedChannelFallback.replaced(r).map(byId::get).filter(from -> from.signalId().equals(r.signalId())).ifPresent(from -> {
            f.put("fallbackFrom", from.responseId());
            f.put("fallbackReason", from.detail() != null ? from.detail()
                    : from.feedback() != null && from.feedback().containsKey("bounced") ? "bounced" : null);
        });
        return f;
    }
}
