package dev.righttime.newsroom;

import com.fasterxml.jackson.databind.JsonNode;
import dev.righttime.flow.Facts;
import dev.righttime.model.Json;
import dev.righttime.model.Reason;
import dev.righttime.model.Response;
import dev.righttime.policy.Covenants;
import dev.righttime.policy.Playbook;
import dev.righttime.port.AutonomyStore;
import dev.righttime.port.ResponseStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET/PUT /settings/autonomy}: the covenants in force (the latest saved version, else the
 * playbook's defaults as version 0), their history (who changed them, when), and beside each rule
 * the evidence to widen it over the last {@link #EVIDENCE} days: held answers approved unchanged,
 * edited, rejected, left to the fallback, and the time to approve (p50). A PUT names the version
 * it edits; if another change saved first, it is a 409 and nothing is overwritten.
 */
public final class AutonomySettings {

    static final Duration EVIDENCE = Duration.ofDays(30);

    /** The evidence beside one rule. */
    public record Evidence(int held, int approvedUnchanged, int edited, int rejected, int fallback, Long timeToApproveP50Ms) {
    }

    /** A PUT's outcome: the saved version, or an error. */
    public record Saved(int status, Covenants covenants, String error, String message) {
    }

    private final AutonomyStore store;
    private final Playbook playbook;
    private final ResponseStore responses;
    private final Clock clock;

    public AutonomySettings(AutonomyStore store, Playbook playbook, ResponseStore responses, Clock clock) {
        this.store = store;
        this.playbook = playbook;
        this.responses = responses;
        this.clock = clock;
    }

    public Covenants current() {
        return store.current().orElseGet(() -> Covenants.defaults(playbook));
    }

    public Map<String, Object> view() {
        Covenants c = current();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", c.version());
        out.put("changedBy", c.changedBy());
        out.put("changedAt", c.changedAt());
        out.put("reachBands", Map.of("small", "under " + playbook.approval().reachThreshold() / 10 + " followers",
                "medium", "under " + playbook.approval().reachThreshold() + " followers",
                "large", playbook.approval().reachThreshold() + " followers or more"));
        Map<String, Evidence> evidence = evidence(c);
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Covenants.Rule r : c.rules()) {
            Map<String, Object> m = Json.mapper().convertValue(r, new com.fasterxml.jackson.core.type.TypeReference<>() { });
            m.put("evidence", evidence.getOrDefault(key(r), new Evidence(0, 0, 0, 0, 0, null)));
            rules.add(m);
        }
        out.put("covenants", rules);
        out.put("history", store.history(20).stream().map(h -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("version", h.version());
            v.put("changedBy", h.changedBy());
            v.put("changedAt", h.changedAt());
            return v;
        }).toList());
        return out;
    }

    /** Saves the rules of {@code body} ({"version": edited, "covenants": [...]}) as the next version. */
    public Saved save(JsonNode body, String who) {
        if (body == null || !body.isObject() || !body.path("version").canConvertToInt() || !body.path("covenants").isArray()) {
            return new Saved(400, null, "invalid_body", "the body must be {\"version\": <the version edited>, \"covenants\": [..]}");
        }
        List<Covenants.Rule> rules = new ArrayList<>();
        try {
            for (JsonNode n : body.get("covenants")) {
                rules.add(Json.mapper().treeToValue(n, Covenants.Rule.class));
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return new Saved(400, null, "invalid_covenant", root.getMessage() == null ? "a covenant is not valid" : firstLine(root.getMessage()));
        }
        Covenants next;
        int edited = body.get("version").asInt();
        try {
            next = new Covenants(edited + 1, who, clock.instant(), rules);
        } catch (IllegalArgumentException e) {
            return new Saved(400, null, "invalid_covenant", e.getMessage());
        }
        Covenants now = current();
        if (now.version() != edited || !store.save(next)) {
            return new Saved(409, current(), "conflict", "the covenants changed since version " + edited + " (now version "
                    + current().version() + " by " + current().changedBy() + "): reload and edit again");
        }
        return new Saved(200, next, null, null);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Held answers of the last 30 days, counted under the rule that governs them now. */
    Map<String, Evidence> evidence(Covenants c) {
        Instant now = clock.instant();
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, List<Long>> times = new LinkedHashMap<>();
        for (Response r : responses.occurredBetween(now.minus(EVIDENCE), now)) {
            if (r.signalType() == null || !r.reasons().contains(Reason.NEEDS_APPROVAL)) {
                continue;
            }
            String triage = r.card() != null && r.card().triage() != null ? r.card().triage() : Facts.triageOf(r.reasons()).orElse(null);
            long followers = r.card() != null && r.card().author() != null && r.card().author().followers() != null
                    ? r.card().author().followers() : 0L;
            var rule = c.find(r.signalType().wire(), triage, Covenants.band(followers, playbook.approval().reachThreshold()));
            if (rule.isEmpty()) {
                continue;
            }
            int[] n = counts.computeIfAbsent(key(rule.get()), k -> new int[5]);
            n[0]++;
            if (r.reviewedAt() != null) {
                if (!r.isApproved()) {
                    n[3]++;
                } else if (r.editedText() == null || (r.card() != null && r.editedText().equals(r.card().proposedText()))) {
                    n[1]++;
                } else {
                    n[2]++;
                }
                ResponseTimeReport.approvalTime(r).ifPresent(ms -> times.computeIfAbsent(key(rule.get()), k -> new ArrayList<>()).add(ms));
            } else if ("holding_reply".equals(r.detail()) || "fallback_drop".equals(r.detail())) {
                n[4]++;
            }
        }
        Map<String, Evidence> out = new LinkedHashMap<>();
        counts.forEach((k, n) -> {
            List<Long> t = times.get(k);
            out.put(k, new Evidence(n[0], n[1], n[2], n[3], n[4], t == null ? null : ResponseTimeReport.stats(t).p50Ms()));
        });
        return out;
    }

    private static String key(Covenants.Rule r) {
        return r.signalType() + "|" + r.triage() + "|" + r.reach();
    }
}
