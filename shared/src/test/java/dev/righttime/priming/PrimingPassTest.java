package dev.righttime.priming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.righttime.aws.SdkPriming;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrimingPassTest {

    @Test
    void aPassThatFailsIsSkippedAndNeverFailsTheSnapshot() {
        assertThat(PrimingPass.quietly("test", () -> {
            throw new IllegalStateException("sample data a@example.com");
        })).isFalse();
        assertThat(PrimingPass.quietly("test", () -> { })).isTrue();
    }

    @Test
    void aMissingClassStillEscapesSoTheJarCheckSeesIt() {
        assertThatThrownBy(() -> PrimingPass.quietly("test", () -> {
            throw new NoClassDefFoundError("software/amazon/awssdk/Missing");
        })).isInstanceOf(NoClassDefFoundError.class);
    }

    @Test
    void aHandlersHookRunsTheSdkPassEvenWhenItsInMemoryPassFails() {
        List<String> ran = new ArrayList<>();
        SnapStartPrimed handler = () -> new SnapStartPrimed.Passes("test", () -> {
            ran.add("in memory");
            throw new IllegalStateException("boom");
        }, () -> ran.add("sdk"));

        handler.beforeCheckpoint(null); // does not throw: the snapshot is taken
        handler.afterRestore(null);
        assertThat(ran).containsExactly("in memory", "sdk");
    }

    @Test
    void theSdkPassCountsItsAnswersOrZeroWhenOneFails() {
        assertThat(SdkPriming.quietly(() -> 2, () -> 3)).isEqualTo(5);
        assertThat(SdkPriming.quietly(() -> 2, () -> {
            throw new IllegalArgumentException("boom");
        })).isZero();
    }
}
