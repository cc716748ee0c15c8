package dev.righttime.testing;

import dev.righttime.aws.AwsClients;
import java.net.URI;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.elasticmq.StrictSQSLimits$;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import scala.Option;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * ElasticMQ whose SQS endpoint can be stopped and restarted on the same fixed port while its queues
 * and messages live on (the queue manager actor outlives the HTTP server), as an SQS endpoint that
 * is unreachable for a while: the service keeps what it accepted, clients just cannot reach it.
 */
public final class RestartableElasticMq implements AutoCloseable {

    private final ActorSystem system = ActorSystem.create("elasticmq-restartable");
    private final ActorRef queueManager = system.actorOf(Props.create(QueueManagerActor.class,
            () -> new QueueManagerActor(new org.elasticmq.util.NowProvider(), StrictSQSLimits$.MODULE$, Option.empty())));
    private final int port;
    private final SqsClient client;
    private volatile SQSRestServer server;

    public RestartableElasticMq() throws Exception {
        port = DynamoDbLocal.freePort();
        start();
        client = AwsClients.local(endpoint(), "us-east-1").sqs();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public SqsClient client() {
        return client;
    }

    /** Starts the HTTP endpoint (again) on the same port, over the same queues. */
    public synchronized void start() {
        server = SQSRestServerBuilder.withActorSystem(system).withQueueManagerActor(queueManager)
                .withInterface("127.0.0.1").withPort(port).start();
        server.waitUntilStarted();
    }

    /** Stops the HTTP endpoint: connections are refused until {@link #start()}. */
    public synchronized void stop() {
        server.stopAndWait();
    }

    @Override
    public void close() {
        client.close();
        server.stopAndWait();
        system.terminate();
    }
}
