package dev.righttime.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs each benchmark next to its floor in the same JVM run and prints the ratios, so the figures
 * never compare numbers from different machines or days. Writes bench/results/jmh.json too.
 * Usage: java -cp righttime-bench.jar dev.righttime.bench.Ratios [output.json]
 */
public final class Ratios {

    private Ratios() {
    }

    public static void main(String[] args) throws RunnerException, IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "bench/results/jmh.json");
        Files.createDirectories(out.toAbsolutePath().getParent());
        Options opts = new OptionsBuilder()
                .include(EngineBenchmark.class.getName())
                .resultFormat(org.openjdk.jmh.results.format.ResultFormatType.JSON)
                .result(out.toString())
                .build();
        Collection<RunResult> results = new Runner(opts).run();
        Map<String, Double> score = new LinkedHashMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            score.put(name.substring(name.lastIndexOf('.') + 1), r.getPrimaryResult().getScore());
        }
        System.out.println();
        score.forEach((k, v) -> System.out.printf(Locale.ROOT, "%-12s %,14.0f ops/s%n", k, v));
        System.out.printf(Locale.ROOT, "decide / parseJson = %.2f (decisions per second for each Jackson parse per second)%n",
                score.get("decide") / score.get("parseJson"));
    }
}
