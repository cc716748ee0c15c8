package dev.righttime.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root (system property righttime.root, set by the module's Surefire configuration). */
final class Repo {

    static final Path ROOT = Path.of(System.getProperty("righttime.root", "..")).toAbsolutePath().normalize();

    static String templateText() {
        try {
            return Files.readString(ROOT.resolve("template.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Repo() {
    }
}
