package dev.righttime.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.righttime.model.Json;
import dev.righttime.webhook.StandardWebhooksScheme;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * End-to-end load against {@code serve}: starts {@code righttime-local.jar serve} as its own process
 * on a free loopback port with generated profiles and secrets, then posts distinct signed Standard
 * Webhooks deliveries at fixed rates and in one burst, open-loop (every request has a scheduled send
 * time; latency counts from it, so a stalled server is charged for the requests it delayed) with a
 * bounded number of requests in flight. Reads {@code GET /outbox} to measure webhook-to-send latency
 * and to check that every accepted signal was decided and sent exactly as the playbook says.
 * Writes {@code load.json} and {@code load.svg}. Usage: {@code bench/load.sh --help}.
 */
public final class LoadGenerator {

    static final String USAGE = """
            usage: LoadGenerator [--jar local/target/righttime-local.jar] [--out bench/results]
                                 [--rates 100,300,1000] [--duration 15] [--burst 2000] [--in-flight 64]
                                 [--warmup-rate 50] [--warmup 30] [--drain 180] [--settle 12]
                                 [--cart-share 0.10] [--duplicate-share 0.05] [--seed 1] [--server-jvm-arg ARG]...""";

    /** Settings of one run. */
    record Config(Path jar, Path out, List<Integer> rates, int durationSeconds, int burst, int inFlight, int warmupRate,
                  int warmupSeconds, int drainSeconds, int settleSeconds, double cartShare, double duplicateShare, long seed,
                  List<String> serverJvmArgs) {

        static Config parse(String[] args) {
            Path jar = Path.of("local/target/righttime-local.jar");
            Path out = Path.of("bench/results");
            List<Integer> rates = List.of(100, 300, 1000);
            int duration = 15;
            int burst = 2000;
            int inFlight = 64;
            int warmupRate = 50;
            int warmup = 30;
            int drain = 180;
            int settle = 12;
            double cart = 0.10;
            double dup = 0.05;
            long seed = 1;
            List<String> jvm = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--help") || a.equals("-h")) {
                    throw new IllegalArgumentException(USAGE);
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a + " needs a value\n" + USAGE);
                }
                String v = args[++i];
                switch (a) {
                    case "--jar" -> jar = Path.of(v);
                    case "--out" -> out = Path.of(v);
                    case "--rates" -> rates = v.isBlank() ? List.of()
                            : java.util.Arrays.stream(v.split(",")).map(String::trim).map(Integer::parseInt).toList();
                    case "--duration" -> duration = Integer.parseInt(v);
                    case "--burst" -> burst = Integer.parseInt(v);
                    case "--in-flight" -> inFlight = Integer.parseInt(v);
                    case "--warmup-rate" -> warmupRate = Integer.parseInt(v);
                    case "--warmup" -> warmup = Integer.parseInt(v);
                    case "--drain" -> drain = Integer.parseInt(v);
                    case "--settle" -> settle = Integer.parseInt(v);
                    case "--cart-share" -> cart = Double.parseDouble(v);
                    case "--duplicate-share" -> dup = Double.parseDouble(v);
                    case "--seed" -> seed = Long.parseLong(v);
                    case "--server-jvm-arg" -> jvm.add(v);
                    default -> throw new IllegalArgumentException("unknown argument " + a + "\n" + USAGE);
                }
            }
            // Bounds: the run must stop by itself in minutes, against loopback only.
            if (duration < 1 || duration > 120 || burst < 0 || burst > 50_000 || inFlight < 1 || inFlight > 1024
                    || rates.stream().anyMatch(r -> r < 1 || r > 5000) || drain < 1 || drain > 600 || settle < 0 || settle > 120
                    || warmup < 0 || warmup > 60 || cart < 0 || dup < 0 || cart + dup > 0.9) {
                throw new IllegalArgumentException("argument out of bounds\n" + USAGE);
            }
            return new Config(jar, out, rates, duration, burst, inFlight, warmupRate, warmup, drain, settle, cart, dup, seed, List.copyOf(jvm));
        }

        int plannedRequests() {
            int n = warmupRate * warmupSeconds + burst;
            for (int r : rates) {
                n += r * durationSeconds;
            }
            return n;
        }
    }

    /** What a request is for. */
    enum Kind { SEND_NOW, SCHEDULE, DUPLICATE }

    /** One request: what it carried, when it was due, when it left, when and how it was answered. */
    static final class Shot {
        final Kind kind;
        final String webhookId;
        final byte[] body;
        final long dueNanos;
        final Shot original;
        volatile long sentNanos;
        volatile long doneNanos;
        volatile int status;
        volatile String answer;
        volatile String error;

        Shot(Kind kind, String webhookId, byte[] body, long dueNanos, Shot original) {
            this.kind = kind;
            this.webhookId = webhookId;
            this.body = body;
            this.dueNanos = dueNanos;
            this.original = original;
        }

        String signalId() {
            return "standard:" + webhookId;
        }

        boolean accepted() {
            return status == 202;
        }
    }

    /** One phase's requests and timing, as sent. */
    static final class PhaseRun {
        final String name;
        final boolean warmup;
        final int rate;
        final double seconds;
        final int planned;
        final List<Shot> shots = new ArrayList<>();
        final List<Shot> acked = new ArrayList<>();
        int notSentInTime;
        long firstDue;
        long lastDone;
        double drainSeconds;

        PhaseRun(String name, boolean warmup, int rate, double seconds, int planned) {
            this.name = name;
            this.warmup = warmup;
            this.rate = rate;
            this.seconds = seconds;
            this.planned = planned;
        }
    }

    private final Config config;
    private final Random random;
    private final String secret;
    private final byte[] key;
    private final String adminToken;
    private final HttpClient http;
    private final Semaphore permits;
    private final AtomicInteger outstanding = new AtomicInteger();
    /** Maps nanoTime to the wall clock serve stamps sentAt with (same machine, same clock). */
    private final long nanoBase = System.nanoTime();
    private final Instant wallBase = Instant.now();
    private final int ticketCustomers = 1000;
    private final int cartCustomers;
    private int nextCart;
    private URI base;

    LoadGenerator(Config config) {
        this.config = config;
        this.random = new Random(config.seed());
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        this.secret = "whsec_" + Base64.getEncoder().encodeToString(raw);
        this.key = new StandardWebhooksScheme().key(secret);
        this.adminToken = UUID.randomUUID().toString();
        this.permits = new Semaphore(config.inFlight());
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        this.cartCustomers = (int) Math.ceil(config.plannedRequests() * config.cartShare() * 1.2) + 50;
    }

    public static void main(String[] args) throws Exception {
        Config config;
        try {
            config = Config.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(new LoadGenerator(config).run());
    }

    int run() throws Exception {
        if (!Files.isRegularFile(config.jar())) {
            System.err.println("missing " + config.jar() + ": build first with mvn -B -DskipTests package");
            return 1;
        }
        Path work = Files.createTempDirectory("righttime-load");
        Path profiles = work.resolve("profiles.jsonl");
        writeProfiles(profiles);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        base = URI.create("http://127.0.0.1:" + port);
        Path log = work.resolve("serve.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(config.serverJvmArgs());
        command.addAll(List.of("-jar", config.jar().toString(), "serve", "--port", Integer.toString(port), "--profiles", profiles.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("RIGHTTIME_SECRET_STANDARD", secret);
        pb.environment().put("RIGHTTIME_ADMIN_TOKEN", adminToken);
        log("starting serve on " + base + " (" + (ticketCustomers + cartCustomers) + " profiles; log " + log + ")");
        Process server = pb.start();
        Thread reaper = new Thread(() -> stop(server), "load-stop-serve");
        Runtime.getRuntime().addShutdownHook(reaper);
        try {
            long t0 = System.nanoTime();
            if (!awaitHealthy(server, log, Duration.ofSeconds(180))) {
                log("serve did not become healthy; see " + log);
                return 1;
            }
            log(String.format("healthy after %.1f s", (System.nanoTime() - t0) / 1e9));
            List<PhaseRun> phases = new ArrayList<>();
            if (config.warmupSeconds() > 0 && config.warmupRate() > 0) {
                phases.add(paced("warmup", true, config.warmupRate(), config.warmupSeconds()));
            }
            for (int rate : config.rates()) {
                phases.add(paced(rate + "/s", false, rate, config.durationSeconds()));
            }
            if (config.burst() > 0) {
                phases.add(burst(config.burst()));
            }
            log("settling " + config.settleSeconds() + " s (longer than the visibility timeout, so a redelivered message would show)");
            Thread.sleep(config.settleSeconds() * 1000L);
            Map<String, List<Instant>> outbox = outbox();
            return report(phases, outbox, command);
        } finally {
            stop(server);
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException shuttingDown) {
                // Already running.
            }
        }
    }

    // ---- workload ----

    private void writeProfiles(Path file) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ticketCustomers; i++) {
            sb.append(profile("t" + i));
        }
        for (int i = 0; i < cartCustomers; i++) {
            sb.append(profile("k" + i));
        }
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    private static String profile(String id) {
        return "{\"customerId\":\"" + id + "\",\"timezone\":\"UTC\",\"consent\":{\"email\":true},\"addresses\":{\"email\":\"" + id
                + "@load.example\"},\"preferredChannel\":\"email\",\"attributes\":{\"firstName\":\"" + id + "\"}}\n";
    }

    private Shot next(PhaseRun phase, long due) {
        double r = random.nextDouble();
        if (r < config.duplicateShare()) {
            Shot original;
            synchronized (phase.acked) {
                original = phase.acked.isEmpty() ? null : phase.acked.get(random.nextInt(phase.acked.size()));
            }
            if (original != null) {
                return new Shot(Kind.DUPLICATE, original.webhookId, original.body, due, original);
            }
        }
        String id = "msg_" + UUID.randomUUID().toString().replace("-", "");
        String at = Instant.now().toString();
        if (r >= config.duplicateShare() && r < config.duplicateShare() + config.cartShare() && nextCart < cartCustomers) {
            String body = "{\"type\":\"commerce.cart_abandoned\",\"occurredAt\":\"" + at + "\",\"customerRef\":{\"customerId\":\"k"
                    + (nextCart++) + "\"},\"attributes\":{\"cartValue\":42.5,\"currency\":\"EUR\"}}";
            return new Shot(Kind.SCHEDULE, id, body.getBytes(StandardCharsets.UTF_8), due, null);
        }
        String body = "{\"type\":\"support.ticket_opened\",\"occurredAt\":\"" + at + "\",\"customerRef\":{\"customerId\":\"t"
                + random.nextInt(ticketCustomers) + "\"},\"attributes\":{\"channel\":\"email\",\"subject\":\"load test\"}}";
        return new Shot(Kind.SEND_NOW, id, body.getBytes(StandardCharsets.UTF_8), due, null);
    }

    // ---- phases ----

    /** Open loop at a fixed rate: request i is due at start + i/rate, whatever happened to the others. */
    private PhaseRun paced(String name, boolean warmup, int rate, int seconds) throws InterruptedException {
        int n = rate * seconds;
        PhaseRun phase = new PhaseRun(name, warmup, rate, seconds, n);
        log("phase " + name + ": " + n + " requests at " + rate + "/s, at most " + config.inFlight() + " in flight");
        long start = System.nanoTime() + 50_000_000L;
        long period = 1_000_000_000L / rate;
        long giveUp = start + seconds * 1_000_000_000L + 30_000_000_000L;
        phase.firstDue = start;
        for (int i = 0; i < n; i++) {
            long due = start + i * period;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                }
            }
            if (!fire(phase, next(phase, due), giveUp)) {
                phase.notSentInTime = n - i;
                break;
            }
        }
        finish(phase);
        return phase;
    }

    /** Everything due at once; the pool of in-flight requests is the only limit. */
    private PhaseRun burst(int n) throws InterruptedException {
        PhaseRun phase = new PhaseRun("burst " + n, false, 0, 0, n);
        log("phase burst: " + n + " requests at once, at most " + config.inFlight() + " in flight");
        long start = System.nanoTime();
        long giveUp = start + 60_000_000_000L;
        phase.firstDue = start;
        for (int i = 0; i < n; i++) {
            if (!fire(phase, next(phase, start), giveUp)) {
                phase.notSentInTime = n - i;
                break;
            }
        }
        finish(phase);
        return phase;
    }

    /** Waits for a free slot (the delay counts against this request's latency) and sends; false past giveUp. */
    private boolean fire(PhaseRun phase, Shot shot, long giveUp) throws InterruptedException {
        long left = giveUp - System.nanoTime();
        if (left <= 0 || !permits.tryAcquire(left, TimeUnit.NANOSECONDS)) {
            return false;
        }
        long now = System.currentTimeMillis() / 1000;
        String sig = StandardWebhooksScheme.sign(key, shot.webhookId, now, shot.body);
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/webhooks/standard"))
                .timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json")
                .header("webhook-id", shot.webhookId)
                .header("webhook-timestamp", Long.toString(now))
                .header("webhook-signature", sig)
                .POST(HttpRequest.BodyPublishers.ofByteArray(shot.body)).build();
        phase.shots.add(shot);
        outstanding.incrementAndGet();
        shot.sentNanos = System.nanoTime();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            shot.doneNanos = System.nanoTime();
            if (response != null) {
                shot.status = response.statusCode();
                shot.answer = response.body();
            } else {
                shot.error = failure.getClass().getSimpleName();
            }
            permits.release();
            if (shot.accepted() && shot.kind != Kind.DUPLICATE) {
                synchronized (phase.acked) {
                    phase.acked.add(shot);
                }
            }
            outstanding.decrementAndGet();
        });
        return true;
    }

    /** Waits for every answer (bounded), then for the phase's SEND_NOW signals to reach the outbox (bounded). */
    private void finish(PhaseRun phase) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (outstanding.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        phase.lastDone = phase.shots.stream().mapToLong(s -> s.doneNanos).max().orElse(phase.firstDue);
        Set<String> expected = new HashSet<>();
        for (Shot s : phase.shots) {
            if (s.kind == Kind.SEND_NOW && s.accepted()) {
                expected.add(s.signalId());
            }
        }
        long drainStart = System.nanoTime();
        long drainDeadline = drainStart + config.drainSeconds() * 1_000_000_000L;
        int missing = expected.size();
        while (System.nanoTime() < drainDeadline) {
            Map<String, List<Instant>> out;
            try {
                out = outbox();
            } catch (IOException e) {
                Thread.sleep(1000);
                continue;
            }
            missing = 0;
            for (String id : expected) {
                if (!out.containsKey(id)) {
                    missing++;
                }
            }
            if (missing == 0) {
                break;
            }
            Thread.sleep(2000);
        }
        phase.drainSeconds = (System.nanoTime() - drainStart) / 1e9;
        double sending = (phase.lastDone - phase.firstDue) / 1e9;
        log(String.format("  %d sent in %.1f s (%.0f/s), %d not sent in time; outbox %s after %.1f s", phase.shots.size(), sending,
                phase.shots.size() / Math.max(sending, 1e-9), phase.notSentInTime,
                missing == 0 ? "complete" : missing + " still missing", phase.drainSeconds));
    }

    // ---- serve ----

    /**
     * Waits for the banner's last line (serve seeds --profiles before its HTTP routes open and
     * prints the banner after), then for GET /healthz 200.
     */
    private boolean awaitHealthy(Process server, Path log, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                return false;
            }
            try {
                if (!Files.readString(log, StandardCharsets.ISO_8859_1).contains("Press Ctrl-C to stop.")) {
                    Thread.sleep(250);
                    continue;
                }
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/healthz")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return true;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(250);
        }
        return false;
    }

    /** GET /outbox: each signalId with the sentAt of every entry carrying it. */
    private Map<String, List<Instant>> outbox() throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(base.resolve("/outbox")).timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + adminToken).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IOException("GET /outbox answered " + r.statusCode());
        }
        Map<String, List<Instant>> bySignal = new HashMap<>();
        for (JsonNode e : Json.mapper().readTree(r.body())) {
            bySignal.computeIfAbsent(e.path("signalId").asText(), k -> new ArrayList<>()).add(Instant.parse(e.path("sentAt").asText()));
        }
        return bySignal;
    }

    private static void stop(Process server) {
        if (!server.isAlive()) {
            return;
        }
        server.destroy();
        try {
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    // ---- report ----

    private int report(List<PhaseRun> runs, Map<String, List<Instant>> outbox, List<String> command) throws Exception {
        Set<String> known = new HashSet<>();
        List<LoadReport.Phase> phases = new ArrayList<>();
        List<Shot> carts = new ArrayList<>();
        for (PhaseRun p : runs) {
            List<Long> ack = new ArrayList<>();
            List<Long> service = new ArrayList<>();
            List<Long> send = new ArrayList<>();
            Map<String, Integer> statuses = new TreeMap<>();
            int sendNow = 0;
            int schedule = 0;
            int dups = 0;
            int dupAnswers = 0;
            int missing = 0;
            int scheduledButSent = 0;
            int duplicateSends = 0;
            int wrongSendCount = 0;
            for (Shot s : p.shots) {
                statuses.merge(s.error != null ? "error " + s.error : Integer.toString(s.status), 1, Integer::sum);
                if (s.doneNanos > 0) {
                    ack.add(s.doneNanos - s.dueNanos);
                    service.add(s.doneNanos - s.sentNanos);
                }
                if (s.kind == Kind.DUPLICATE) {
                    dups++;
                    if (s.status == 200 && s.answer != null && s.answer.contains("\"duplicate\"")) {
                        dupAnswers++;
                    }
                    continue;
                }
                if (!s.accepted()) {
                    continue;
                }
                known.add(s.signalId());
                List<Instant> sends = outbox.getOrDefault(s.signalId(), List.of());
                if (sends.size() > 1) {
                    duplicateSends++;
                }
                if (s.kind == Kind.SEND_NOW) {
                    sendNow++;
                    if (sends.isEmpty()) {
                        missing++;
                    } else if (sends.size() > 1) {
                        wrongSendCount++;
                    } else {
                        send.add(Duration.between(wall(s.dueNanos), sends.get(0)).toNanos());
                    }
                } else {
                    schedule++;
                    carts.add(s);
                    if (!sends.isEmpty()) {
                        scheduledButSent++;
                    }
                }
            }
            double seconds = Math.max(1e-9, (p.lastDone - p.firstDue) / 1e9);
            phases.add(new LoadReport.Phase(p.name, p.warmup, p.rate, p.seconds, p.planned, p.shots.size(), p.notSentInTime,
                    Math.round(p.shots.size() / seconds * 10) / 10.0, LoadReport.Stats.ofNanos(longs(ack)),
                    LoadReport.Stats.ofNanos(longs(service)), LoadReport.Stats.ofNanos(longs(send)), sendNow, schedule, dups, dupAnswers,
                    missing + wrongSendCount + scheduledButSent, missing, scheduledButSent, duplicateSends, statuses,
                    Math.round(p.drainSeconds * 10) / 10.0));
        }
        int unexpected = 0;
        for (Map.Entry<String, List<Instant>> e : outbox.entrySet()) {
            if (!known.contains(e.getKey())) {
                unexpected += e.getValue().size();
            }
        }
        int[] sample = checkScheduled(carts);

        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        machine.put("note", "generator and serve on the same machine, loopback");
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("serveCommand", String.join(" ", command.subList(1, command.size())).replaceAll("--profiles \\S+", "--profiles <generated>"));
        cfg.put("rates", config.rates());
        cfg.put("durationSeconds", config.durationSeconds());
        cfg.put("warmup", config.warmupRate() + "/s for " + config.warmupSeconds() + " s");
        cfg.put("burst", config.burst());
        cfg.put("maxInFlight", config.inFlight());
        cfg.put("mix", String.format("%.0f%% support.ticket_opened (email, SEND_NOW), %.0f%% commerce.cart_abandoned (SCHEDULE, +1 h), "
                + "%.0f%% re-sent deliveries (duplicates)", 100 * (1 - config.cartShare() - config.duplicateShare()),
                100 * config.cartShare(), 100 * config.duplicateShare()));
        cfg.put("profiles", ticketCustomers + cartCustomers);
        cfg.put("drainSecondsMax", config.drainSeconds());
        cfg.put("settleSeconds", config.settleSeconds());

        LoadReport.Phase at300 = phases.stream().filter(p -> p.targetRate() == 300).findFirst().orElse(null);
        int lost = phases.stream().mapToInt(LoadReport.Phase::notAsPlaybook).sum();
        int duplicated = phases.stream().mapToInt(LoadReport.Phase::duplicateSends).sum();
        Map<String, Object> targets = new LinkedHashMap<>();
        targets.put("rule", "300 req/s sustained with ack p99 < 100 ms; zero lost and zero duplicated over the whole run");
        if (at300 != null) {
            targets.put("achievedRateAt300", at300.achievedRate());
            targets.put("ackP99MsAt300", at300.ack().p99Ms());
            targets.put("sustained300", at300.notSentInTime() == 0 && at300.achievedRate() >= 285
                    && at300.statusCounts().keySet().stream().allMatch(k -> k.equals("200") || k.equals("202")));
            targets.put("ackP99Under100Ms", at300.ack().p99Ms() < 100);
        }
        targets.put("lost", lost);
        targets.put("duplicated", duplicated + unexpected);
        boolean holds = at300 != null && (boolean) targets.get("sustained300") && (boolean) targets.get("ackP99Under100Ms")
                && lost == 0 && duplicated == 0 && unexpected == 0;
        targets.put("hold", holds);

        LoadReport.Run run = new LoadReport.Run(Instant.now().toString(), machine, cfg, phases, unexpected, sample[0], sample[1], targets);
        Path json = config.out().resolve("load.json");
        Path svg = config.out().resolve("load.svg");
        LoadReport.writeJson(run, json);
        LoadReport.writeSvg(phases, svg);
        System.out.println();
        System.out.printf("%-12s %9s %9s %9s %9s %10s %10s %6s %5s %s%n", "phase", "achieved", "ack p50", "ack p99", "svc p99",
                "send p50", "send p99", "lost", "dups", "statuses");
        for (LoadReport.Phase p : phases) {
            System.out.printf("%-12s %7.0f/s %7.1fms %7.1fms %7.1fms %8.0fms %8.0fms %6d %5d %s%n", p.name(), p.achievedRate(),
                    p.ack().p50Ms(), p.ack().p99Ms(), p.ackService().p99Ms(), p.send().p50Ms(), p.send().p99Ms(), p.notAsPlaybook(),
                    p.duplicateSends(), p.statusCounts());
        }
        System.out.println("unexpected outbox entries: " + unexpected + "; sampled SCHEDULE timelines: " + sample[0] + " checked, "
                + sample[1] + " not SCHEDULE");
        System.out.println("targets " + (holds ? "hold" : "do NOT hold") + ": " + targets);
        System.out.println("wrote " + json + " and " + svg);
        return 0;
    }

    /** Reads the timeline of up to 20 accepted cart signals' customers and checks each shows a SCHEDULE decision. */
    private int[] checkScheduled(List<Shot> carts) throws InterruptedException {
        int checked = 0;
        int failed = 0;
        for (int i = 0; i < carts.size() && checked < 20; i += Math.max(1, carts.size() / 20)) {
            Shot s = carts.get(i);
            String customer;
            try {
                customer = Json.mapper().readTree(s.body).path("customerRef").path("customerId").asText();
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/customers/" + customer + "/timeline"))
                        .header("Authorization", "Bearer " + adminToken).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                checked++;
                if (r.statusCode() != 200 || !r.body().contains("SCHEDULE")) {
                    failed++;
                }
            } catch (IOException e) {
                checked++;
                failed++;
            }
        }
        return new int[] {checked, failed};
    }

    private Instant wall(long nanos) {
        return wallBase.plusNanos(nanos - nanoBase);
    }

    private static long[] longs(List<Long> values) {
        long[] a = new long[values.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = values.get(i);
        }
        return a;
    }

    private static void log(String message) {
        System.out.println("[load] " + message);
        System.out.flush();
    }
}
