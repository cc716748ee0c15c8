package dev.righttime.local.simulate;

import com.fasterxml.jackson.databind.ObjectWriter;
import dev.righttime.model.CustomerProfile;
import dev.righttime.model.Decision;
import dev.righttime.model.Json;
import dev.righttime.model.Signal;
import dev.righttime.policy.Playbook;
import dev.righttime.policy.SignalRules;
import dev.righttime.policy.Simulation;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code simulate --profiles P.jsonl --signals S.jsonl [--playbook Y.yaml]}: every input is read
 * and checked before the first decision is printed, so bad input never leaves half an answer.
 */
public final class SimulateCommand {

    public static final String USAGE = "usage: simulate --profiles P.jsonl --signals S.jsonl [--playbook Y.yaml]";

    private SimulateCommand() {
    }

    /** Runs the command; returns the process exit code (0 ok, 1 bad input, 2 bad usage). */
    public static int run(List<String> args, Writer out, PrintStream err) {
        Path profiles = null;
        Path signals = null;
        Path playbookFile = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.equals("--profiles") && !a.equals("--signals") && !a.equals("--playbook")) {
                err.println("simulate: unknown argument '" + a + "'\n" + USAGE);
                return 2;
            }
            if (i + 1 >= args.size()) {
                err.println("simulate: " + a + " needs a file\n" + USAGE);
                return 2;
            }
            Path p = Path.of(args.get(++i));
            switch (a) {
                case "--profiles" -> profiles = p;
                case "--signals" -> signals = p;
                default -> playbookFile = p;
            }
        }
        if (profiles == null || signals == null) {
            err.println("simulate: --profiles and --signals are required\n" + USAGE);
            return 2;
        }
        try {
            Playbook playbook = loadPlaybook(playbookFile);
            Set<String> ids = new HashSet<>();
            List<CustomerProfile> people = JsonLines.read(profiles, CustomerProfile.class, p -> {
                if (!ids.add(p.customerId())) {
                    throw new IllegalArgumentException("customerId '" + p.customerId() + "' appears twice");
                }
            });
            List<Signal> input = JsonLines.read(signals, Signal.class, SignalRules::validate);
            Simulation sim = new Simulation(playbook, people);
            ObjectWriter writer = Json.mapper().writerFor(Decision.class);
            for (Signal s : input) {
                for (Decision d : sim.step(s)) {
                    out.write(writer.writeValueAsString(d));
                    out.write('\n');
                }
            }
            out.flush();
            return 0;
        } catch (JsonLines.InputException e) {
            err.println("simulate: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("simulate: cannot write the output: " + e.getMessage());
            return 1;
        }
    }

    private static Playbook loadPlaybook(Path file) throws JsonLines.InputException {
        if (file == null) {
            return Playbook.defaults();
        }
        try (InputStream in = Files.newInputStream(file)) {
            return Playbook.load(in);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new JsonLines.InputException(file + ": no such file");
        } catch (IOException | RuntimeException e) {
            throw new JsonLines.InputException(file + ": " + dev.righttime.model.JsonErrors.describe(e));
        }
    }
}
