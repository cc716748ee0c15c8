package dev.righttime.local.serve;

import dev.righttime.aws.AwsClients;
import dev.righttime.aws.AwsParts;
import dev.righttime.aws.Config;
import dev.righttime.aws.DynamoDbDeliveryLedger;
import dev.righttime.aws.DynamoDbProfileStore;
import dev.righttime.aws.DynamoDbSignalLedger;
import dev.righttime.aws.SqsGroupCommitQueue;
import dev.righttime.aws.SqsMessageQueue;
import dev.righttime.aws.SqsRedelivery;
import dev.righttime.aws.Tables;
import dev.righttime.decide.DecideHandler;
import dev.righttime.deliverability.LedgeredSignalSink;
import dev.righttime.deliverability.PreferencesApi;
import dev.righttime.deliverability.QueuedChannelFallback;
import dev.righttime.deliverability.UnsubscribeLinks;
import dev.righttime.deliverability.UnsubscribeTokens;
import dev.righttime.flow.ChannelQueues;
import dev.righttime.flow.Customers;
import dev.righttime.flow.DecideService;
import dev.righttime.flow.RecoverySweep;
import dev.righttime.ingest.WebhookIngestHandler;
import dev.righttime.local.embedded.EmbeddedDynamoDb;
import dev.righttime.local.embedded.EmbeddedSqs;
import dev.righttime.model.CustomerProfile;
import dev.righttime.policy.Playbook;
import dev.righttime.port.ResponseStore;
import dev.righttime.port.SignalSink;
import dev.righttime.webhook.SecretRefs;
import dev.righttime.webhook.Sources;
import dev.righttime.aws.SqsSenderBatch;
import dev.righttime.model.Channel;
import dev.righttime.newsroom.Approver;
import dev.righttime.newsroom.NewsroomApi;
import dev.righttime.newsroom.NewsroomApiHandler;
import dev.righttime.newsroom.Timeline;
import dev.righttime.send.ChannelSender;
import dev.righttime.send.Outbox;
import dev.righttime.send.SendService;
import dev.righttime.send.SignedWebhookSender;
import dev.righttime.sendemail.SendEmailHandler;
import dev.righttime.sendsms.SendSmsHandler;
import dev.righttime.sendwebhook.SendWebhookHandler;
import java.util.EnumMap;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The whole flow in one process: DynamoDB Local and ElasticMQ embedded (or any endpoint, such as
 * LocalStack), the tables and queues of the SAM template, a durable scheduler, the same handler
 * classes that run in Lambda polling the same queues, and the HTTP routes of the spec.
 */
public final class LocalRuntime implements AutoCloseable {

    /** How the runtime is started. {@code endpoint} null means embedded stores. */
    public record Options(int port, Path data, URI endpoint, String region, Playbook playbook, Clock clock,
                          UnaryOperator<String> env, long schedulerPeriodMillis, int visibilityTimeoutSeconds,
                          List<CustomerProfile> profiles) {

        public static Options defaults() {
            return new Options(8080, null, null, "us-east-1", Playbook.defaults(), Clock.systemUTC(), System::getenv, 250, 10, List.of());
        }

        public Options withPort(int p) {
            return with(o -> o.port = p);
        }

        public Options withData(Path d) {
            return with(o -> o.data = d);
        }

        public Options withEndpoint(URI e) {
            return with(o -> o.endpoint = e);
        }

        public Options withPlaybook(Playbook p) {
            return with(o -> o.playbook = p);
        }

        public Options withClock(Clock c) {
            return with(o -> o.clock = c);
        }

        /** Profiles seeded before the HTTP routes open, so no webhook meets a customer not yet loaded. */
        public Options withProfiles(List<CustomerProfile> p) {
            return with(o -> o.profiles = List.copyOf(p));
        }

        public Options withEnv(UnaryOperator<String> e) {
            return with(o -> o.env = e);
        }

        /** This record with some fields changed by name. */
        private Options with(java.util.function.Consumer<Fields> change) {
            Fields f = new Fields(this);
            change.accept(f);
            return f.build();
        }

        /** A mutable copy of the options: the one place that lists every field. */
        private static final class Fields {
            int port;
            Path data;
            URI endpoint;
            String region;
            Playbook playbook;
            Clock clock;
            UnaryOperator<String> env;
            long schedulerPeriodMillis;
            int visibilityTimeoutSeconds;
            List<CustomerProfile> profiles;

            Fields(Options o) {
                port = o.port();
                data = o.data();
                endpoint = o.endpoint();
                region = o.region();
                playbook = o.playbook();
                clock = o.clock();
                env = o.env();
                schedulerPeriodMillis = o.schedulerPeriodMillis();
                visibilityTimeoutSeconds = o.visibilityTimeoutSeconds();
                profiles = o.profiles();
            }

            Options build() {
                return new Options(port, data, endpoint, region, playbook, clock, env, schedulerPeriodMillis, visibilityTimeoutSeconds,
                        profiles);
            }
        }
    }

