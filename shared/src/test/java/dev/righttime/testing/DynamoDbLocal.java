package dev.righttime.testing;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import dev.righttime.aws.AwsClients;
import dev.righttime.aws.Tables;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A DynamoDB Local on a free port, with Right Time's tables: in memory ({@link #start()}), or kept
 * in files ({@link #startPersistent(Path)}) so it can be stopped and restarted on the same port
 * with its data, as an outage would. Close it in @AfterAll.
 */
public final class DynamoDbLocal implements AutoCloseable {

    private final String[] args;
    private final int port;
    private volatile DynamoDBProxyServer server;
    private final DynamoDbClient client;

    private DynamoDbLocal(String[] args, int port) {
        this.args = args;
        this.port = port;
        this.server = startServer(args);
        this.client = AwsClients.local(endpoint(), "us-east-1").dynamoDb();
    }

    private static DynamoDbLocal shared;

    /**
     * One DynamoDB Local for the whole test JVM, started on first use and stopped at exit: test
     * classes that use it need no start/stop of their own (each makes its own tables by prefix).
     */
    public static synchronized DynamoDbLocal shared() {
        if (shared == null) {
            DynamoDbLocal started = start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (Exception ignored) {
                    // The JVM is exiting anyway.
                }
            }));
            shared = started;
        }
        return shared;
    }

    public static DynamoDbLocal start() {
        int port = freePortOrFail();
        return new DynamoDbLocal(new String[] {"-inMemory", "-disableTelemetry", "-port", String.valueOf(port)}, port);
    }

    /** Tables and items live in {@code dir}, so they survive {@link #stop()} and {@link #restart()}. */
    public static DynamoDbLocal startPersistent(Path dir) {
        int port = freePortOrFail();
        return new DynamoDbLocal(new String[] {"-dbPath", dir.toString(), "-sharedDb", "-disableTelemetry", "-port",
                String.valueOf(port)}, port);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Stops the server; the client's calls fail until {@link #restart()}. */
    public synchronized void stop() throws Exception {
        server.stop();
    }

    /** Starts the server again on the same port (with its data only when persistent). */
    public synchronized void restart() {
        server = startServer(args);
    }

    private static DynamoDBProxyServer startServer(String[] args) {
        try {
            DynamoDBProxyServer s = ServerRunner.createServerFromCommandLineArgs(args);
            s.start();
            return s;
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start", e);
        }
    }

    private static int freePortOrFail() {
        try {
            return freePort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    /** Creates the four tables named with {@code prefix} and returns their names. */
    public Tables.Names createTables(String prefix) {
        Tables.Names names = Tables.Names.withPrefix(prefix);
        Tables.createAll(client, names);
        return names;
    }

    public DynamoDbClient client() {
        return client;
    }

    @Override
    public void close() throws Exception {
        client.close();
        server.stop();
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
