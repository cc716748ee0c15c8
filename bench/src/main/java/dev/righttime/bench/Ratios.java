package dev.righttime.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs each benchmark next to its floor in the same JVM run and prints the ratios, so the figures
 * never compare numbers from different machines or days:
 * <ul>
 *   <li>engine: {@code decide / parseJson} (decisions per second for each Jackson parse per second; higher is better);</li>
 *   <li>triage: microseconds per mention and {@code parseMentionJson / classify} (a mention's
 *       triage in Jackson parses of its signal);</li>
 *   <li>ingest: {@code parseAndHmac / verifyAndMap} (what one verified-and-mapped webhook costs in
 *       floors, parse + one HMAC of the same body; lower is better, target ≤ 3).</li>
 * </ul>
 * Usage: {@code java -cp righttime-bench.jar dev.righttime.bench.Ratios [output.json] [benchmark-regex]}
 * (default {@code bench/results/jmh.json}, both benchmarks).
 */
public final class Ratios {

    private Ratios() {
    }

    public static void main(String[] args) throws RunnerException, IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "bench/results/jmh.json");
        String include = args.length > 1 ? args[1]
                : "(" + EngineBenchmark.class.getName() + "|" + IngestBenchmark.class.getName() + ")\\.";
        Files.createDirectories(out.toAbsolutePath().getParent());
        Options opts = new OptionsBuilder()
                .include(include)
                .resultFormat(ResultFormatType.JSON)
                .result(out.toString())
                .build();
        Collection<RunResult> results = new Runner(opts).run();
        Map<String, Double> score = new LinkedHashMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            score.put(name.substring(name.lastIndexOf('.') + 1), r.getPrimaryResult().getScore());
        }
        System.out.println();
        score.forEach((k, v) -> System.out.printf(Locale.ROOT, "%-14s %,14.0f ops/s%n", k, v));
        if (score.containsKey("decide") && score.containsKey("parseJson")) {
            System.out.printf(Locale.ROOT, "engine: decide / parseJson = %.2f (decisions per second for each Jackson parse per second)%n",
                    score.get("decide") / score.get("parseJson"));
        }
        if (score.containsKey("classify") && score.containsKey("parseMentionJson")) {
            System.out.printf(Locale.ROOT, "triage: %.2f us per mention; parseMentionJson / classify = %.2f (a triage costs this many"
                    + " Jackson parses of the mention's signal; target <= 20 us)%n",
                    1e6 / score.get("classify"), score.get("parseMentionJson") / score.get("classify"));
        }
        if (score.containsKey("verifyAndMap") && score.containsKey("parseAndHmac")) {
            System.out.printf(Locale.ROOT, "ingest: parseAndHmac / verifyAndMap = %.2f (one verified-and-mapped webhook costs this many"
                    + " parse+HMAC floors; target <= 3)%n", score.get("parseAndHmac") / score.get("verifyAndMap"));
        }
        System.out.println("JMH results: " + out);
    }
}
