package dev.righttime.local.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.righttime.model.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SimulateCommandTest {

    @TempDir
    Path dir;

    static final String PROFILE = """
            {"customerId":"c1","timezone":"Europe/Berlin","consent":{"email":true},"addresses":{"email":"ada@example.com"},"preferredChannel":"email"}
            """;
    static final String CART = """
            {"signalId":"s:1","source":"shop","type":"commerce.cart_abandoned","occurredAt":"2026-03-02T10:00:00Z","customerRef":{"customerId":"c1"}}
            """;

    record Run(int exit, String out, String err) {
    }

    Run simulate(String... args) {
        StringWriter out = new StringWriter();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = SimulateCommand.run(List.of(args), out, new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(), err.toString(StandardCharsets.UTF_8));
    }

    Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void samplesInEventsPrintOneRecordPerSignalInInputOrder() throws IOException {
        Path events = Path.of("..", "events", "simulate");
        Run r = simulate("--profiles", events.resolve("profiles.jsonl").toString(),
                "--signals", events.resolve("signals.jsonl").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> inputIds = new ArrayList<>();
        for (String line : Files.readAllLines(events.resolve("signals.jsonl"))) {
            inputIds.add(Json.mapper().readTree(line).get("signalId").asText());
        }
        List<String> outputIds = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            JsonNode d = Json.mapper().readTree(line);
            assertThat(d.fieldNames()).toIterable().containsExactly(
                    "signalId", "customerId", "outcome", "channel", "sendAt", "deadline", "fallback", "cancels", "reasons");
            String id = d.get("signalId").asText();
            if (outputIds.isEmpty() || !outputIds.get(outputIds.size() - 1).equals(id) || d.get("outcome").asText().equals("DUPLICATE")) {
                outputIds.add(id);
            }
        }
        // Fan-out lines are consecutive, so collapsing runs gives back the input order.
        assertThat(outputIds).isEqualTo(inputIds);
    }

    @Test
    void aCustomPlaybookIsMergedOverTheDefault() throws IOException {
        Path profiles = file("p.jsonl", PROFILE);
        Path signals = file("s.jsonl", CART);
        Path playbook = file("y.yaml", "marketing: {cartAbandonedDelay: PT2H}\n");
        Run r = simulate("--profiles", profiles.toString(), "--signals", signals.toString(), "--playbook", playbook.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Json.mapper().readTree(r.out()).get("sendAt").asText()).isEqualTo("2026-03-02T12:00:00Z");
    }

    static Stream<Arguments> badSignals() {
        return Stream.of(
                Arguments.of("not JSON", CART + "{\"signalId\": \n", ":2: "),
                Arguments.of("unknown signal type", CART + CART.replace("commerce.cart_abandoned", "commerce.cart_lost"),
                        ":2: type: unknown signal type 'commerce.cart_lost'"),
                Arguments.of("missing occurredAt", "{\"signalId\":\"s:1\",\"type\":\"commerce.cart_abandoned\"}\n", ":1: occurredAt is required"),
                Arguments.of("missing signalId", "{\"type\":\"commerce.cart_abandoned\",\"occurredAt\":\"2026-03-02T10:00:00Z\"}\n", ":1: signalId is required"),
                Arguments.of("bad instant", CART.replace("2026-03-02T10:00:00Z", "yesterday"), ":1: occurredAt"),
                Arguments.of("a JSON array", "[1,2]\n", ":1: "),
                Arguments.of("trailing garbage", CART.strip() + " {}\n", ":1: "),
                Arguments.of("unknown timezone in profile.updated", CART
                        + "{\"signalId\":\"s:2\",\"type\":\"profile.updated\",\"occurredAt\":\"2026-03-02T10:00:00Z\",\"customerRef\":{\"customerId\":\"c1\"},\"attributes\":{\"timezone\":\"Mars/Olympus\"}}\n",
                        ":2: profile.updated: timezone: unknown timezone 'Mars/Olympus'"),
                Arguments.of("consent.changed without granted", "{\"signalId\":\"s:2\",\"type\":\"consent.changed\",\"occurredAt\":\"2026-03-02T10:00:00Z\",\"customerRef\":{\"customerId\":\"c1\"},\"attributes\":{\"channel\":\"email\"}}\n",
                        ":1: consent.changed needs attributes.granted true or false"),
                Arguments.of("emergency without segment", "{\"signalId\":\"e:1\",\"type\":\"emergency.alert\",\"occurredAt\":\"2026-03-02T10:00:00Z\"}\n",
                        ":1: emergency.alert needs attributes.segment"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSignals")
    void badSignalLinesFailWithFileAndLineAndPrintNothing(String name, String signals, String expected) throws IOException {
        Path profiles = file("p.jsonl", PROFILE);
        Path s = file("s.jsonl", signals);
        Run r = simulate("--profiles", profiles.toString(), "--signals", s.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("simulate: " + s).contains(expected);
        assertThat(r.err().lines()).hasSize(1);
    }

    @Test
    void aPartialQuietHoursUpdateMergesFieldByFieldInsteadOfFailingTheRun() throws IOException {
        // Quiet 23:00 (the update) to 01:30 (the update) in New York; on the fall-back night 01:45 EDT is inside.
        Path profiles = file("p.jsonl", "{\"customerId\":\"c1\",\"timezone\":\"America/New_York\",\"consent\":{\"email\":true}}\n");
        Path signals = file("s.jsonl", """
                {"signalId":"u:1","type":"profile.updated","occurredAt":"2026-10-30T00:00:00Z","customerRef":{"customerId":"c1"},"attributes":{"quietHours":{"end":"01:30"}}}
                {"signalId":"u:2","type":"profile.updated","occurredAt":"2026-10-30T00:00:01Z","customerRef":{"customerId":"c1"},"attributes":{"quietHours":{"start":"23:00"}}}
                {"signalId":"s:1","type":"commerce.cart_abandoned","occurredAt":"2026-11-01T04:45:00Z","customerRef":{"customerId":"c1"}}
                """);
        Run r = simulate("--profiles", profiles.toString(), "--signals", signals.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().lines().toList()).hasSize(3).last().asString()
                .contains("\"outcome\":\"SCHEDULE\"", "\"sendAt\":\"2026-11-01T06:30:00Z\"", "quiet_hours");
    }

    @Test
    void unknownTimezoneInAProfileNamesFileAndLine() throws IOException {
        Path profiles = file("p.jsonl", PROFILE + "\n{\"customerId\":\"c2\",\"timezone\":\"Europe/Atlantis\"}\n");
        Run r = simulate("--profiles", profiles.toString(), "--signals", file("s.jsonl", CART).toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains(profiles + ":3: timezone: unknown timezone 'Europe/Atlantis'");
    }

    @Test
    void malformedQuietHoursAndDuplicateCustomersAreRejected() throws IOException {
        Path bad = file("p.jsonl", "{\"customerId\":\"c1\",\"quietHours\":{\"start\":\"25:00\",\"end\":\"08:00\"}}\n");
        Run r = simulate("--profiles", bad.toString(), "--signals", file("s.jsonl", CART).toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains(bad + ":1: quietHours.start");

        Path twice = file("p2.jsonl", PROFILE + PROFILE);
        r = simulate("--profiles", twice.toString(), "--signals", file("s.jsonl", CART).toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains(twice + ":2: customerId 'c1' appears twice");
    }

    @Test
    void unreadableAndNonUtf8FilesAreNamed() throws IOException {
        Path missing = dir.resolve("nope.jsonl");
        Run r = simulate("--profiles", missing.toString(), "--signals", file("s.jsonl", CART).toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains(missing + ": no such file");

        Path latin1 = dir.resolve("latin1.jsonl");
        Files.write(latin1, (CART + "{\"signalId\":\"s:\u00e9\"}\n").getBytes(StandardCharsets.ISO_8859_1));
        r = simulate("--profiles", file("p.jsonl", PROFILE).toString(), "--signals", latin1.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains(latin1 + ":2: not UTF-8 text");
    }

    @Test
    void badPlaybookAndBadUsage() throws IOException {
        Path p = file("p.jsonl", PROFILE);
        Path s = file("s.jsonl", CART);
        Path typo = file("y.yaml", "marketing: {cartAbandonedDelai: PT2H}\n");
        Run r = simulate("--profiles", p.toString(), "--signals", s.toString(), "--playbook", typo.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains(typo.toString()).contains("cartAbandonedDelai");

        Path negative = file("n.yaml", "approval: {reachThreshold: -1}\n");
        r = simulate("--profiles", p.toString(), "--signals", s.toString(), "--playbook", negative.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("approval.reachThreshold must be >= 0");

        r = simulate("--signals", s.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--profiles and --signals are required");

        r = simulate("--profiles", p.toString(), "--signals");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--signals needs a file");

        r = simulate("--profiles", p.toString(), "--signals", s.toString(), "--verbose");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown argument '--verbose'");
    }
}
