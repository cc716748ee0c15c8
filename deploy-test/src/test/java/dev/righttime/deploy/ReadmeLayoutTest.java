package dev.righttime.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** README.md's "Layout" table matches the tree: every path it names exists, every module and top-level directory is named. */
class ReadmeLayoutTest {

    private static final Pattern PATH = Pattern.compile("`([^`]+)`");
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");

    /** The backticked paths of the first column of the table under "## Layout". */
    static Set<String> layoutPaths(String readme) {
        int start = readme.indexOf("\n## Layout");
        assertThat(start).as("README.md has a Layout section").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        Set<String> paths = new TreeSet<>();
        for (String line : readme.substring(start, end < 0 ? readme.length() : end).lines().toList()) {
            if (line.startsWith("| `")) {
                Matcher m = PATH.matcher(line.substring(0, line.indexOf(" |", 2)));
                while (m.find()) {
                    paths.add(m.group(1).replaceAll("/$", ""));
                }
            }
        }
        return paths;
    }

    @Test
    void everyPathTheLayoutTableNamesExists() throws IOException {
        Set<String> paths = layoutPaths(Files.readString(Repo.ROOT.resolve("README.md")));
        assertThat(paths).isNotEmpty();
        assertThat(paths).allSatisfy(p -> assertThat(Repo.ROOT.resolve(p)).as(p).exists());
    }

    @Test
    void everyModuleAndTopLevelDirectoryIsInTheTable() throws IOException {
        Set<String> paths = layoutPaths(Files.readString(Repo.ROOT.resolve("README.md")));
        List<String> modules = new ArrayList<>();
        Matcher m = MODULE.matcher(Files.readString(Repo.ROOT.resolve("pom.xml")));
        while (m.find()) {
            modules.add(m.group(1).replaceAll("/$", ""));
        }
        assertThat(modules).isNotEmpty();
        assertThat(paths).as("the parent's modules").containsAll(modules);
        try (Stream<Path> top = Files.list(Repo.ROOT)) {
            List<String> dirs = top.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".") && !n.equals("target")).toList();
            assertThat(dirs).as("top-level directories").allSatisfy(d ->
                    assertThat(paths).anySatisfy(p -> assertThat(p.equals(d) || p.startsWith(d + "/")).isTrue()));
        }
    }

    @Test
    void aMissingPathOrModuleIsFound() {
        String readme = "# x\n\n## Layout\n\n| path | what |\n|---|---|\n| `pom.xml` | parent |\n"
                + "| `functions/send-email/`, `functions/nope/` | senders |\n\n## Next\n| `notlayout/` | x |\n";
        Set<String> paths = layoutPaths(readme);
        assertThat(paths).containsExactly("functions/nope", "functions/send-email", "pom.xml");
        assertThat(Repo.ROOT.resolve("functions/nope")).doesNotExist();
    }
}
