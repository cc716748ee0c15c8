package dev.righttime.testing;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import dev.righttime.aws.AwsClients;
import dev.righttime.aws.Tables;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** An in-memory DynamoDB Local on a free port, with Right Time's tables. Close it in @AfterAll. */
public final class DynamoDbLocal implements AutoCloseable {

    private final DynamoDBProxyServer server;
    private final DynamoDbClient client;

    private DynamoDbLocal(DynamoDBProxyServer server, DynamoDbClient client) {
        this.server = server;
        this.client = client;
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
        try {
            int port = freePort();
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
                    new String[] {"-inMemory", "-disableTelemetry", "-port", String.valueOf(port)});
            server.start();
            DynamoDbClient client = AwsClients.local(URI.create("http://127.0.0.1:" + port), "us-east-1").dynamoDb();
            return new DynamoDbLocal(server, client);
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start", e);
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
