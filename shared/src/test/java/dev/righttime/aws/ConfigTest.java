package dev.righttime.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {

    private final Config config = Config.of(Map.of("TABLE", "t1", "BLANK", "  ", "SECRET", "s3cr3t-value"));

    @Test
    void aRequiredVariableIsItsValueAndAMissingOrBlankOneIsNamed() {
        assertThat(config.required("TABLE")).isEqualTo("t1");
        assertThatThrownBy(() -> config.required("NOPE")).isInstanceOf(Config.Missing.class)
                .hasMessage("environment variable NOPE is required")
                .satisfies(e -> assertThat(((Config.Missing) e).variable()).isEqualTo("NOPE"));
        assertThatThrownBy(() -> config.required("BLANK")).hasMessage("environment variable BLANK is required");
    }

    @Test
    void anOptionalVariableIsEmptyWhenUnsetOrBlank() {
        assertThat(config.optional("TABLE")).contains("t1");
        assertThat(config.optional("BLANK")).isEmpty();
        assertThat(config.optional("NOPE", "fallback")).isEqualTo("fallback");
        assertThat(config.has("TABLE")).isTrue();
        assertThat(config.has("BLANK")).isFalse();
    }

    @Test
    void itNeverPrintsAValue() {
        assertThat(config.toString()).contains("SECRET", "TABLE").doesNotContain("s3cr3t-value", "t1");
    }
}
