package dev.righttime.bench;

import com.fasterxml.jackson.databind.ObjectReader;
import dev.righttime.model.Json;
import dev.righttime.model.Signal;
import dev.righttime.triage.LexiconTriage;
import dev.righttime.triage.Triage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
 * The built-in mention triage on one thread, against the floor of Jackson-parsing the same
 * mention's signal JSON. Each op triages one of 1,024 generated mentions (handles, links,
 * hashtags, emoji, caps, sarcasm; 40 to 280 characters), cycling.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TriageBenchmark {

    static final int N = 1_024;

    static final String[] OPENERS = {"@brand", "@brand @support", "Hey @brand,", "", "RT-free: @brand", "@Brand_Help"};
    static final String[] BODIES = {
            "my bag is lost and nobody at the desk can tell me anything", "thanks for the 3 hour delay 🙄",
            "still waiting on a refund after 3 weeks", "why is nobody answering the phone?? on hold for 2 hours",
            "flight Cancelled Flightled and no rebooking option in the app", "WORST. SERVICE. EVER. #fail",
            "can you help me change my flight to tomorrow?", "is there wifi on the 7am to Boston?",
            "love the crew, thank you so much! ❤️", "great flight :) best airline #BestAirline",
            "sooo good, landed early and the staff were amazing", "not bad at all, no delays this time",
            "flying to Denver tomorrow", "boarding now", "thanks for nothing", "ugh seriously?",
            "despite the delay the crew was fantastic, thanks", "my order never arrived and the app says delivered"};
    static final String[] CLOSERS = {"", " https://t.co/AbC123xyz", " #CustomerService", " 😡😡", " :(", " :)", " pls help",
            " @someone @another", "!!!"};

    String[] texts;
    List<String> json;
    LexiconTriage triage;
    ObjectReader reader;
    int i;

    @Setup(Level.Trial)
    public void setup() {
        Random random = new Random(42);
        texts = new String[N];
        json = new ArrayList<>(N);
        for (int k = 0; k < N; k++) {
            StringBuilder t = new StringBuilder(OPENERS[random.nextInt(OPENERS.length)]).append(' ')
                    .append(BODIES[random.nextInt(BODIES.length)]);
            if (random.nextInt(3) == 0) {
                t.append(". ").append(BODIES[random.nextInt(BODIES.length)]);
            }
            t.append(CLOSERS[random.nextInt(CLOSERS.length)]);
            texts[k] = t.length() > 280 ? t.substring(0, 280) : t.toString();
            json.add("{\"signalId\":\"x:" + k + "\",\"source\":\"x\",\"type\":\"social.mention\",\"occurredAt\":\"2026-03-03T10:00:00Z\","
                    + "\"customerRef\":{\"x\":\"@user" + k + "\"},\"attributes\":{\"sentiment\":\"unknown\",\"followers\":120,\"text\":"
                    + Json.mapper().valueToTree(texts[k]) + ",\"url\":\"https://x.com/user/status/" + k + "\"}}");
        }
        triage = LexiconTriage.shared();
        reader = Json.mapper().readerFor(Signal.class);
    }

    /** One mention's text triaged: normalisation, lexicon scoring, the decision. */
    @Benchmark
    public Triage classify() {
        return triage.classify(texts[i++ & (N - 1)]);
    }

    /** The floor: Jackson turning the same mention's signal JSON into a Signal record. */
    @Benchmark
    public Signal parseMentionJson() throws Exception {
        return reader.readValue(json.get(i++ & (N - 1)));
    }
}
