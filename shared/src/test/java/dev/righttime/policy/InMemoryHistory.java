package dev.righttime.policy;

import dev.righttime.model.Decision;
import dev.righttime.model.Signal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** History kept in memory, for {@code simulate}, tests and benchmarks. Not thread-safe. */
public final class InMemoryHistory implements History {

    private final Set<String> seen = new HashSet<>();
    private final Map<String, List<PastMessage>> byCustomer = new HashMap<>();
    private final Map<String, List<PastMessage>> byAuthor = new HashMap<>();

    @Override
    public List<PastMessage> repliesTo(String authorKey) {
        return authorKey == null ? List.of() : byAuthor.getOrDefault(authorKey, List.of());
    }

    @Override
    public boolean seen(String signalId) {
        return seen.contains(signalId);
    }

    @Override
    public List<PastMessage> messagesFor(String customerId) {
        if (customerId == null) {
            return List.of();
        }
        return byCustomer.getOrDefault(customerId, List.of());
    }

    /** Records the decisions of one signal: its id is seen, its messages kept, its cancels applied. */
    public void record(Signal signal, List<Decision> decisions) {
        seen.add(signal.signalId());
        for (Decision d : decisions) {
            if (!d.cancels().isEmpty() && d.customerId() != null) {
                cancel(d.customerId(), d.cancels());
            }
            String author = MentionPolicy.authorKey(signal);
            if (author != null && MentionAuthors.isAutomaticReply(d)) {
                byAuthor.computeIfAbsent(author, k -> new ArrayList<>())
                        .add(new PastMessage(d.signalId(), signal.type(), d.channel(), d.sendAt(), d.deadline(), false));
            }
            if (d.isMessage() && d.customerId() != null) {
                byCustomer.computeIfAbsent(d.customerId(), k -> new ArrayList<>())
                        .add(new PastMessage(d.signalId(), signal.type(), d.channel(), d.sendAt(), d.deadline(), false));
            }
        }
    }

    private void cancel(String customerId, List<String> signalIds) {
        List<PastMessage> messages = byCustomer.get(customerId);
        if (messages == null) {
            return;
        }
        Set<String> ids = Set.copyOf(signalIds);
        messages.replaceAll(m -> ids.contains(m.signalId()) ? m.cancel() : m);
    }
}
