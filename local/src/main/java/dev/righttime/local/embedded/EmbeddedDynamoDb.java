package dev.righttime.local.embedded;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.paginators.QueryIterable;
import software.amazon.awssdk.services.dynamodb.paginators.ScanIterable;

/**
 * DynamoDB Local in this JVM: either {@link #start} as its HTTP server on a free loopback port (what
 * tests and {@code --endpoint} stand-ins talk to), or {@link #inProcess} as DynamoDB Local's own
 * embedded client, which runs the same engine without HTTP, JSON and request signing (about 20x the
 * calls per second over loopback HTTP on this machine: the local runtime's choice). In memory, or in
 * {@code dataDir} so state survives a restart. Its threads are not daemons, so {@link #close()} must run.
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

    /** DynamoDB Local's in-process client: the engine without HTTP. {@code dataDir} null: in memory. */
    public static InProcess inProcess(Path dataDir) {
        // sqlite4java warns "unknown jar version" while DynamoDBEmbedded's class initialiser loads it, and
        // creating the engine sets sqlite4java's logger back to WARNING: silence it before and after.
        SQLITE_LOG.setLevel(java.util.logging.Level.OFF);
        // The second argument disables DynamoDB Local's telemetry (and its metadata file in the working directory).
        AmazonDynamoDBLocal local;
        if (dataDir == null) {
            local = DynamoDBEmbedded.create(true);
        } else {
            try {
                Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new IllegalStateException("cannot create the DynamoDB data directory " + dataDir, e);
            }
            // The file the HTTP server's -sharedDb keeps in its -dbPath, so a --data directory reads the same either way.
            local = DynamoDBEmbedded.create(dataDir.resolve("shared-local-instance.db").toFile(), true);
        }
        SQLITE_LOG.setLevel(java.util.logging.Level.OFF);
        return new InProcess(local);
    }

    /**
     * The in-process engine and its SDK v2 client. DynamoDB Local runs every statement on one SQLite
     * thread behind one monitor; with the local runtime's dozens of HTTP and poller threads calling
     * at once, most of its CPU went to threads spinning on that monitor. The client therefore admits
     * a few callers at a time ({@link #CALLERS}) and parks the rest on a fair semaphore. Item
     * operations skip DynamoDB Local's JSON round trip between SDK versions ({@link DirectDynamoDb}).
     */
    public static final class InProcess implements AutoCloseable {
        static final int CALLERS = 3;
        private final AmazonDynamoDBLocal local;
        private final DynamoDbClient client;

        private InProcess(AmazonDynamoDBLocal local) {
            this.local = local;
            this.client = admitting(local.dynamoDbClient(), new DirectDynamoDb(local.amazonDynamoDB()), new Semaphore(CALLERS, true));
        }

        private static DynamoDbClient admitting(DynamoDbClient engine, DirectDynamoDb direct, Semaphore callers) {
            InvocationHandler handler = (proxy, method, args) -> {
                if (method.getDeclaringClass() == Object.class) {
                    return method.invoke(engine, args);
                }
                Object request = args != null && args.length == 1 ? args[0] : null;
                if (method.isDefault() && request instanceof java.util.function.Consumer<?>) {
                    // The builder overloads build the request and come back through this proxy.
                    return InvocationHandler.invokeDefault(proxy, method, args);
                }
                // Paginators that page through this proxy, not through the engine's own client.
                if (request instanceof QueryRequest q && method.getName().equals("queryPaginator")) {
                    return new QueryIterable((DynamoDbClient) proxy, q);
                }
                if (request instanceof ScanRequest s && method.getName().equals("scanPaginator")) {
                    return new ScanIterable((DynamoDbClient) proxy, s);
                }
                callers.acquireUninterruptibly();
                try {
                    Object answer = request == null ? null : direct.handle(request);
                    return answer != null ? answer : method.invoke(engine, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                } finally {
                    callers.release();
                }
            };
            return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(), new Class<?>[] {DynamoDbClient.class}, handler);
        }

        public DynamoDbClient client() {
            return client;
        }

        @Override
        public void close() {
            local.shutdown();
        }
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