    public static final String PREFIX = "righttime-";
    /**
     * How long a poller gathers a batch once messages flow (QueuePoller): at most this much is added
     * to a signal's way per queue, and a busy queue is read in fuller batches (issue 21).
     */
    static final java.time.Duration BATCH_WINDOW = java.time.Duration.ofMillis(40);
    /** How long ingest's queue sends wait for company once webhooks arrive together (SqsGroupCommitQueue). */
    static final java.time.Duration INGEST_LINGER = java.time.Duration.ofMillis(10);

    private final List<AutoCloseable> closing = new ArrayList<>();
    private final Options options;
    private final LocalSecrets secrets;
    private final DynamoDbClient dynamo;
    private final SqsClient sqs;
    private final LocalQueues queues;
    private final LocalScheduler scheduler;
    private final Customers customers;
    private final ResponseStore responses;
    private final RecentDecisions decisions = new RecentDecisions(200);
    /** While webhooks arrive, pollers use at most a third of their time: acknowledgements first. */
    private final Foreground foreground = new Foreground(2.0);
    private final Outbox outbox;
    /** What approvers were told (a held response's notice with its deep link): {@code GET /outbox/approvers}. */
    private final Outbox approverOutbox;
    private final dev.righttime.aws.DynamoDbIdentityStore identities;
    private Timeline timeline;
    private final HttpGateway http;
    private final String storesDescription;
    /** What the start-up sweep found (with --data), else null. */
    private final RecoverySweep.Result recovery;

