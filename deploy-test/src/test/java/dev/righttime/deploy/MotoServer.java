package dev.righttime.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * moto_server (moto 5: DynamoDB, SQS, EventBridge, Scheduler, SESv2, SNS, SSM) on a free loopback
 * port, for one test class. Started with {@link #start()}, stopped (with its children) by close.
 */
final class MotoServer implements AutoCloseable {

    static final String REGION = "eu-central-1";
    static final String ACCOUNT = "123456789012"; // moto's default account

    private final Process process;
    private final URI endpoint;
    private final Path log;

    private MotoServer(Process process, URI endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
    }

    static MotoServer start() {
        Path exe = Tools.require("moto_server");
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) { // a port taken between probe and bind: try another
            int port = freePort();
            try {
                Path log = Files.createTempFile("moto-", ".log");
                Process p = new ProcessBuilder(exe.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
                MotoServer moto = new MotoServer(p, URI.create("http://127.0.0.1:" + port), log);
                if (moto.awaitUp(Duration.ofSeconds(60))) {
                    return moto;
                }
                last = new IllegalStateException("moto_server did not answer on port " + port + ": " + moto.logTail());
                moto.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw last;
    }

    URI endpoint() {
        return endpoint;
    }

    /** The whole of moto's recorded state (sent emails, SMS, ...): GET /moto-api/data.json. */
    String data() throws IOException {
        HttpURLConnection c = (HttpURLConnection) endpoint.resolve("/moto-api/data.json").toURL().openConnection();
        try (var in = c.getInputStream()) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } finally {
            c.disconnect();
        }
    }

    private boolean awaitUp(Duration timeout) throws IOException {
        Instant until = Instant.now().plus(timeout);
        while (Instant.now().isBefore(until)) {
            if (!process.isAlive()) {
                return false;
            }
            try {
                HttpURLConnection c = (HttpURLConnection) endpoint.resolve("/moto-api/data.json").toURL().openConnection();
                c.setConnectTimeout(500);
                c.setReadTimeout(5000);
                int status = c.getResponseCode();
                c.disconnect();
                if (status == 200) {
                    return true;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private String logTail() {
        try {
            String s = Files.readString(log);
            return s.substring(Math.max(0, s.length() - 2000));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a temp file
        }
    }
}
