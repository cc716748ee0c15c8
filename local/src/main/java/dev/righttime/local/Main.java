package dev.righttime.local;

import dev.righttime.local.simulate.SimulateCommand;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** {@code java -jar righttime-local.jar <command>}: the laptop entry point of Right Time. */
public final class Main {

    static final String USAGE = """
            usage: java -jar righttime-local.jar <command> [options]

            commands:
              serve [--port N] [--data DIR] [--endpoint URL] [--profiles P.jsonl] [--playbook Y.yaml]
                  the whole flow on this machine: embedded DynamoDB Local, ElasticMQ, scheduler, HTTP on --port (8080)
              demo [--port N] [--events DIR]
                  a fresh stack, the signed sample webhooks of events/demo, a simulated clock; prints each timeline
              simulate --profiles P.jsonl --signals S.jsonl [--playbook Y.yaml]
                  run the decision engine over the signals, one decision record per line on stdout
              import --profiles P.jsonl --url URL [--token T]
                  PUT each profile through the profile API of serve or a deployed stack (bearer token or JWT)
              help
                  this text
            """;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        return switch (args[0]) {
            case "serve" -> dev.righttime.local.serve.ServeCommand.run(rest, System.out, System.err);
            case "demo" -> dev.righttime.local.demo.DemoCommand.run(rest, System.out, System.err);
            case "import" -> dev.righttime.local.profiles.ImportCommand.run(rest, System.out, System.err, System::getenv);
            case "simulate" -> SimulateCommand.run(rest,
                    new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16), System.err);
            default -> {
                System.err.print("unknown command '" + args[0] + "'\n" + USAGE);
                yield 2;
            }
        };
    }
}
