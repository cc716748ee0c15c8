package dev.righttime.bench;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.righttime.model.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The load run's figures: percentiles, one record per phase, and the JSON and SVG written from them. */
public final class LoadReport {

    private LoadReport() {
    }

    /** Latency summary in milliseconds; {@code count} 0 means nothing was measured (all figures 0). */
    public record Stats(int count, double p50Ms, double p99Ms, double maxMs) {
        public static Stats ofNanos(long[] nanos) {
            if (nanos.length == 0) {
                return new Stats(0, 0, 0, 0);
            }
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return new Stats(sorted.length, ms(percentile(sorted, 50)), ms(percentile(sorted, 99)), ms(sorted[sorted.length - 1]));
        }

        private static double ms(long nanos) {
            return Math.round(nanos / 10_000.0) / 100.0;
        }
    }

    /**
     * Nearest-rank percentile of an ascending array: the smallest value with at least {@code p}% of
     * the values at or below it.
     */
    public static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        if (p <= 0) {
            return sorted[0];
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }

    /**
     * One phase of the run. {@code ack} is measured from each request's scheduled send time (so a
     * stalled server is charged for the requests it delayed), {@code ackService} from the moment
     * the request actually left; {@code send} is the outbox entry's sentAt minus the scheduled time.
     */
    public record Phase(String name, boolean warmup, int targetRate, double durationSeconds, int planned, int sent,
                        int notSentInTime, double achievedRate, Stats ack, Stats ackService, Stats send,
                        int sendNowAccepted, int scheduleAccepted, int duplicatesResent, int duplicateAnswers,
                        int notAsPlaybook, int missingSends, int scheduledButSent, int duplicateSends,
                        Map<String, Integer> statusCounts, double drainSeconds) {
    }

    /** The whole run. */
    public record Run(String date, Map<String, Object> machine, Map<String, Object> config, List<Phase> phases,
                      int unexpectedOutboxEntries, int sampledScheduleChecks, int sampledScheduleFailures,
                      Map<String, Object> targets) {
    }

    public static void writeJson(Run run, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Json.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(run));
    }

    /** Ack and send latency p50/p99 per phase (log scale), warm-up left out, with the 100 ms ack target. */
    public static String svg(List<Phase> all) {
        List<Phase> phases = all.stream().filter(p -> !p.warmup()).toList();
        int w = 720;
        int h = 420;
        int left = 70;
        int right = 170;
        int top = 40;
        int bottom = 60;
        int plotW = w - left - right;
        int plotH = h - top - bottom;
        double max = 1;
        for (Phase p : phases) {
            max = Math.max(max, Math.max(p.ack().p99Ms(), p.send().p99Ms()));
        }
        int decades = Math.max(2, (int) Math.ceil(Math.log10(max)) + 1);  // from 0.1 ms
        double lo = 0.1;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(w).append("\" height=\"").append(h)
                .append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        s.append("<text x=\"").append(left).append("\" y=\"22\" font-size=\"14\">Right Time serve on loopback: latency vs offered rate</text>\n");
        // Y axis: log scale, one grid line per decade.
        for (int d = 0; d <= decades; d++) {
            double v = lo * Math.pow(10, d);
            double y = top + plotH - (double) d / decades * plotH;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", left, y, left + plotW, y));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s ms</text>%n", left - 6, y + 4, label(v)));
        }
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n", left, top, left, top + plotH));
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n", left, top + plotH, left + plotW, top + plotH));
        // The ack p99 target.
        double targetY = y(100, lo, decades, top, plotH);
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#c00\" stroke-dasharray=\"6,4\"/>%n",
                left, targetY, left + plotW, targetY));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" fill=\"#c00\">ack p99 target 100 ms</text>%n", left + plotW + 6, targetY + 4));
        // X axis: one slot per phase.
        int n = phases.size();
        double[] xs = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = left + (i + 0.5) * plotW / Math.max(1, n);
            Phase p = phases.get(i);
            String name = p.targetRate() > 0 ? p.targetRate() + "/s" : p.name();
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", xs[i], top + plotH + 18, escape(name)));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#666\">got %.0f/s</text>%n",
                    xs[i], top + plotH + 34, p.achievedRate()));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">offered rate (achieved below)</text>%n",
                left + plotW / 2.0, h - 8));
        String[][] series = {{"ack p50", "#1f77b4", ""}, {"ack p99", "#1f77b4", "6,3"}, {"send p50", "#2ca02c", ""}, {"send p99", "#2ca02c", "6,3"}};
        for (int k = 0; k < series.length; k++) {
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i < n; i++) {
                Phase p = phases.get(i);
                double v = switch (k) {
                    case 0 -> p.ack().p50Ms();
                    case 1 -> p.ack().p99Ms();
                    case 2 -> p.send().p50Ms();
                    default -> p.send().p99Ms();
                };
                double yy = y(v, lo, decades, top, plotH);
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", xs[i], yy));
                s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s %s: %s ms</title></circle>%n",
                        xs[i], yy, series[k][1], escape(p.name()), series[k][0], label(v)));
            }
            s.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s points=\"%s\"/>%n", series[k][1],
                    series[k][2].isEmpty() ? "" : " stroke-dasharray=\"" + series[k][2] + "\"", pts.toString().trim()));
            int ly = top + 10 + k * 18;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s/>%n",
                    left + plotW + 6, ly, left + plotW + 30, ly, series[k][1],
                    series[k][2].isEmpty() ? "" : " stroke-dasharray=\"" + series[k][2] + "\""));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", left + plotW + 36, ly + 4, series[k][0]));
        }
        s.append("</svg>\n");
        return s.toString();
    }

    public static void writeSvg(List<Phase> phases, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, svg(phases), StandardCharsets.UTF_8);
    }

    private static double y(double v, double lo, int decades, int top, int plotH) {
        double d = Math.log10(Math.max(v, lo) / lo);
        return top + plotH - Math.min(decades, d) / decades * plotH;
    }

    private static String label(double v) {
        if (v >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return v >= 1 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
