package dev.righttime.local.embedded;

import java.net.URI;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.elasticmq.Limits;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.util.NowProvider;
import scala.Option;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * ElasticMQ (SQS JSON protocol) in this JVM on a free loopback port. {@link #inProcess} gives a
 * client that reaches the same queues without HTTP for the message operations (serve's choice).
 */
public final class EmbeddedSqs implements AutoCloseable {

    private final ActorSystem actors;
    private final ActorRef queueManager;
    private final SQSRestServer server;
    private final URI endpoint;

    private EmbeddedSqs(ActorSystem actors, ActorRef queueManager, SQSRestServer server, int port) {
        this.actors = actors;
        this.queueManager = queueManager;
        this.server = server;
        this.endpoint = URI.create("http://127.0.0.1:" + port);
    }

    public static EmbeddedSqs start() {
        // Our own actor system and queue manager, given to the HTTP server, so in-process clients reach the same queues.
        ActorSystem actors = ActorSystem.create("elasticmq");
        Limits limits = SQSRestServerBuilder.sqsLimits();
        ActorRef queueManager = actors.actorOf(Props.create(QueueManagerActor.class,
                () -> new QueueManagerActor(new NowProvider(), limits, Option.empty())));
        SQSRestServer server = SQSRestServerBuilder.withActorSystem(actors).withQueueManagerActor(queueManager)
                .withInterface("127.0.0.1").withDynamicPort().start();
        int port = server.waitUntilStarted().localAddress().getPort();
        return new EmbeddedSqs(actors, queueManager, server, port);
    }

    public URI endpoint() {
        return endpoint;
    }

    /**
     * A client of these queues that sends, receives, deletes and changes visibility in process
     * ({@link InProcessSqs}) and asks {@code http} (a client of {@link #endpoint()}) for the rest.
     */
    public SqsClient inProcess(SqsClient http) {
        return InProcessSqs.client(http, queueManager);
    }

    @Override
    public void close() {
        server.stopAndWait();
        actors.terminate();
        try {
            scala.concurrent.Await.ready(actors.whenTerminated(), scala.concurrent.duration.Duration.create(10, "s"));
        } catch (java.util.concurrent.TimeoutException | InterruptedException e) {
            // Stopping is best effort; the process is going away.
        }
    }
}
