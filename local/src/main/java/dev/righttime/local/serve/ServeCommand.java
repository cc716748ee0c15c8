package dev.righttime.local.serve;

import dev.righttime.local.simulate.JsonLines;
import dev.righttime.flow.RecoverySweep;
import dev.righttime.model.CustomerProfile;
import dev.righttime.model.JsonErrors;
import dev.righttime.policy.Playbook;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code serve [--port N] [--data DIR] [--endpoint URL] [--profiles P.jsonl] [--playbook Y.yaml]}:
 * the whole flow on this machine until Ctrl-C.
 */
public final class ServeCommand {

    public static final String USAGE =
            "usage: serve [--port N] [--data DIR] [--endpoint URL] [--profiles P.jsonl] [--playbook Y.yaml]";

    /** Parsed arguments shared by serve and demo. */
    public record Args(LocalRuntime.Options options, Path profiles) {
    }

    /** Thrown for bad arguments or input; the message is for the user. */
    public static final class UsageException extends Exception {
        final int exit;

        public UsageException(String message, int exit) {
            super(message);
            this.exit = exit;
        }

        public int exit() {
            return exit;
        }
    }

    private ServeCommand() {
    }

    public static Args parse(String command, List<String> args, LocalRuntime.Options base) throws UsageException {
        LocalRuntime.Options o = base;
        Path profiles = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (i + 1 >= args.size()) {
                throw new UsageException(command + ": " + (a.startsWith("--") ? a + " needs a value" : "unknown argument '" + a + "'"), 2);
            }
            String v = args.get(++i);
            switch (a) {
                case "--port" -> {
                    try {
                        int port = Integer.parseInt(v);
                        if (port < 0 || port > 65535) {
                            throw new NumberFormatException();
                        }
                        o = o.withPort(port);
                    } catch (NumberFormatException e) {
                        throw new UsageException(command + ": --port needs a number from 0 to 65535, got '" + v + "'", 2);
                    }
                }
                case "--data" -> o = o.withData(Path.of(v));
                case "--endpoint" -> {
                    URI uri = URI.create(v);
                    if (uri.getScheme() == null || uri.getHost() == null) {
                        throw new UsageException(command + ": --endpoint needs a URL such as http://localhost:4566, got '" + v + "'", 2);
                    }
                    o = o.withEndpoint(uri);
                }
                case "--profiles" -> profiles = Path.of(v);
                case "--playbook" -> {
                    Path p = Path.of(v);
                    try (InputStream in = Files.newInputStream(p)) {
                        o = o.withPlaybook(Playbook.load(in));
                    } catch (IOException | RuntimeException e) {
                        throw new UsageException(command + ": " + p + ": " + JsonErrors.describe(e), 1);
                    }
                }
                default -> throw new UsageException(command + ": unknown argument '" + a + "'", 2);
            }
        }
        if (o.data() != null && o.endpoint() != null) {
            throw new UsageException(command + ": --data keeps the embedded stores' state; with --endpoint the state lives there", 2);
        }
        return new Args(o, profiles);
    }

    public static List<CustomerProfile> profiles(Path file) throws UsageException {
        if (file == null) {
            return List.of();
        }
        try {
            return JsonLines.read(file, CustomerProfile.class, p -> { });
        } catch (JsonLines.InputException e) {
            throw new UsageException(e.getMessage(), 1);
        }
    }

    public static int run(List<String> argv, PrintStream out, PrintStream err) {
        Args args;
        List<CustomerProfile> profiles;
        try {
            args = parse("serve", argv, LocalRuntime.Options.defaults());
            profiles = profiles(args.profiles());
        } catch (UsageException e) {
            err.println(e.getMessage());
            if (e.exit() == 2) {
                err.println(USAGE);
            }
            return e.exit();
        }
        LocalRuntime runtime;
        try {
            runtime = new LocalRuntime(args.options().withProfiles(profiles));
        } catch (BindException e) {
            err.println("serve: port " + args.options().port() + " is in use; pick another with --port N");
            return 1;
        } catch (IOException | RuntimeException e) {
            err.println("serve: could not start: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return 1;
        }
        printBanner(runtime, profiles.size(), out);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("stopping ...");
            runtime.close();
            out.println("stopped.");
            stopped.countDown();
        }, "serve-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    static void printBanner(LocalRuntime runtime, int seeded, PrintStream out) {
        String base = runtime.baseUrl();
        out.println("Right Time is running on " + base);
        out.println("  stores      " + runtime.storesDescription());
        if (runtime.options().endpoint() != null) {
            out.println("  durability  the queues at the endpoint keep accepted work");
        } else if (runtime.recovery() == null) {
            out.println("  durability  NONE: everything is in memory; stopping or killing serve loses in-flight work"
                    + " (accepted webhooks not yet decided, replies not yet sent). Use --data DIR to keep it.");
        } else {
            RecoverySweep.Result r = runtime.recovery();
            out.println("  durability  --data: accepted work survives a kill; at start-up " + r.signalsRequeued()
                    + " signals and " + r.responsesRequeued() + " replies were queued again");
        }
        if (seeded > 0) {
            out.println("  profiles    " + seeded + " seeded");
        }
        out.println("  newsroom    " + base + "/");
        out.println("  webhooks    " + base + "/webhooks/{standard,stripe,shopify,zendesk,segment,x}");
        out.println("  approvals   " + base + "/approvals   (Authorization: Bearer <RIGHTTIME_ADMIN_TOKEN>)");
        out.println("  outbox      " + base + "/outbox     (Authorization: Bearer <RIGHTTIME_ADMIN_TOKEN>)");
        out.println("  health      " + base + "/healthz");
        if (!runtime.secrets().generated().isEmpty()) {
            out.println("Generated for this machine (set them in the environment to choose your own):");
            for (String name : runtime.secrets().generated()) {
                out.println("  " + name + "=" + runtime.secrets().get(name));
            }
        }
        out.println("Press Ctrl-C to stop.");
        out.flush();
    }
}
