package dev.righttime.port;

import dev.righttime.model.Decision;
import java.util.List;

/** The latest decisions, newest first, for the newsroom's feed ({@code GET /decisions}). */
public interface DecisionFeed {

    DecisionFeed NONE = limit -> List.of();

    List<Decision> latest(int limit);
}
