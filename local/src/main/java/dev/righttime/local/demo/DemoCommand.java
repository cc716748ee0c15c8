package dev.righttime.local.demo;

import dev.righttime.local.serve.FastClock;
import dev.righttime.local.serve.LocalRuntime;
import dev.righttime.local.serve.ServeCommand;
import dev.righttime.model.CustomerProfile;
import dev.righttime.model.Decision;
import dev.righttime.newsroom.Timeline;
import dev.righttime.send.Outbox;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code demo}: a fresh local stack, the signed sample deliveries of {@code events/demo/} posted
 * as their providers would, a simulated clock jumped from one due schedule to the next so the
 * scheduled sends happen within seconds, and each customer's timeline printed.
 */
public final class DemoCommand {

    public static final String USAGE = "usage: demo [--port N] [--events DIR]   (default --events events/demo)";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
    /** The simulated clock never runs more than this far ahead: bounds the demo if a schedule keeps re-arming. */
    private static final Duration HORIZON = Duration.ofDays(2);

    private DemoCommand() {
    }

    public static int run(List<String> argv, PrintStream out, PrintStream err) {
        // demo tells its own story on stdout; the flow's INFO lines (one per webhook, decision and
        // send) would interleave it. Warnings and errors still show.
        org.apache.logging.log4j.core.config.Configurator.setLevel("dev.righttime", org.apache.logging.log4j.Level.WARN);
        Path events = Path.of("events", "demo");
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < argv.size(); i++) {
            if (argv.get(i).equals("--events") && i + 1 < argv.size()) {
                events = Path.of(argv.get(++i));
            } else {
                rest.add(argv.get(i));
            }
        }
        LocalRuntime.Options options;
        try {
            options = ServeCommand.parse("demo", rest, LocalRuntime.Options.defaults().withPort(0)).options();
        } catch (ServeCommand.UsageException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return e.exit();
        }
        if (!Files.isDirectory(events)) {
            err.println("demo: " + events + ": no such directory (run from the repository root, or give --events DIR)");
            return 1;
        }
        List<CustomerProfile> profiles;
        try {
            profiles = ServeCommand.profiles(events.resolve("profiles.jsonl"));
        } catch (ServeCommand.UsageException e) {
            err.println("demo: " + e.getMessage());
            return e.exit();
        }
        FastClock clock = new FastClock(Instant.now(), 1);
        // Profiles are seeded before the routes open, as serve does.
        try (LocalRuntime rt = new LocalRuntime(options.withClock(clock).withProfiles(profiles))) {
            return play(rt, clock, profiles, events, out);
        } catch (IOException | RuntimeException e) {
            err.println("demo: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return 1;
        }
    }

