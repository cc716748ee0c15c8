package dev.righttime.newsroom;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.righttime.flow.Facts;
import dev.righttime.model.Reason;
import dev.righttime.model.Response;
import dev.righttime.model.ResponseStatus;
import dev.righttime.model.SignalType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Time to response (signal occurredAt → message sentAt) over the responses whose signal occurred in
 * a window: p50 and p95 (nearest rank) per signal type over every SENT response (a holding reply
 * counts: it is what the customer saw); time to approve (held → reviewed) and what reviewers did
 * (approved unchanged, edited, rejected); and the top 10 "firefighting moments": the
 * customer-initiated signals (support.ticket_opened, account.cancel_requested, and social mentions
 * triaged or answered as complaints, i.e. with reason public_complaint or high_reach) that were never
 * answered (rejected, failed, dropped, sent to a slot, still waiting: these lead, oldest first) or
 * took longest to their first sent response, each with its text, author and why it was slow.
 * A moment is over target when a complaint took longer than the target (default 5 minutes) or was
 * never answered.
 */
public final class ResponseTimeReport {

    public static final int TOP = 10;
    public static final Duration COMPLAINT_TARGET = Duration.ofMinutes(5);

    public record Stats(int count, long p50Ms, long p95Ms) {
    }

    /** One firefighting moment; {@code timeToResponseMs} and {@code firstResponseAt} are null if never answered. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Moment(String signalId, String customerId, String signalType, String channel, Instant occurredAt,
                         Instant firstResponseAt, Long timeToResponseMs, String outcome, List<String> why, String text,
                         String author, boolean overTarget) {

        @com.fasterxml.jackson.annotation.JsonIgnore
        boolean answered() {
            return timeToResponseMs != null;
        }
    }

    /** What reviewers did with held responses. */
    public record Reviews(int approvedUnchanged, int edited, int rejected) {
        Reviews plus(Reviews o) {
            return new Reviews(approvedUnchanged + o.approvedUnchanged, edited + o.edited, rejected + o.rejected);
        }
    }

    public record Targets(long complaintMs) {
    }

    public record Report(Instant from, Instant to, Map<String, Stats> bySignalType, List<Moment> firefighting,
                         Stats timeToApprove, Reviews reviews, Targets targets, String source) {
    }

    private ResponseTimeReport() {
    }

    public static Report of(List<Response> responses, Instant from, Instant to) {
        return of(responses, from, to, COMPLAINT_TARGET);
    }

    /** The exact report over the responses given (a window short enough to read them all). */
    public static Report of(List<Response> responses, Instant from, Instant to, Duration target) {
        Map<String, List<Long>> times = new TreeMap<>();
        List<Long> approve = new ArrayList<>();
        for (Response r : responses) {
            approvalTime(r).ifPresent(approve::add);
            if (r.status() != ResponseStatus.SENT || r.signalType() == null || r.timeToResponse().isEmpty()) {
                continue;
            }
            times.computeIfAbsent(r.signalType().wire(), k -> new ArrayList<>()).add(r.timeToResponse().orElseThrow().toMillis());
        }
        Map<String, Stats> stats = new LinkedHashMap<>();
        times.forEach((type, list) -> stats.put(type, stats(list)));
        return new Report(from, to, stats, moments(responses, target), approve.isEmpty() ? new Stats(0, 0, 0) : stats(approve),
                reviews(responses), new Targets(target.toMillis()), "responses");
    }

    static Stats stats(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return new Stats(sorted.size(), percentile(sorted, 50), percentile(sorted, 95));
    }

    /** Held until reviewed: createdAt (the hold) to reviewedAt, for approved and rejected responses. */
    static java.util.Optional<Long> approvalTime(Response r) {
        if (r.reviewedAt() == null || r.createdAt() == null || !r.reasons().contains(Reason.NEEDS_APPROVAL)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Math.max(0, Duration.between(r.createdAt(), r.reviewedAt()).toMillis()));
    }

    static Reviews reviews(List<Response> responses) {
        int unchanged = 0;
        int edited = 0;
        int rejected = 0;
        for (Response r : responses) {
            if (r.reviewedAt() == null) {
                continue;
            }
            if (!r.isApproved()) {
                rejected++;
            } else if (r.editedText() == null || (r.card() != null && r.editedText().equals(r.card().proposedText()))) {
                unchanged++;
            } else {
                edited++;
            }
        }
        return new Reviews(unchanged, edited, rejected);
    }

    /** The top moments among these responses: never answered first (oldest first), then the slowest answered. */
    static List<Moment> moments(List<Response> responses, Duration target) {
        Map<String, List<Response>> bySignal = new LinkedHashMap<>();
        for (Response r : responses) {
            if (r.signalType() != null && isFirefight(r)) {
                bySignal.computeIfAbsent(r.signalId(), k -> new ArrayList<>()).add(r);
            }
        }
        List<Moment> all = new ArrayList<>();
        bySignal.values().forEach(rs -> all.add(moment(rs, target)));
        return top(all);
    }

    static List<Moment> top(List<Moment> all) {
        return all.stream().sorted(ORDER).limit(TOP).toList();
    }

    static final Comparator<Moment> ORDER = Comparator
            .comparing((Moment m) -> m.answered() ? 1 : 0)
            .thenComparing((Moment m) -> m.answered() ? -m.timeToResponseMs() : 0L)
            .thenComparing(Moment::occurredAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Moment::signalId);

