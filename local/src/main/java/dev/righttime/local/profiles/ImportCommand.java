package dev.righttime.local.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import dev.righttime.model.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * {@code import --profiles P.jsonl --url URL [--token T]}: puts each profile of a JSON Lines file
 * through the profile API ({@code PUT /profiles/{id}}) of {@code serve} or a deployed stack. The
 * token is the bearer token: serve's admin token, or a JWT of the newsroom's identity provider for
 * a deployed stack (default: {@code RIGHTTIME_TOKEN}, else {@code RIGHTTIME_ADMIN_TOKEN}).
 *
 * <p>Prints progress to stderr, then a summary with each rejected line (file:line: why). A line the
 * API refuses (400, 409) is reported and the import goes on; a server error or a lost connection is
 * retried three times. 401/403 stops at once (every line would fail). Exit 0 when every line was
 * imported, 1 when some were rejected or the API could not be reached, 2 on bad usage.
 */
public final class ImportCommand {

    static final int MAX_LISTED = 20;
    private static final int ATTEMPTS = 3;

    private ImportCommand() {
    }

    /** Counts and rejected lines, as printed. */
    record Summary(int created, int replaced, List<String> rejected, boolean stopped) {
    }

    public static int run(List<String> args, PrintStream out, PrintStream err, UnaryOperator<String> env) {
        String profiles = null;
        String url = null;
        String token = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (i + 1 >= args.size() || !List.of("--profiles", "--url", "--token").contains(a)) {
                err.println("import: unknown or incomplete option '" + a + "'");
                err.println("usage: import --profiles P.jsonl --url URL [--token T]");
                return 2;
            }
            String v = args.get(++i);
            switch (a) {
                case "--profiles" -> profiles = v;
                case "--url" -> url = v;
                default -> token = v;
            }
        }
        if (profiles == null || url == null) {
            err.println("import: --profiles and --url are required");
            err.println("usage: import --profiles P.jsonl --url URL [--token T]");
            return 2;
        }
        URI base;
        try {
            base = URI.create(url.endsWith("/") ? url : url + "/");
            if (base.getScheme() == null || !base.getScheme().startsWith("http")) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            err.println("import: --url must be an http(s) URL, e.g. http://127.0.0.1:8080");
            return 2;
        }
        if (token == null) {
            token = env.apply("RIGHTTIME_TOKEN") != null ? env.apply("RIGHTTIME_TOKEN") : env.apply("RIGHTTIME_ADMIN_TOKEN");
        }
        List<String> lines;
        try {
            lines = readUtf8(Path.of(profiles));
        } catch (IOException e) {
            err.println("import: " + profiles + ": cannot be read as UTF-8 text");
            return 2;
        }
        Summary s = importAll(lines, Path.of(profiles).getFileName().toString(), base, token, err);
        out.println("imported " + (s.created() + s.replaced()) + " profiles (" + s.created() + " created, " + s.replaced()
                + " replaced), " + s.rejected().size() + " rejected" + (s.stopped() ? "; stopped early" : ""));
        s.rejected().stream().limit(MAX_LISTED).forEach(out::println);
        if (s.rejected().size() > MAX_LISTED) {
            out.println("... and " + (s.rejected().size() - MAX_LISTED) + " more");
        }
        return s.rejected().isEmpty() && !s.stopped() ? 0 : 1;
    }

    static Summary importAll(List<String> lines, String file, URI base, String token, PrintStream progress) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        int created = 0;
        int replaced = 0;
        List<String> rejected = new ArrayList<>();
        long lastReport = System.nanoTime();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            String where = file + ":" + (i + 1) + ": ";
            if (line.isEmpty()) {
                continue;
            }
            String id;
            try {
                JsonNode node = Json.mapper().readTree(line);
                if (node == null || !node.isObject() || !node.path("customerId").isTextual() || node.path("customerId").asText().isBlank()) {
                    rejected.add(where + "a profile is one JSON object with a customerId");
                    continue;
                }
                id = node.path("customerId").asText();
            } catch (IOException e) {
                rejected.add(where + "not a JSON object");
                continue;
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("profiles/" + URLEncoder.encode(id, StandardCharsets.UTF_8)
                            .replace("+", "%20")))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(line));
            if (token != null && !token.isBlank()) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> answer = send(http, request.build());
            if (answer == null) {
                rejected.add(where + "the API could not be reached (after " + ATTEMPTS + " attempts)");
                continue;
            }
            int status = answer.statusCode();
            if (status == 201) {
                created++;
            } else if (status == 200) {
                replaced++;
            } else if (status == 401 || status == 403) {
                rejected.add(where + "the API refused the token (" + status + "); check --token");
                return new Summary(created, replaced, rejected, true);
            } else {
                rejected.add(where + status + " " + message(answer.body()));
            }
            if (System.nanoTime() - lastReport > 1_000_000_000L) {
                progress.println("import: " + (i + 1) + "/" + lines.size() + " lines");
                lastReport = System.nanoTime();
            }
        }
        progress.println("import: " + lines.size() + "/" + lines.size() + " lines");
        return new Summary(created, replaced, rejected, false);
    }

    /** The answer, retrying a server error or a lost connection; null when every attempt failed. */
    private static HttpResponse<String> send(HttpClient http, HttpRequest request) {
        HttpResponse<String> last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                last = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (last.statusCode() < 500) {
                    return last;
                }
            } catch (IOException e) {
                last = null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            try {
                Thread.sleep(200L * attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return last;
            }
        }
        return last;
    }

    /** The API's {@code message}, else the start of the body. */
    private static String message(String body) {
        try {
            JsonNode n = Json.mapper().readTree(body);
            if (n != null && n.path("message").isTextual()) {
                return n.path("error").asText("") + ": " + n.path("message").asText();
            }
        } catch (IOException e) {
            // not JSON
        }
        return body == null ? "" : body.length() > 120 ? body.substring(0, 120) : body;
    }

    private static List<String> readUtf8(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            return new BufferedReader(new java.io.StringReader(text)).lines().toList();
        } catch (CharacterCodingException e) {
            throw new IOException("not UTF-8", e);
        }
    }
}