    public LocalRuntime(Options options) throws IOException {
        this.options = options;
        try {
            if (options.endpoint() == null) {
                // DynamoDB Local's in-process client (the engine without HTTP) and ElasticMQ on loopback.
                EmbeddedDynamoDb.InProcess ddb = EmbeddedDynamoDb.inProcess(options.data() == null ? null : options.data().resolve("dynamodb"));
                closing.add(ddb);
                EmbeddedSqs mq = EmbeddedSqs.start();
                closing.add(mq);
                dynamo = ddb.client();
                // Message operations straight to ElasticMQ's queue actors, the rest over its HTTP endpoint (issue 21).
                sqs = mq.inProcess(AwsClients.local(mq.endpoint(), options.region(), pooledHttp()).sqs());
                storesDescription = "embedded DynamoDB Local (in process" + (options.data() == null ? ", in memory)"
                        : ", data in " + options.data().toAbsolutePath() + ")") + ", embedded ElasticMQ " + mq.endpoint() + " (messages in process)";
            } else {
                AwsClients clients = AwsClients.local(options.endpoint(), options.region(), pooledHttp());
                dynamo = clients.dynamoDb();
                sqs = clients.sqs();
                storesDescription = "DynamoDB and SQS at " + options.endpoint();
            }

            Tables.Names tables = Tables.Names.withPrefix(PREFIX);
            Tables.createAll(dynamo, tables);
            createKeyTable(dynamo, PREFIX + "deliveries", DynamoDbDeliveryLedger.KEY);
            Tables.createNewsroom(dynamo, PREFIX + "newsroom");
            queues = new LocalQueues(sqs, PREFIX, options.visibilityTimeoutSeconds(), "signals", "email", "sms", "webhook", "feedback");
            // The same parts the functions build on AWS, named by serve's own tables and queues.
            AwsParts parts = new AwsParts(dynamo, sqs, localConfig(tables));
            ChannelQueues channelQueues = parts.channelQueues();

            scheduler = new LocalScheduler(dynamo, PREFIX + "schedules", channelQueues, options.clock()).createTable();
            closing.add(scheduler);
            identities = parts.identities();
            customers = parts.customers();
            responses = parts.responses();
            approverOutbox = new Outbox(options.clock());
            Sources sources = Sources.defaults();
            secrets = new LocalSecrets(sources.names(), options.env(), options.data());
            DynamoDbSignalLedger signalLedger = parts.signals();
            // Decide's reply sends leave once per SQS batch, as SendMessageBatch calls, before the
            // batch's ledger DONE marks (BatchedDispatch; issue 21).
            BatchedDispatch batched = new BatchedDispatch(signalLedger,
                    (url, messages) -> SqsGroupCommitQueue.sendAll(sqs, url, messages));
            DecideService.Ports ports = new DecideService.Ports(customers, batched.ledger(),
                    batched.responses(responses), scheduler, batched.queues(queues.get("email").url(), channelQueues.of(Channel.EMAIL),
                    queues.get("sms").url(), channelQueues.of(Channel.SMS), queues.get("webhook").url(), channelQueues.of(Channel.SOCIAL)),
                    decisions, approvers(), parts.autonomy());
            DynamoDbDeliveryLedger deliveries = parts.deliveries().keepingMessages();
            WebhookIngestHandler ingest = new WebhookIngestHandler(sources, SecretRefs.of(secrets.values()),
                    deliveries, signalsQueue(), options.clock());
            UnsubscribeTokens tokens = new UnsubscribeTokens(List.of(secrets.get(LocalSecrets.UNSUBSCRIBE_SECRET)));
            // A ticket or cancel request waiting for its customer's link comes back when the wait is over.
            // Mail to the unsubscribe mailto (POST /feedback, as SES receiving publishes it) is verified with the same key.
            DecideHandler decide = new DecideHandler(options.playbook(), ports, options.clock(),
                    new SqsRedelivery(sqs, arn -> queues.all().values().stream().filter(q -> q.arn().equals(arn))
                            .findFirst().orElseThrow(() -> new IllegalArgumentException("no local queue with that ARN")).url()),
                    dev.righttime.triage.LexiconTriage.shared(), tokens);

            outbox = new Outbox(options.clock(), options.data() == null ? null
                    : java.nio.file.Files.createDirectories(options.data()).resolve("outbox.jsonl"));
            Map<Channel, ChannelSender> senders = senders();
            // Deliverability as deployed: unsubscribe links to this server, consent changes and the
            // next channel through the local queues, outcome events to the local bus.
            DynamoDbProfileStore profileStore = parts.profiles();
            // Consent changes Right Time makes itself are claimed in the delivery ledger with their body
            // before the queue send, like webhooks: the start-up sweep re-queues what a kill took.
            SignalSink signalSink = new LedgeredSignalSink(deliveries, queue("signals"), options.clock()).signals();
            SendService send = new SendService(options.playbook().templates(), new SendService.Ports(responses, signalLedger,
                    profileStore, senders, null), options.clock(), new SendService.Options(
                    new UnsubscribeLinks(this::baseUrl, "unsubscribe@localhost", tokens,
                            options.playbook().deliverability().unsubscribeTokenTtl(), options.clock()),
                    decisions, signalSink,
                    new QueuedChannelFallback(options.playbook(), responses, profileStore, channelQueues, options.clock())));
            timeline = new Timeline(signalLedger, responses);
            NewsroomApiHandler newsroom = new NewsroomApiHandler(NewsroomApi.of(new NewsroomApi.Ports(customers, profileStore,
                            signalLedger, responses, scheduler, channelQueues, decisions, parts.rollups(), parts.autonomy()),
                    options.playbook(), new Approver(secrets.get(LocalSecrets.ADMIN_TOKEN)), options.clock()),
                    () -> health().status() == 200, new PreferencesApi(tokens, profileStore, signalSink, options.clock()));

            // ElasticMQ keeps messages in memory: with --data the durable records (deliveries,
            // signals, responses) say what a kill took from the queues, and this puts it back before
            // any poller runs. Every claim found SENDING was made by a process that is gone.
            if (options.data() != null && options.endpoint() == null) {
                Instant started = options.clock().instant();
                recovery = new RecoverySweep(new RecoverySweep.Ports(deliveries, signalLedger, queue("signals"), responses,
                        channelQueues)).run(started, started);
            } else {
                recovery = null;
            }
            // A feedback body (its ledger key is its hash) is settled once decide has handled it; the
            // sweep puts unsettled ones back on the signals queue, which decide reads them from too.
            // Two consumers on the signals and email queues, as Lambda runs concurrent invocations:
            // one thread each left the second core idle while a backlog waited (issue 21).
            var signals = LocalFeedback.settling(batched.around(decide), deliveries, options.clock());
            poll("signals", signals);
            poll("signals", signals);
            poll("feedback", LocalFeedback.settling(batched.around(decide), deliveries, options.clock()));
            SendEmailHandler email = new SendEmailHandler(send);
            poll("email", email);
            poll("email", email);
            poll("sms", new SendSmsHandler(send));
            poll("webhook", new SendWebhookHandler(send, SqsSenderBatch.Delay.sqs(sqs, queues.get("webhook").url())));

            http = routes(ingest, newsroom, deliveries);
            closing.add(http);
            seedNew(options.profiles());
            http.start();
            scheduler.start(options.schedulerPeriodMillis());
        } catch (RuntimeException | IOException e) {
            close();
            throw e;
        }
    }