    private static Moment moment(List<Response> rs, Duration target) {
        Response first = null;
        for (Response r : rs) {
            if (r.status() == ResponseStatus.SENT && r.timeToResponse().isPresent()
                    && (first == null || r.sentAt().isBefore(first.sentAt()))) {
                first = r;
            }
        }
        Response shown = first != null ? first : rs.get(0);
        String text = null;
        String author = null;
        for (Response r : rs) {
            if (r.card() != null) {
                text = text != null ? text : r.card().text();
                if (author == null && r.card().author() != null) {
                    author = r.card().author().handle() != null ? r.card().author().handle() : r.card().author().name();
                }
            }
        }
        boolean complaint = overTargetApplies(shown);
        if (first != null) {
            long ms = first.timeToResponse().orElseThrow().toMillis();
            return new Moment(shown.signalId(), shown.customerId(), shown.signalType().wire(), wire(shown), shown.occurredAt(),
                    first.sentAt(), ms, "answered", why(first), text, author, complaint && ms > target.toMillis());
        }
        return new Moment(shown.signalId(), shown.customerId(), shown.signalType().wire(), wire(shown), shown.occurredAt(),
                null, null, outcome(shown), why(shown), text, author, complaint);
    }

    private static String wire(Response r) {
        return r.channel() == null ? null : r.channel().wire();
    }

    /** How a never-answered signal ended: rejected, failed, dropped, sent_to_slot, waiting_for_approval, suppressed, cancelled. */
    static String outcome(Response r) {
        return switch (r.status()) {
            case CANCELLED -> "rejected".equals(r.detail()) ? "rejected" : "fallback_drop".equals(r.detail()) ? "dropped" : "cancelled";
            case FAILED -> "failed";
            case PENDING_APPROVAL, APPROVED -> "waiting_for_approval";
            case SCHEDULED, SENDING -> r.reasons().contains(Reason.ENGAGEMENT_SLOT) ? "sent_to_slot" : "waiting_to_send";
            case SUPPRESSED -> "suppressed";
            case SENT -> "answered";
        };
    }

    /** Why the answer was slow (or never came), in words. */
    static List<String> why(Response r) {
        List<String> why = new ArrayList<>();
        if (r.occurredAt() != null && r.createdAt() != null && Duration.between(r.occurredAt(), r.createdAt()).toSeconds() > 60) {
            why.add("decided " + human(Duration.between(r.occurredAt(), r.createdAt())) + " after the signal (late delivery or a queue backlog)");
        }
        if (r.reasons().contains(Reason.NEEDS_APPROVAL)) {
            if (r.reviewedAt() != null && r.createdAt() != null) {
                why.add("waited " + human(Duration.between(r.createdAt(), r.reviewedAt())) + " for approval");
            } else if ("holding_reply".equals(r.detail())) {
                why.add("nobody approved in time: the fallback holding reply went at the deadline");
            } else if (r.status() == ResponseStatus.PENDING_APPROVAL) {
                why.add("still waiting for approval");
            }
        }
        if ("rejected".equals(r.detail())) {
            why.add("a reviewer rejected the reply" + (r.rejectReason() != null ? ": " + r.rejectReason() : ""));
        }
        if ("fallback_drop".equals(r.detail())) {
            why.add("nobody approved in time and the fallback drops it");
        }
        if (r.reasons().contains(Reason.ENGAGEMENT_SLOT)) {
            why.add("waited for the next engagement slot");
        }
        if (r.reasons().contains(Reason.QUIET_HOURS)) {
            why.add("held until the customer's quiet hours ended");
        }
        if (r.status() == ResponseStatus.FAILED) {
            why.add("delivery failed" + (r.detail() != null ? " (" + r.detail() + ")" : ""));
        }
        if (r.status() == ResponseStatus.SENT && r.sentAt() != null && r.dueAt() != null
                && Duration.between(r.dueAt(), r.sentAt()).toSeconds() > 60 && !r.reasons().contains(Reason.NEEDS_APPROVAL)) {
            why.add("sent " + human(Duration.between(r.dueAt(), r.sentAt())) + " after it was due (delivery retries)");
        }
        return why;
    }

    static String human(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s < 120 ? s + " s" : s < 7200 ? (s / 60) + " min" : (s / 3600) + " h";
    }

    /** Customer-initiated: tickets, cancel requests, and mentions triaged or answered as complaints. */
    static boolean isFirefight(Response r) {
        return r.signalType().isCustomerInitiated() || (r.signalType() == SignalType.SOCIAL_MENTION && isComplaint(r));
    }

    static boolean isComplaint(Response r) {
        String triage = r.card() != null && r.card().triage() != null ? r.card().triage() : Facts.triageOf(r.reasons()).orElse(null);
        return "complaint".equals(triage) || "question".equals(triage)
                || r.reasons().contains(Reason.PUBLIC_COMPLAINT) || r.reasons().contains(Reason.HIGH_REACH);
    }

    /** The target is for complaints: a mention read as one (or answered as one). */
    static boolean overTargetApplies(Response r) {
        String triage = r.card() != null && r.card().triage() != null ? r.card().triage() : Facts.triageOf(r.reasons()).orElse(null);
        return "complaint".equals(triage) || r.reasons().contains(Reason.PUBLIC_COMPLAINT) || r.reasons().contains(Reason.HIGH_REACH);
    }

    /** Nearest rank: the smallest value with at least p% of the values at or below it. */
    static long percentile(List<Long> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
