package dev.righttime.port;

import dev.righttime.policy.Covenants;
import java.util.List;
import java.util.Optional;

/** The sandbox covenants, every version kept (who changed what, when). */
public interface AutonomyStore {

    /** The latest saved version, if any was saved (else the playbook's defaults apply). */
    Optional<Covenants> current();

    /** Saves {@code next} if its version is not taken yet; false if another change took it first. */
    boolean save(Covenants next);

    /** The versions, newest first (at most {@code limit}). */
    List<Covenants> history(int limit);
}
