package dev.righttime.priming;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SnapStartPrimedTest {

    static final AtomicBoolean LISTED_INITIALISED = new AtomicBoolean();

    @Test
    void theHookLoadsAndInitialisesTheListedClassesAndSkipsTheRestWithoutFailingTheSnapshot() {
        Handler handler = new Handler();

        handler.beforeCheckpoint(null); // does not throw: the snapshot is taken
        handler.afterRestore(null);

        assertThat(LISTED_INITIALISED).isTrue();
        // the comment and the blank line are not names; the missing class and the failing initialiser are skipped
        assertThat(SnapStartPrimed.preload(Handler.class)).isEqualTo(new SnapStartPrimed.Preloaded(1, 2));
    }

    @Test
    void aHandlerWithoutAListPrimesNothing() {
        assertThat(SnapStartPrimed.preload(String.class)).isEqualTo(new SnapStartPrimed.Preloaded(0, 0));
    }

    /** A handler of this package: its list is dev/righttime/priming/classesloaded.txt in the test resources. */
    static final class Handler implements SnapStartPrimed {
    }

    static final class Listed {
        static {
            LISTED_INITIALISED.set(true);
        }
    }

    static final class Broken {
        static {
            if (LISTED_INITIALISED.get()) {
                throw new IllegalStateException("an initialiser that fails");
            }
        }
    }
}
