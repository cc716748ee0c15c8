package dev.righttime.ingest;

import dev.righttime.aws.AwsClients;
import dev.righttime.aws.AwsParts;
import dev.righttime.aws.Config;
import dev.righttime.aws.SsmSecrets;
import dev.righttime.webhook.Intake;
import dev.righttime.webhook.SecretRefs;
import dev.righttime.webhook.Sources;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.UnaryOperator;

/**
 * webhook-ingest's composition root on AWS: DELIVERIES_TABLE, SIGNALS_QUEUE_URL, the sources
 * (SOURCES_FILE, else the built-in ones) and their secrets ({@code RIGHTTIME_SECRET_<SOURCE>}, a
 * value or an {@code ssm:} path, read when a delivery arrives).
 */
public final class IngestWiring {

    private IngestWiring() {
    }

    public static Intake intake(Config config, AwsClients aws) {
        AwsParts parts = AwsParts.of(aws, config);
        return new Intake(sources(config), new SecretRefs(config.env()::get, lazySsm(aws)), parts.deliveries(),
                parts.queue("SIGNALS_QUEUE_URL"), Clock.systemUTC());
    }

    /** The SSM client is built on the first {@code ssm:} secret only, so env-only setups start faster. */
    private static UnaryOperator<String> lazySsm(AwsClients aws) {
        return new UnaryOperator<>() {
            private volatile SsmSecrets ssm;

            @Override
            public String apply(String path) {
                SsmSecrets s = ssm;
                if (s == null) {
                    synchronized (this) {
                        if (ssm == null) {
                            ssm = new SsmSecrets(aws.ssm());
                        }
                        s = ssm;
                    }
                }
                return s.apply(path);
            }
        };
    }

    static Sources sources(Config config) {
        return config.optional("SOURCES_FILE").map(file -> {
            try (InputStream in = Files.newInputStream(Path.of(file))) {
                return Sources.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read SOURCES_FILE " + file, e);
            }
        }).orElseGet(Sources::defaults);
    }
}
