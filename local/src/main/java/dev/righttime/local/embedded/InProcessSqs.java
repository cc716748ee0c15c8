package dev.righttime.local.embedded;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.AfterMillisNextDelivery;
import org.elasticmq.DefaultVisibilityTimeout$;
import org.elasticmq.DeliveryReceipt;
import org.elasticmq.ImmediateNextDelivery$;
import org.elasticmq.MessageAttribute;
import org.elasticmq.MessageContent;
import org.elasticmq.MessageData;
import org.elasticmq.MillisVisibilityTimeout;
import org.elasticmq.NewMessageData;
import org.elasticmq.NextDelivery;
import org.elasticmq.OnDateTimeReceived;
import org.elasticmq.StringMessageAttribute;
import org.elasticmq.VisibilityTimeout;
import org.elasticmq.msg.DeleteMessage;
import org.elasticmq.msg.LookupQueue;
import org.elasticmq.msg.ReceiveMessages;
import org.elasticmq.msg.SendMessage;
import org.elasticmq.msg.UpdateVisibilityTimeout;
import scala.Option;
import scala.util.Either;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityRequest;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResultEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.ReceiptHandleIsInvalidException;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

/**
 * An {@link SqsClient} for the embedded ElasticMQ that hands the message operations (send, send
 * batch, receive, delete, delete batch, change visibility) straight to ElasticMQ's queue actors in
 * this JVM, and every other operation (create queue, attributes, purge, ...) to the HTTP client.
 * The queues, their visibility timeouts, receive counts and dead-letter redrive are ElasticMQ's
 * own, the same ones its HTTP endpoint shows. Issue 21: at 300 signals/s serve spent about a third
 * of its CPU in ElasticMQ's HTTP layer and the SDK's request pipeline around it, against about 1%
 * in the queues themselves.
 *
 * <p>Only what serve sends is taken in process: string message attributes, a standard queue, no
 * FIFO group or deduplication id; a request with anything else goes over HTTP as before.
 */
final class InProcessSqs implements InvocationHandler {

    /** How long an actor may take to answer, beyond a receive's own wait. */
    private static final Duration ANSWER = Duration.ofSeconds(10);

    private final SqsClient http;
    private final ActorRef queueManager;
    private final Map<String, ActorRef> queues = new ConcurrentHashMap<>();

    private InProcessSqs(SqsClient http, ActorRef queueManager) {
        this.http = http;
        this.queueManager = queueManager;
    }

