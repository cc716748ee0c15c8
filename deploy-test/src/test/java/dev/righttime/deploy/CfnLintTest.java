package dev.righttime.deploy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code cfn-lint template.yaml} finds nothing (errors, warnings or informational findings). */
class CfnLintTest {

    @Test
    void theTemplateIsLintClean() throws Exception {
        String lint = Tools.require("cfn-lint").toString();
        Process p = new ProcessBuilder(lint, Repo.ROOT.resolve("template.yaml").toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), UTF_8);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("cfn-lint finished").isTrue();
        assertThat(p.exitValue()).as("cfn-lint template.yaml:\n" + out).isZero();
    }
}
