package dev.righttime.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Turns what {@link CostMeter} counted over a run of {@code signals} signals into requests and
 * dollars per million signals, per function and per service, from the price table
 * bench/aws-prices.properties (one file, with its date and sources). SES and SNS message prices
 * are shown but kept out of the platform total, as the issue asks.
 */
final class CostReport {

    static final double MILLION = 1_000_000.0;

    final Properties prices;
    final List<CostMeter.Charge> charges;
    final int signals;
    final Set<String> messageServices;

    CostReport(Properties prices, List<CostMeter.Charge> charges, int signals) {
        this.prices = prices;
        this.charges = charges.stream().filter(c -> !c.unit().equals("reported CU")).toList();
        this.signals = signals;
        this.messageServices = Set.of(prices.getProperty("message.services", "").split(","));
    }

    static Properties prices(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** Every service.unit the run used that the price table lacks (the report would be wrong without them). */
    List<String> unpriced() {
        return charges.stream().filter(c -> !c.unit().equals("call")).map(CostReport::key).distinct()
                .filter(k -> prices.getProperty(k) == null).sorted().toList();
    }

    double dollars(CostMeter.Charge c) {
        return c.unit().equals("call") ? 0 : c.quantity() * Double.parseDouble(prices.getProperty(key(c), "0"));
    }

    boolean message(CostMeter.Charge c) {
        return messageServices.contains(c.service());
    }

    /** Platform dollars per million signals: everything but SES/SNS message prices. */
    double platformPerMillion() {
        return perMillion(charges.stream().filter(c -> !message(c)).mapToDouble(this::dollars).sum());
    }

    double messagesPerMillion() {
        return perMillion(charges.stream().filter(this::message).mapToDouble(this::dollars).sum());
    }

    double perMillion(double quantity) {
        return quantity / signals * MILLION;
    }

    /** Units of one service (e.g. DynamoDb WRU) per signal, optionally only operations containing {@code opPart}. */
    double perSignal(String service, String unit, String opPart) {
        return charges.stream().filter(c -> c.service().equals(service) && c.unit().equals(unit) && c.operation().contains(opPart))
                .mapToDouble(CostMeter.Charge::quantity).sum() / signals;
    }

    String markdown(String title, List<String> assumptions) {
        StringBuilder out = new StringBuilder();
        out.append("## ").append(title).append("\n\n");
        out.append(String.format(Locale.ROOT, "%d signals through the flow; prices: bench/aws-prices.properties (%s).%n%n",
                signals, prices.getProperty("date", "see its header")));
        out.append(String.format(Locale.ROOT, "**Platform, all-in: $%.2f per million signals** (front door, every function, every service; "
                + "Lambda duration an assumption, below). Message prices apart: $%.2f per million signals (SES email, SNS SMS).%n%n",
                platformPerMillion(), messagesPerMillion()));

        out.append("### Per function (per million signals)\n\n");
        out.append("| function | invocations | AWS requests | DynamoDB WRU | DynamoDB RRU | platform $ | message $ |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|\n");
        Map<String, List<CostMeter.Charge>> byFunction = new TreeMap<>(charges.stream().collect(Collectors.groupingBy(CostMeter.Charge::function)));
        byFunction.forEach((fn, cs) -> out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %.2f | %.2f |%n", fn,
                count(sum(cs, "Lambda", "invocation", "")), count(sum(cs, null, "call", "")),
                count(sum(cs, "DynamoDb", "WRU", "")), count(sum(cs, "DynamoDb", "RRU", "")),
                perMillion(cs.stream().filter(c -> !message(c)).mapToDouble(this::dollars).sum()),
                perMillion(cs.stream().filter(this::message).mapToDouble(this::dollars).sum()))));

        out.append("\n### Per service (per million signals)\n\n");
        out.append("| service | unit | quantity | price per unit | $ |\n|---|---|---:|---:|---:|\n");
        Map<String, List<CostMeter.Charge>> byKey = new TreeMap<>(charges.stream().filter(c -> !c.unit().equals("call"))
                .collect(Collectors.groupingBy(CostReport::key)));
        byKey.forEach((k, cs) -> out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.2f |%n",
                cs.get(0).service() + (message(cs.get(0)) ? " (message price)" : ""), cs.get(0).unit(),
                count(sum(cs, null, null, "")), prices.getProperty(k), perMillion(cs.stream().mapToDouble(this::dollars).sum()))));

        out.append("\n### AWS requests by function and operation (per signal)\n\n");
        out.append("| function | service | operation | requests | billed units |\n|---|---|---|---:|---|\n");
        Map<List<String>, List<CostMeter.Charge>> byOp = new TreeMap<>((a, b) -> String.join("/", a).compareTo(String.join("/", b)));
        byOp.putAll(charges.stream().collect(Collectors.groupingBy(c -> List.of(c.function(), c.service(), c.operation()))));
        byOp.forEach((k, cs) -> {
            List<String> units = new ArrayList<>();
            cs.stream().filter(c -> !c.unit().equals("call")).collect(Collectors.groupingBy(CostMeter.Charge::unit, TreeMap::new,
                    Collectors.summingDouble(CostMeter.Charge::quantity)))
                    .forEach((u, q) -> units.add(String.format(Locale.ROOT, "%.3f %s", q / signals, u)));
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %.3f | %s |%n", k.get(0), k.get(1), k.get(2),
                    sum(cs, null, "call", "") / signals, String.join(", ", units)));
        });
        out.append("\nAssumptions (labelled, not measured):\n\n");
        assumptions.forEach(a -> out.append("- ").append(a).append('\n'));
        return out.toString();
    }

    private static double sum(List<CostMeter.Charge> cs, String service, String unit, String opPart) {
        return cs.stream().filter(c -> (service == null || c.service().equals(service)) && (unit == null || c.unit().equals(unit))
                && c.operation().contains(opPart)).mapToDouble(CostMeter.Charge::quantity).sum();
    }

    private String count(double quantity) {
        return String.format(Locale.ROOT, "%,.0f", perMillion(quantity));
    }

    static String key(CostMeter.Charge c) {
        return c.service() + "." + c.unit();
    }

    static List<String> list(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