    /** A client that takes message operations in process and the rest over {@code http}. */
    static SqsClient client(SqsClient http, ActorRef queueManager) {
        return (SqsClient) Proxy.newProxyInstance(SqsClient.class.getClassLoader(), new Class<?>[] {SqsClient.class},
                new InProcessSqs(http, queueManager));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        Object request = args != null && args.length == 1 ? args[0] : null;
        if (request instanceof SendMessageRequest r && plain(r.messageAttributes().values()) && r.messageGroupId() == null
                && r.messageDeduplicationId() == null && r.messageSystemAttributes().isEmpty()) {
            return send(r);
        }
        if (request instanceof SendMessageBatchRequest r && r.entries().stream().allMatch(e -> plain(e.messageAttributes().values())
                && e.messageGroupId() == null && e.messageDeduplicationId() == null && e.messageSystemAttributes().isEmpty())) {
            return sendBatch(r);
        }
        if (request instanceof ReceiveMessageRequest r && r.receiveRequestAttemptId() == null) {
            return receive(r);
        }
        if (request instanceof DeleteMessageRequest r) {
            return delete(r);
        }
        if (request instanceof DeleteMessageBatchRequest r) {
            return deleteBatch(r);
        }
        if (request instanceof ChangeMessageVisibilityRequest r) {
            return changeVisibility(r);
        }
        if (method.isDefault() && method.getDeclaringClass() == SqsClient.class && request instanceof java.util.function.Consumer<?>) {
            // The builder overloads build the request and come back through this proxy.
            return InvocationHandler.invokeDefault(proxy, method, args);
        }
        try {
            return method.invoke(http, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static boolean plain(Collection<MessageAttributeValue> attributes) {
        return attributes.stream().allMatch(a -> "String".equals(a.dataType()) && a.stringValue() != null);
    }

    private SendMessageResponse send(SendMessageRequest r) {
        MessageData sent = (MessageData) answer(queue(r.queueUrl()), SendMessage.apply(message(r.messageBody(), r.delaySeconds(),
                r.messageAttributes())), ANSWER);
        return SendMessageResponse.builder().messageId(sent.id().id()).build();
    }

    private SendMessageBatchResponse sendBatch(SendMessageBatchRequest r) {
        ActorRef queue = queue(r.queueUrl());
        List<CompletableFuture<Object>> sent = new ArrayList<>();
        for (SendMessageBatchRequestEntry e : r.entries()) {
            sent.add(ask(queue, SendMessage.apply(message(e.messageBody(), e.delaySeconds(), e.messageAttributes())), ANSWER));
        }
        List<SendMessageBatchResultEntry> ok = new ArrayList<>();
        List<BatchResultErrorEntry> failed = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            String id = r.entries().get(i).id();
            try {
                MessageData m = (MessageData) await(sent.get(i), ANSWER);
                ok.add(SendMessageBatchResultEntry.builder().id(id).messageId(m.id().id()).build());
            } catch (SdkClientException e) {
                failed.add(BatchResultErrorEntry.builder().id(id).code("InternalError").senderFault(false).message("not sent").build());
            }
        }
        return SendMessageBatchResponse.builder().successful(ok).failed(failed).build();
    }

    @SuppressWarnings("unchecked")
    private ReceiveMessageResponse receive(ReceiveMessageRequest r) {
        int max = r.maxNumberOfMessages() == null ? 1 : r.maxNumberOfMessages();
        VisibilityTimeout visibility = r.visibilityTimeout() == null ? DefaultVisibilityTimeout$.MODULE$
                : MillisVisibilityTimeout.apply(r.visibilityTimeout() * 1000L);
        Option<Duration> wait = r.waitTimeSeconds() == null ? Option.empty() : Option.apply(Duration.ofSeconds(r.waitTimeSeconds()));
        Duration patience = ANSWER.plusSeconds(r.waitTimeSeconds() == null ? 0 : r.waitTimeSeconds());
        scala.collection.immutable.List<MessageData> got = (scala.collection.immutable.List<MessageData>) answer(queue(r.queueUrl()),
                ReceiveMessages.apply(visibility, max, wait, Option.empty()), patience);
        boolean systemAttributes = !r.messageSystemAttributeNames().isEmpty() || !r.attributeNamesAsStrings().isEmpty();
        boolean messageAttributes = !r.messageAttributeNames().isEmpty();
        List<Message> messages = new ArrayList<>(got.size());
        scala.collection.Iterator<MessageData> it = got.iterator();
        while (it.hasNext()) {
            MessageData m = it.next();
            Message.Builder b = Message.builder().messageId(m.id().id()).receiptHandle(m.deliveryReceipt().get().receipt())
                    .body(m.content().value());
            if (systemAttributes) {
                Map<MessageSystemAttributeName, String> a = new java.util.EnumMap<>(MessageSystemAttributeName.class);
                a.put(MessageSystemAttributeName.SENT_TIMESTAMP, Long.toString(m.created().toInstant().toEpochMilli()));
                a.put(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, Integer.toString(m.statistics().approximateReceiveCount()));
                if (m.statistics().approximateFirstReceive() instanceof OnDateTimeReceived first) {
                    a.put(MessageSystemAttributeName.APPROXIMATE_FIRST_RECEIVE_TIMESTAMP, Long.toString(first.when().toInstant().toEpochMilli()));
                }
                b.attributes(a);
            }
            if (messageAttributes) {
                Map<String, MessageAttributeValue> a = new java.util.HashMap<>();
                m.messageAttributes().foreach(kv -> {
                    if (kv._2() instanceof StringMessageAttribute s) {
                        a.put(kv._1(), MessageAttributeValue.builder().dataType("String").stringValue(s.stringValue()).build());
                    }
                    return null;
                });
                b.messageAttributes(a);
            }
            messages.add(b.build());
        }
        return ReceiveMessageResponse.builder().messages(messages).build();
    }

    private DeleteMessageResponse delete(DeleteMessageRequest r) {
        if (answer(queue(r.queueUrl()), DeleteMessage.apply(DeliveryReceipt.apply(r.receiptHandle())), ANSWER) instanceof Either<?, ?> e
                && e.isLeft()) {
            throw ReceiptHandleIsInvalidException.builder().message("the receipt handle is not valid").build();
        }
        return DeleteMessageResponse.builder().build();
    }

    private DeleteMessageBatchResponse deleteBatch(DeleteMessageBatchRequest r) {
        ActorRef queue = queue(r.queueUrl());
        List<CompletableFuture<Object>> deleted = new ArrayList<>();
        for (DeleteMessageBatchRequestEntry e : r.entries()) {
            deleted.add(ask(queue, DeleteMessage.apply(DeliveryReceipt.apply(e.receiptHandle())), ANSWER));
        }
        List<DeleteMessageBatchResultEntry> ok = new ArrayList<>();
        List<BatchResultErrorEntry> failed = new ArrayList<>();
        for (int i = 0; i < deleted.size(); i++) {
            String id = r.entries().get(i).id();
            Object answer;
            try {
                answer = await(deleted.get(i), ANSWER);
            } catch (SdkClientException e) {
                answer = null;
            }
            if (answer instanceof Either<?, ?> e && e.isRight()) {
                ok.add(DeleteMessageBatchResultEntry.builder().id(id).build());
            } else {
                failed.add(BatchResultErrorEntry.builder().id(id).code("ReceiptHandleIsInvalid").senderFault(true)
                        .message("the receipt handle is not valid").build());
            }
        }
        return DeleteMessageBatchResponse.builder().successful(ok).failed(failed).build();
    }

    private ChangeMessageVisibilityResponse changeVisibility(ChangeMessageVisibilityRequest r) {
        Object answer = answer(queue(r.queueUrl()), UpdateVisibilityTimeout.apply(DeliveryReceipt.apply(r.receiptHandle()),
                MillisVisibilityTimeout.apply(r.visibilityTimeout() * 1000L)), ANSWER);
        if (answer instanceof Either<?, ?> e && e.isLeft()) {
            throw ReceiptHandleIsInvalidException.builder().message("the receipt handle is not valid").build();
        }
        return ChangeMessageVisibilityResponse.builder().build();
    }

    private static NewMessageData message(String body, Integer delaySeconds, Map<String, MessageAttributeValue> attributes) {
        scala.collection.immutable.Map<String, MessageAttribute> a = scala.collection.immutable.Map$.MODULE$.empty();
        for (Map.Entry<String, MessageAttributeValue> e : attributes.entrySet()) {
            a = a.updated(e.getKey(), new StringMessageAttribute(e.getValue().stringValue(), Option.empty()));
        }
        NextDelivery next = delaySeconds == null || delaySeconds == 0 ? ImmediateNextDelivery$.MODULE$
                : AfterMillisNextDelivery.apply(delaySeconds * 1000L);
        return NewMessageData.apply(Option.empty(), MessageContent.apply(body), a, next, Option.empty(), Option.empty(), 0,
                Option.empty(), Option.empty(), Option.empty());
    }

    /** The queue's actor, by the last segment of its URL (ElasticMQ's queue name). */
    private ActorRef queue(String url) {
        String name = url.substring(url.lastIndexOf('/') + 1);
        ActorRef found = queues.get(name);
        if (found != null) {
            return found;
        }
        Option<?> looked = (Option<?>) answer(queueManager, LookupQueue.apply(name), ANSWER);
        if (looked.isEmpty()) {
            throw QueueDoesNotExistException.builder().message("no queue " + name).build();
        }
        ActorRef queue = (ActorRef) looked.get();
        queues.put(name, queue);
        return queue;
    }

    private static CompletableFuture<Object> ask(ActorRef actor, Object message, Duration patience) {
        return Patterns.ask(actor, message, patience).toCompletableFuture();
    }

    private static Object answer(ActorRef actor, Object message, Duration patience) {
        return await(ask(actor, message, patience), patience);
    }

    private static Object await(CompletableFuture<Object> answer, Duration patience) {
        try {
            return answer.get(patience.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SdkClientException.create("interrupted while waiting for the queue", e);
        } catch (ExecutionException | TimeoutException e) {
            throw SdkClientException.create("the queue did not answer", e);
        }
    }
}
