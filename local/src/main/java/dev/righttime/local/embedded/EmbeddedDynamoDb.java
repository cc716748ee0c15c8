package dev.righttime.local.embedded;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * DynamoDB Local in this JVM on a free loopback port: in memory, or in {@code dataDir} so state
 * survives a restart. Its threads are not daemons, so {@link #close()} must run.
 */
public final class EmbeddedDynamoDb implements AutoCloseable {

    /** Held strongly: java.util.logging forgets a logger's level once nobody references it. */
    private static final java.util.logging.Logger SQLITE_LOG = java.util.logging.Logger.getLogger("com.almworks.sqlite4java");

    private final DynamoDBProxyServer server;
    private final URI endpoint;

    private EmbeddedDynamoDb(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.endpoint = URI.create("http://127.0.0.1:" + port);
    }

    public static EmbeddedDynamoDb start(Path dataDir) {
        int port = FreePort.find();
        try {
            String[] args;
            if (dataDir == null) {
                args = new String[]{"-inMemory", "-port", String.valueOf(port), "-disableTelemetry"};
            } else {
                Files.createDirectories(dataDir);
                args = new String[]{"-dbPath", dataDir.toString(), "-sharedDb", "-port", String.valueOf(port), "-disableTelemetry"};
            }
            // DynamoDB Local prints its configuration banner on stdout and sqlite4java warns through
            // java.util.logging; neither is ours to show.
            SQLITE_LOG.setLevel(java.util.logging.Level.OFF);
            DynamoDBProxyServer server;
            java.io.PrintStream stdout = System.out;
            synchronized (System.class) {
                System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
                try {
                    server = ServerRunner.createServerFromCommandLineArgs(args);
                } finally {
                    System.setOut(stdout);
                }
            }
            // ServerRunner resets java.util.logging's configuration: quiet sqlite4java again.
            SQLITE_LOG.setLevel(java.util.logging.Level.OFF);
            server.start();
            return new EmbeddedDynamoDb(server, port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the DynamoDB data directory " + dataDir, e);
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start on port " + port, e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            // Stopping is best effort; the process is going away.
        }
    }
}