    static int play(LocalRuntime rt, FastClock clock, List<CustomerProfile> profiles, Path events, PrintStream out)
            throws IOException {
        out.println("Right Time demo on " + rt.baseUrl() + " (" + rt.storesDescription() + ")");
        out.println();
        HttpClient http = HttpClient.newHttpClient();
        List<Path> files;
        try (Stream<Path> s = Files.list(events)) {
            files = s.filter(p -> p.getFileName().toString().matches("\\d+-.*\\.json")).sorted().toList();
        }
        int failed = 0;
        for (Path file : files) {
            Instant now = clock.instant();
            DemoDelivery d = DemoDelivery.read(file, now);
            HttpResponse<String> answer;
            try {
                answer = http.send(d.request(URI.create(rt.baseUrl()), rt.secrets()::get, now), HttpResponse.BodyHandlers.ofString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
            out.printf(Locale.ROOT, "%s  POST /webhooks/%-9s %-28s -> %d %s%n", TIME.format(now), d.source(), d.name(),
                    answer.statusCode(), answer.body());
            if (answer.statusCode() >= 300) {
                failed++;
            }
            settle(rt);
            // Ten minutes pass between deliveries; whatever comes due meanwhile fires on time.
            runUntil(rt, clock, clock.instant().plus(Duration.ofMinutes(10)));
        }
        // Then the clock jumps from one due schedule to the next: reminders, engagement slots, deadlines.
        runUntil(rt, clock, clock.instant().plus(HORIZON));
        printTimelines(rt, profiles, out);
        return failed == 0 ? 0 : 1;
    }

    /** Moves the clock to {@code target}, stopping at each schedule due before it so each fires at its time. */
    private static void runUntil(LocalRuntime rt, FastClock clock, Instant target) {
        for (Optional<Instant> next = rt.scheduler().nextDue(); next.isPresent() && next.get().isBefore(target);
             next = rt.scheduler().nextDue()) {
            Duration ahead = Duration.between(clock.instant(), next.get());
            if (!ahead.isNegative()) {
                clock.advance(ahead.plusSeconds(1));
            }
            settle(rt);
        }
        if (target.isBefore(clock.instant().plus(HORIZON)) && target.isAfter(clock.instant())) {
            clock.advance(Duration.between(clock.instant(), target));
        }
        settle(rt);
    }

    /** Waits (bounded) until the queues are idle twice in a row and nothing is due. */
    private static void settle(LocalRuntime rt) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int idle = 0;
        while (idle < 2 && System.nanoTime() < deadline) {
            sleep(150);
            boolean dueNow = rt.scheduler().nextDue().map(t -> !t.isAfter(rt.options().clock().instant())).orElse(false);
            idle = rt.queuesIdle() && !dueNow ? idle + 1 : 0;
        }
    }

    private static void printTimelines(LocalRuntime rt, List<CustomerProfile> profiles, PrintStream out) {
        for (CustomerProfile p : profiles) {
            Object name = p.attributesOrNone().getOrDefault("firstName", p.customerId());
            out.println();
            out.println(name + " (" + p.customerId() + ")");
            List<Timeline.Row> rows = rt.timeline(p.customerId());
            if (rows.isEmpty()) {
                out.println("  (nothing)");
            }
            for (Timeline.Row row : rows) {
                out.printf(Locale.ROOT, "  %s  %-8s  %s%n", TIME.format(row.at()), row.kind(), describe(row));
            }
        }
        // Signals about nobody we know (public complaints, trends): their decisions and sends. An
        // unknown author keeps the id the source gave (x:<user id>), so "unknown" is "no profile".
        java.util.Set<String> known = profiles.stream().map(CustomerProfile::customerId).collect(java.util.stream.Collectors.toSet());
        List<Decision> anonymous = rt.decisions().latest(200).stream()
                .filter(d -> d.customerId() == null || !known.contains(d.customerId())).toList().reversed();
        if (!anonymous.isEmpty()) {
            out.println();
            out.println("Not a known customer (public replies)");
            for (Decision d : anonymous) {
                out.printf(Locale.ROOT, "  decision  %s %s%s%s  %s%n", d.signalId(), d.outcome(), d.channel() == null ? "" : " " + d.channel().wire(),
                        d.deadline() == null ? "" : " deadline " + TIME.format(d.deadline()) + ", fallback " + d.fallback().wire(), reasons(d));
                for (Outbox.Entry e : rt.outbox().entries()) {
                    if (e.signalId().equals(d.signalId())) {
                        out.printf(Locale.ROOT, "  %s  send      %s to %s: \"%s\"%n", TIME.format(e.sentAt()), e.channel().wire(),
                                e.to() == null ? "(public reply)" : e.to(), shorten(e.text()));
                    }
                }
            }
        }
    }

    private static String describe(Timeline.Row row) {
        Map<String, Object> f = row.fields();
        return switch (row.kind()) {
            case "signal" -> f.get("type") + "  " + f.get("signalId");
            case "decision" -> {
                Decision d = (Decision) f.get("decision");
                StringBuilder b = new StringBuilder(d.outcome().name());
                if (d.channel() != null) {
                    b.append(' ').append(d.channel().wire());
                }
                if (d.outcome().name().equals("SCHEDULE") && d.sendAt() != null) {
                    b.append(" at ").append(TIME.format(d.sendAt()));
                }
                if (d.deadline() != null) {
                    b.append(" until ").append(TIME.format(d.deadline())).append(", fallback ").append(d.fallback().wire());
                }
                if (!d.cancels().isEmpty()) {
                    b.append(" cancels ").append(d.cancels());
                }
                yield b.append("  ").append(reasons(d)).toString();
            }
            case "send" -> f.get("channel") + "  \"" + shorten(String.valueOf(f.get("text"))) + "\""
                    + (f.get("timeToResponseMs") == null ? "" : "  (" + human((Number) f.get("timeToResponseMs")) + " after the signal)");
            default -> f.get("channel") + " " + f.get("status") + (f.get("detail") == null ? "" : " (" + f.get("detail") + ")");
        };
    }

    private static String reasons(Decision d) {
        return d.reasons().stream().map(r -> r.wire()).toList().toString();
    }

    private static String human(Number ms) {
        long s = ms.longValue() / 1000;
        return s < 120 ? s + " s" : s < 7200 ? (s / 60) + " min" : (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }

    private static String shorten(String text) {
        String oneLine = text == null ? "" : text.replace('\n', ' ');
        return oneLine.length() <= 70 ? oneLine : oneLine.substring(0, 67) + "...";
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
