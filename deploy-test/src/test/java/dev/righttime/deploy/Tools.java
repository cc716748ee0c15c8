package dev.righttime.deploy;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * External tools the AWS checks run (moto_server, python3 with aws-sam-translator). In CI
 * ({@code CI=true}) a missing tool fails the test with how to install it; on a user's machine the
 * test is skipped with that reason instead.
 */
final class Tools {

    static final String INSTALL = "pip install \"moto[server]\" cfn-lint (aws-sam-translator comes with cfn-lint)";

    /** The executable on the PATH, or the test fails (CI) or is skipped (elsewhere) naming it. */
    static Path require(String executable) {
        return find(executable).orElseGet(() -> {
            missing(executable + " is not on the PATH; install it: " + INSTALL);
            return null;
        });
    }

    static Optional<Path> find(String executable) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, executable);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static void missing(String reason) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("CI=true and " + reason);
        }
        Assumptions.abort(reason);
    }

    private Tools() {
    }
}
