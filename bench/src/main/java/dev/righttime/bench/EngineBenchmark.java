package dev.righttime.bench;

import dev.righttime.model.CustomerProfile;
import dev.righttime.model.Decision;
import dev.righttime.model.Json;
import dev.righttime.model.Signal;
import dev.righttime.policy.DecisionEngine;
import dev.righttime.policy.History;
import dev.righttime.policy.InMemoryHistory;
import dev.righttime.policy.Playbook;
import dev.righttime.policy.Simulation;
import dev.righttime.policy.Subject;
import com.fasterxml.jackson.databind.ObjectReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Engine decisions per second on one thread, against the floor of Jackson-parsing the same
 * signals' JSON. Each op handles one signal of a 4,096-signal mix, cycling.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EngineBenchmark {

    static final int N = 4_096;

    List<String> lines;
    Signal[] signals;
    Subject[] subjects;
    Instant[] nows;
    History history;
    DecisionEngine engine;
    ObjectReader reader;
    int i;

    @Setup(Level.Trial)
    public void setup() {
        lines = Workload.signals(N, 42);
        List<CustomerProfile> profiles = Workload.parse(Workload.profiles(), CustomerProfile.class);
        List<Signal> parsed = Workload.parse(lines, Signal.class);
        Playbook playbook = Playbook.defaults();
        engine = new DecisionEngine(playbook);
        reader = Json.mapper().readerFor(Signal.class);

        // A realistic history: play a day of earlier signals first, so caps and cancels have work to do.
        Simulation warm = new Simulation(playbook, profiles);
        InMemoryHistory past = new InMemoryHistory();
        for (Signal s : Workload.parse(Workload.signals(N, 7), Signal.class)) {
            Signal earlier = new Signal("past:" + s.signalId(), s.source(), s.type(), s.occurredAt().minusSeconds(86_400),
                    s.customerRef(), s.attributes());
            past.record(earlier, warm.step(earlier));
        }
        history = past;

        Map<String, CustomerProfile> byId = new HashMap<>();
        Map<String, CustomerProfile> byX = new HashMap<>();
        List<CustomerProfile> storm = new ArrayList<>();
        for (CustomerProfile p : profiles) {
            byId.put(p.customerId(), p);
            byX.put(p.addresses().x(), p);
            if (p.segmentsOrNone().contains("storm-area")) {
                storm.add(p);
            }
        }
        signals = parsed.toArray(Signal[]::new);
        subjects = new Subject[N];
        nows = new Instant[N];
        for (int k = 0; k < N; k++) {
            Signal s = signals[k];
            CustomerProfile p = s.customerRef().customerId() != null ? byId.get(s.customerRef().customerId())
                    : s.customerRef().x() != null ? byX.get(s.customerRef().x()) : null;
            subjects[k] = switch (s.type()) {
                case EMERGENCY_ALERT -> Subject.segment(storm);
                default -> p != null ? Subject.customer(p) : Subject.unknown(null);
            };
            nows[k] = s.occurredAt();
        }
    }

    /** One decision (or fan-out) per op: profile and history already loaded, as in the decide function. */
    @Benchmark
    public List<Decision> decide() {
        int k = i++ & (N - 1);
        return engine.decide(signals[k], subjects[k], history, nows[k]);
    }

    /** The floor: Jackson turning the same signal's JSON into a Signal record. */
    @Benchmark
    public Signal parseJson() throws Exception {
        int k = i++ & (N - 1);
        return reader.readValue(lines.get(k));
    }
}
