package dev.righttime.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a function's code needs, read from its sources as text: the function module's own classes
 * plus, transitively, every {@code shared} class they name (by simple name, comments left out).
 * Finds the environment variables it reads. (The AWS calls a function makes are recorded, not
 * scanned: MotoFlowTest and LeastPrivilege.)
 */
final class CodeScan {

    /** {@code System.getenv("X")}, {@code env.get("X")}, {@code required(env, "X")}, {@code requireEnv("X")}. */
    private static final Pattern ENV_READ = Pattern.compile(
            "\\b(?:getenv|get|required|requireEnv|require)\\(\\s*(?:[A-Za-z_][\\w.]*\\s*,\\s*)?\"([A-Z][A-Z0-9_]*)\"\\s*\\)");
    private static final Pattern COMMENTS = Pattern.compile("(?s)/\\*.*?\\*/|//[^\\n]*");
    private static final Pattern WORD = Pattern.compile("\\b[A-Z]\\w*\\b");

    private final Path repo;
    private final Map<String, Path> sharedBySimpleName = new HashMap<>();

    CodeScan(Path repo) {
        this.repo = repo;
        for (Path p : javaFiles(repo.resolve("shared/src/main/java"))) {
            sharedBySimpleName.put(p.getFileName().toString().replace(".java", ""), p);
        }
    }

    /** The function module's main sources and every shared class they reach by name. */
    Set<Path> closure(Path functionDir) {
        Set<Path> seen = new TreeSet<>();
        Deque<Path> todo = new ArrayDeque<>(javaFiles(functionDir.resolve("src/main/java")));
        while (!todo.isEmpty()) {
            Path file = todo.pop();
            if (!seen.add(file)) {
                continue;
            }
            Matcher m = WORD.matcher(code(file));
            while (m.find()) {
                Path shared = sharedBySimpleName.get(m.group());
                if (shared != null && !seen.contains(shared)) {
                    todo.push(shared);
                }
            }
        }
        return seen;
    }

    /**
     * Environment variable to the first file (relative to the repo) that reads it. Every read in
     * the function module counts. A read in a shared class counts when the closure calls the method
     * it sits in by its class ({@code Tables.Names.fromEnvironment(}, {@code Config.forDeletes(},
     * {@code new EmfResponseTimes(}), or when it is outside any method: so the newsroom, which only
     * deletes schedules, is not asked for the variables of {@code EventBridgeScheduler.Config.fromEnvironment}.
     * (A read in a private helper of a shared class is missed: keep reads in the entry method.)
     */
    Map<String, String> environmentReads(Set<Path> files, Path functionDir) {
        Map<String, String> out = new TreeMap<>();
        StringBuilder all = new StringBuilder();
        files.forEach(f -> all.append(code(f)).append('\n'));
        for (Path file : files) {
            String text = code(file);
            boolean own = file.startsWith(functionDir);
            List<Block> blocks = own ? List.of() : Block.of(text);
            Matcher m = ENV_READ.matcher(text);
            while (m.find()) {
                if (own || reached(blocks, m.start(), all)) {
                    out.putIfAbsent(m.group(1), repo.relativize(file).toString());
                }
            }
        }
        return out;
    }

    private static boolean reached(List<Block> blocks, int at, CharSequence closure) {
        Block method = null;
        Block type = null;
        for (Block b : blocks) {
            if (b.start() <= at && at < b.end()) {
                if (b.method()) {
                    method = b;
                } else {
                    type = b;
                }
            }
        }
        if (method == null || type == null) {
            return true;
        }
        String call = method.name().equals(type.name()) ? "new " + type.name() + "(" : type.name() + "." + method.name() + "(";
        return closure.toString().contains(call);
    }

    /** A type or method body: {@code [start, end)} offsets of its braces. */
    record Block(String name, boolean method, int start, int end) {

        private static final Pattern TYPE = Pattern.compile("\\b(?:class|record|interface|enum)\\s+(\\w+)[^;{}]*$");
        private static final Pattern METHOD = Pattern.compile("\\b(\\w+)\\s*\\([^;{}]*\\)\\s*(?:throws[\\w.,\\s]+)?$");
        private static final Set<String> NOT_METHODS = Set.of("if", "for", "while", "switch", "catch", "synchronized", "try");

        static List<Block> of(String code) {
            String masked = sameLength(code);
            List<Block> out = new java.util.ArrayList<>();
            Deque<int[]> open = new ArrayDeque<>();
            Deque<String[]> heads = new ArrayDeque<>();
            int last = 0;
            for (int i = 0; i < masked.length(); i++) {
                char c = masked.charAt(i);
                if (c == '{') {
                    String head = masked.substring(last, i).strip();
                    Matcher t = TYPE.matcher(head);
                    Matcher m = METHOD.matcher(head);
                    String[] h = t.find() ? new String[] {t.group(1), "type"}
                            : m.find() && !NOT_METHODS.contains(m.group(1)) ? new String[] {m.group(1), "method"} : null;
                    open.push(new int[] {i});
                    heads.push(h == null ? new String[0] : h);
                    last = i + 1;
                } else if (c == '}') {
                    if (!open.isEmpty()) {
                        int start = open.pop()[0];
                        String[] h = heads.pop();
                        if (h.length == 2) {
                            out.add(new Block(h[0], h[1].equals("method"), start, i));
                        }
                    }
                    last = i + 1;
                } else if (c == ';') {
                    last = i + 1;
                }
            }
            return out;
        }

        /** String and char literals blanked to spaces, so braces inside them do not count and offsets stay. */
        private static String sameLength(String code) {
            StringBuilder b = new StringBuilder(code);
            boolean inString = false;
            char quote = 0;
            for (int i = 0; i < b.length(); i++) {
                char c = b.charAt(i);
                if (inString) {
                    if (c == '\\') {
                        b.setCharAt(i, ' ');
                        if (i + 1 < b.length()) {
                            b.setCharAt(++i, ' ');
                        }
                    } else if (c == quote) {
                        inString = false;
                    } else {
                        b.setCharAt(i, ' ');
                    }
                } else if (c == '"' || c == '\'') {
                    inString = true;
                    quote = c;
                }
            }
            return b.toString();
        }
    }

    /** Source name to its secret references' environment variables, from shared's sources.yaml. */
    Map<String, String> sourceSecretVariables() {
        Map<String, String> out = new LinkedHashMap<>();
        try (var in = Files.newInputStream(repo.resolve("shared/src/main/resources/sources.yaml"))) {
            var sources = dev.righttime.webhook.Sources.load(in);
            for (String name : sources.names()) {
                for (String ref : sources.find(name).orElseThrow().secretRefs()) {
                    if (ref.startsWith("env:")) {
                        out.put(ref.substring(4), name);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static String code(Path file) {
        try {
            Matcher m = COMMENTS.matcher(Files.readString(file));
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, m.group().replaceAll("[^\\n]", " "));
            }
            return m.appendTail(out).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> javaFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
