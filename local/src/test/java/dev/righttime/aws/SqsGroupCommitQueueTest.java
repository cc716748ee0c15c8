package dev.righttime.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.righttime.port.MessageQueue.QueueUnavailableException;
import dev.righttime.testing.RestartableElasticMq;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

class SqsGroupCommitQueueTest {

    private static RestartableElasticMq mq;

    @BeforeAll
    static void start() throws Exception {
        mq = new RestartableElasticMq();
    }

    @AfterAll
    static void stop() {
        mq.close();
    }

    /** A client that counts its SendMessageBatch calls. */
    private static SqsClient counting(AtomicInteger batches) {
        return SqsClient.builder().region(software.amazon.awssdk.regions.Region.US_EAST_1).endpointOverride(mq.endpoint())
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("local", "local")))
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if ("SendMessageBatch".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
                            batches.incrementAndGet();
                        }
                    }
                }))
                .build();
    }

    private static String newQueue() {
        return mq.client().createQueue(b -> b.queueName("group-" + System.nanoTime())).queueUrl();
    }

    private static Map<String, String> drain(String url) {
        Map<String, String> byId = new HashMap<>();
        for (int empty = 0; empty < 2; ) {
            List<Message> got = mq.client().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0)
                    .messageAttributeNames("All").messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            empty = got.isEmpty() ? empty + 1 : 0;
            for (Message m : got) {
                String id = m.messageAttributes().get("righttime-id").stringValue();
                assertThat(byId.put(id, m.body())).as("message %s arrived once", id).isNull();
            }
        }
        return byId;
    }

    /** Each of {@code threads} threads sends {@code perThread} messages, all starting together; returns when all are sent. */
    private static void sendFromThreads(SqsGroupCommitQueue queue, int threads, int perThread) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        queue.send("{\"n\":\"" + thread + "-" + i + "\"}", "id-" + thread + "-" + i);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentSendsEachLandOnceWithTheirIdAndShareBatches() throws Exception {
        String url = newQueue();
        AtomicInteger batches = new AtomicInteger();
        int threads = 16;
        int perThread = 40;
        try (SqsClient sqs = counting(batches); SqsGroupCommitQueue queue = new SqsGroupCommitQueue(sqs, url, "test")) {
            sendFromThreads(queue, threads, perThread);
        }
        Map<String, String> byId = drain(url);
        assertThat(byId).hasSize(threads * perThread);
        assertThat(byId.get("id-3-7")).isEqualTo("{\"n\":\"3-7\"}");
        // 16 threads each waiting for their own send: later sends pile up behind the one in flight.
        assertThat(batches.get()).isLessThan(threads * perThread / 2).isGreaterThanOrEqualTo(threads * perThread / 10);
    }

    @Test
    void withALingerConcurrentSendsStillLandOnceEachAndALoneSenderGoesAlone() throws Exception {
        String url = newQueue();
        AtomicInteger batches = new AtomicInteger();
        int threads = 16;
        int perThread = 20;
        try (SqsClient sqs = counting(batches);
             SqsGroupCommitQueue queue = new SqsGroupCommitQueue(sqs, url, "test", java.time.Duration.ofMillis(5))) {
            queue.send("{\"a\":1}", "lone-1");
            queue.send("{\"a\":2}", "lone-2");
            assertThat(batches.get()).as("a lone sender never lingers into company").isEqualTo(2);
            sendFromThreads(queue, threads, perThread);
        }
        Map<String, String> byId = drain(url);
        assertThat(byId).hasSize(threads * perThread + 2);
        assertThat(byId.get("id-5-9")).isEqualTo("{\"n\":\"5-9\"}");
        assertThat(batches.get()).isLessThan(threads * perThread + 2).isGreaterThanOrEqualTo((threads * perThread) / 10 + 2);
    }

    @Test
    void aLoneSendLeavesAtOnceAsABatchOfOne() throws Exception {
        String url = newQueue();
        AtomicInteger batches = new AtomicInteger();
        try (SqsClient sqs = counting(batches); SqsGroupCommitQueue queue = new SqsGroupCommitQueue(sqs, url, "test")) {
            queue.send("{\"a\":1}", "one");
            queue.send("{\"a\":2}", "two");
        }
        assertThat(batches.get()).isEqualTo(2);
        assertThat(drain(url)).containsOnlyKeys("one", "two");
    }

    @Test
    void largeBodiesAreSplitToStayUnderTheBatchLimit() throws Exception {
        String url = newQueue();
        String big = "{\"x\":\"" + "y".repeat(100 * 1024) + "\"}";
        AtomicInteger batches = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try (SqsClient sqs = counting(batches); SqsGroupCommitQueue queue = new SqsGroupCommitQueue(sqs, url, "test")) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String id = "big-" + i;
                done.add(pool.submit(() -> queue.send(big, id)));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS); // a batch over 256 KiB would be refused as a whole
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(drain(url)).hasSize(6);
        assertThat(batches.get()).isGreaterThanOrEqualTo(3); // at most two 100 KiB bodies fit in one batch
    }

    @Test
    void aRefusedEntryFailsOnlyItsOwnSender() throws Exception {
        String url = newQueue();
        try (SqsGroupCommitQueue queue = new SqsGroupCommitQueue(mq.client(), url, "test")) {
            // SQS refuses bodies with characters outside its allowed set (U+0000 among them).
            assertThatThrownBy(() -> queue.send("{\"bad\":\"\u0000\"}", "bad"))
                    .isInstanceOf(QueueUnavailableException.class);
            queue.send("{\"good\":1}", "good");
        }
        assertThat(drain(url)).containsOnlyKeys("good");
    }

    @Test
    void anUnreachableQueueFailsEveryWaitingSenderAndNobodyHangs() throws Exception {
        String url = newQueue();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        mq.stop();
        boolean restarted = false;
        try (SqsGroupCommitQueue queue = new SqsGroupCommitQueue(mq.client(), url, "test")) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String id = "down-" + i;
                done.add(pool.submit(() -> queue.send("{}", id)));
            }
            for (Future<?> f : done) {
                assertThatThrownBy(() -> f.get(60, TimeUnit.SECONDS)).hasCauseInstanceOf(QueueUnavailableException.class);
            }
            mq.start();
            restarted = true;
            queue.send("{\"after\":1}", "after"); // back up: the same queue object works again
        } finally {
            if (!restarted) {
                mq.start();
            }
            pool.shutdownNow();
        }
        assertThat(drain(url)).containsOnlyKeys("after");
    }

    @Test
    void sendingAfterCloseFailsInsteadOfWaiting() {
        SqsGroupCommitQueue queue = new SqsGroupCommitQueue(mq.client(), newQueue(), "test");
        queue.close();
        assertThatThrownBy(() -> queue.send("{}", "late")).isInstanceOf(QueueUnavailableException.class)
                .hasMessageContaining("closed");
    }
}