    /** What a function's environment names on AWS, here: serve's tables and queues (the same {@link AwsParts} read it). */
    private Config localConfig(Tables.Names tables) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("PROFILES_TABLE", tables.profiles(),
                "IDENTITIES_TABLE", tables.identities(), "SIGNALS_TABLE", tables.signals(), "RESPONSES_TABLE", tables.responses(),
                "DELIVERIES_TABLE", PREFIX + "deliveries", "NEWSROOM_TABLE", PREFIX + "newsroom"));
        queues.all().forEach((name, q) -> env.put(name.toUpperCase(java.util.Locale.ROOT) + "_QUEUE_URL", q.url()));
        return Config.of(env);
    }

    /**
     * Email and SMS land in the outbox (as LocalStack keeps SES mail); social and chat replies go as
     * signed webhooks to SOCIAL_WEBHOOK_URL / CHAT_WEBHOOK_URL when set, else to the outbox too.
     */
    private Map<Channel, ChannelSender> senders() {
        Map<String, String> webhookEnv = new java.util.HashMap<>();
        for (Channel c : new Channel[] {Channel.SOCIAL, Channel.CHAT}) {
            String url = options.env().apply(c.name() + "_WEBHOOK_URL");
            if (url != null) {
                webhookEnv.put(c.name() + "_WEBHOOK_URL", url);
            }
        }
        Map<Channel, URI> endpoints = SignedWebhookSender.endpointsFrom(webhookEnv);
        SignedWebhookSender webhooks = new SignedWebhookSender(endpoints, secrets.get(LocalSecrets.OUTBOUND_WEBHOOK_SECRET), options.clock());
        Map<Channel, ChannelSender> senders = new EnumMap<>(Channel.class);
        for (Channel c : Channel.values()) {
            senders.put(c, endpoints.containsKey(c) ? webhooks : outbox);
        }
        return senders;
    }

    /** The spec's routes to the same handlers as deployed, and serve's own (feedback, health, outbox). */
    private HttpGateway routes(WebhookIngestHandler ingest, NewsroomApiHandler newsroom, DynamoDbDeliveryLedger deliveries) {
        return new HttpGateway("127.0.0.1", options.port(), foreground)
                .route("POST", "/webhooks/{source}", ingest)
                .route("GET", "/webhooks/{source}", ingest)
                .route("GET", "/", newsroom)
                .route("GET", "/approvals", newsroom)
                .route("POST", "/approvals/{id}/approve", newsroom)
                .route("POST", "/approvals/{id}/reject", newsroom)
                .route("POST", "/approvals/{id}/assign", newsroom)
                .route("GET", "/decisions", newsroom)
                .route("GET", "/settings/autonomy", newsroom)
                .route("PUT", "/settings/autonomy", newsroom)
                .route("GET", "/customers/{id}/timeline", newsroom)
                .route("GET", "/customers/{id}/export", newsroom)
                .route("GET", "/reports/response-times", newsroom)
                .route("GET", "/profiles/{id}", newsroom)
                .route("PUT", "/profiles/{id}", newsroom)
                .route("PATCH", "/profiles/{id}", newsroom)
                .route("DELETE", "/profiles/{id}", newsroom)
                .route("GET", "/reports/outcomes", newsroom)
                .route("POST", "/unsubscribe", newsroom)
                .route("GET", "/unsubscribe", newsroom)
                .route("GET", "/preferences", newsroom)
                .route("POST", "/preferences", newsroom)
                .route("POST", "/feedback", new LocalFeedback(secrets.get(LocalFeedback.SECRET),
                        new LedgeredSignalSink(deliveries, queue("feedback"), options.clock()), options.clock()))
                .get("/healthz", exchange -> health())
                .get("/outbox", this::outbox)
                .get("/outbox/approvers", this::approverNotices);
    }

    /**
     * Approvers are told in the approvers' outbox ({@code GET /outbox/approvers}), and by a signed
     * webhook when APPROVALS_WEBHOOK_URL is set; the deep link points at this server (NEWSROOM_URL
     * overrides it).
     */
    private dev.righttime.port.ApprovalNotifier approvers() {
        String url = options.env().apply("NEWSROOM_URL");
        String base = url != null && !url.isBlank() ? url : "http://127.0.0.1:" + (options.port() == 0 ? "PORT" : options.port());
        List<dev.righttime.port.ApprovalNotifier> all = new ArrayList<>();
        all.add(held -> new dev.righttime.send.ChannelApprovalNotifier(approverOutbox, newsroomUrl(base)).held(held));
        String chat = options.env().apply("APPROVALS_WEBHOOK_URL");
        if (chat != null && !chat.isBlank()) {
            SignedWebhookSender signed = new SignedWebhookSender(Map.of(Channel.CHAT, URI.create(chat.strip())),
                    secrets.get(LocalSecrets.OUTBOUND_WEBHOOK_SECRET), options.clock());
            all.add(held -> new dev.righttime.send.ChannelApprovalNotifier(signed, newsroomUrl(base)).held(held));
        }
        return held -> all.forEach(n -> n.held(held));
    }

    /** The page's address: the configured one, else this server's (known once the port is bound). */
    private String newsroomUrl(String configured) {
        return configured.endsWith(":PORT") && http != null ? baseUrl() : configured;
    }

    /** A pooled HTTP client for the clients of one endpoint: the HTTP workers, four pollers and the scheduler call at once. */
    private SdkHttpClient pooledHttp() {
        SdkHttpClient http = ApacheHttpClient.builder().maxConnections(64)
                .connectionTimeout(java.time.Duration.ofSeconds(2)).socketTimeout(java.time.Duration.ofSeconds(30)).build();
        closing.add(http);
        return http;
    }

    private void poll(String queue, com.amazonaws.services.lambda.runtime.RequestHandler<
            com.amazonaws.services.lambda.runtime.events.SQSEvent, com.amazonaws.services.lambda.runtime.events.SQSBatchResponse> handler) {
        closing.add(new QueuePoller(queue, sqs, queues.get(queue).url(), queues.get(queue).arn(), handler, foreground, BATCH_WINDOW)
                .start());
    }

    /**
     * Ingest's queue. Sixteen HTTP workers send to it at once; their sends leave together as
     * SendMessageBatch calls, which cost ElasticMQ far less per message than single sends. While
     * webhooks arrive together a batch waits up to {@link #INGEST_LINGER} to fill (a lone webhook
     * never waits): a few ms more per 202 under load, a few times fewer calls.
     */
    private SqsGroupCommitQueue signalsQueue() {
        SqsGroupCommitQueue signals = new SqsGroupCommitQueue(sqs, queues.get("signals").url(), "signals", INGEST_LINGER);
        closing.add(signals);
        return signals;
    }

    private SqsMessageQueue queue(String name) {
        return new SqsMessageQueue(sqs, queues.get(name).url());
    }

    /** Creates a table keyed by one string attribute, unless it is there from an earlier run (--data). */
    static void createKeyTable(DynamoDbClient dynamo, String table, String key) {
        try {
            dynamo.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(KeySchemaElement.builder().attributeName(key).keyType(KeyType.HASH).build())
                    .attributeDefinitions(AttributeDefinition.builder().attributeName(key).attributeType(ScalarAttributeType.S).build()));
            try (var waiter = dynamo.waiter()) {
                waiter.waitUntilTableExists(b -> b.tableName(table));
            }
        } catch (ResourceInUseException exists) {
            // Kept from an earlier run.
        }
    }


    /** What was sent (names, addresses, message text): {@code GET /outbox}, bearer token. */
    private HttpGateway.Reply outbox(HttpGateway.Exchange exchange) {
        return authorized(exchange) ? HttpGateway.Reply.json(200, outbox.entries()) : unauthorized();
    }

    private boolean authorized(HttpGateway.Exchange exchange) {
        return BearerToken.matches(exchange.header("Authorization"), secrets.get(LocalSecrets.ADMIN_TOKEN));
    }

    /** What approvers were told (handles, reach, deep links): {@code GET /outbox/approvers}, bearer token. */
    private HttpGateway.Reply approverNotices(HttpGateway.Exchange exchange) {
        return authorized(exchange) ? HttpGateway.Reply.json(200, approverOutbox.entries()) : unauthorized();
    }

    private static HttpGateway.Reply unauthorized() {
        return HttpGateway.Reply.error(401, "unauthorized", "a bearer token is required (RIGHTTIME_ADMIN_TOKEN)");
    }

    private HttpGateway.Reply health() {
        try {
            dynamo.describeTable(b -> b.tableName(PREFIX + "responses"));
            sqs.getQueueAttributes(b -> b.queueUrl(queues.get("signals").url()));
            return HttpGateway.Reply.json(200, Map.of("status", "ok"));
        } catch (RuntimeException e) {
            return HttpGateway.Reply.json(503, Map.of("error", "unavailable", "message", "a store or queue does not answer"));
        }
    }

    /** Seeds (or overwrites) profiles, linking their addresses as identities. */
    public void seed(List<CustomerProfile> profiles) {
        profiles.forEach(customers::save);
    }

    /**
     * {@code --profiles} at start: seeds the customers the store does not hold yet. With {@code --data}
     * a restart finds its customers stored, and what changed since the first start (an unsubscribe,
     * a STOP, a bounce, a PATCH) is kept rather than reset to the file's consent.
     */
    private void seedNew(List<CustomerProfile> profiles) {
        profiles.stream().filter(p -> customers.get(p.customerId()).isEmpty()).forEach(customers::save);
    }

    /** Links a provider's own customer id (as a mapper puts it in customerId, e.g. "stripe:cus_1") to a customer. */
    public void linkProviderId(String providerId, String customerId) {
        identities.link(Customers.providerKey(providerId), customerId);
    }

    /** A customer's signals, decisions, reviews and sends, in order. */
    public List<Timeline.Row> timeline(String customerId) {
        return timeline.of(customerId);
    }

    /** No message waiting or in flight on any queue (DLQs aside). */
    public boolean queuesIdle() {
        for (LocalQueues.Queue q : queues.all().values()) {
            Map<software.amazon.awssdk.services.sqs.model.QueueAttributeName, String> a = sqs.getQueueAttributes(b -> b
                    .queueUrl(q.url()).attributeNames(
                            software.amazon.awssdk.services.sqs.model.QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            software.amazon.awssdk.services.sqs.model.QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                    .attributes();
            if (a.values().stream().anyMatch(v -> !"0".equals(v))) {
                return false;
            }
        }
        return true;
    }

    public int port() {
        return http.port();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public LocalSecrets secrets() {
        return secrets;
    }

    public LocalScheduler scheduler() {
        return scheduler;
    }

    public LocalQueues queues() {
        return queues;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public ResponseStore responses() {
        return responses;
    }

    public Outbox outbox() {
        return outbox;
    }

    /** The notices approvers got (GET /outbox/approvers). */
    public Outbox approverOutbox() {
        return approverOutbox;
    }

    public RecentDecisions decisions() {
        return decisions;
    }

    /** The start-up sweep's counts with --data; null without (in-memory queues: nothing to recover). */
    public RecoverySweep.Result recovery() {
        return recovery;
    }

    public String storesDescription() {
        return storesDescription;
    }

    public Options options() {
        return options;
    }

    /** Stops in reverse order of start: HTTP first (no new work), pollers, scheduler, then the stores. */
    @Override
    public void close() {
        for (int i = closing.size() - 1; i >= 0; i--) {
            try {
                closing.get(i).close();
            } catch (Exception e) {
                // Keep closing the rest.
            }
        }
        closing.clear();
    }
}
