package dev.righttime.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.righttime.model.Json;
import dev.righttime.model.Signal;
import dev.righttime.policy.SignalRules;
import dev.righttime.port.DeliveryLedger;
import dev.righttime.port.DeliveryLedger.Claim;
import dev.righttime.port.MessageQueue;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Webhook intake, the one domain service behind {@code POST /webhooks/{source}}: find the source,
 * check content type and size, verify the signature over the raw body, map to canonical signals,
 * dedupe, and queue. Every refusal becomes an {@link IntakeResult.Rejected} here; nothing is
 * queued for a refused request.
 *
 * <p>Order of the durable steps, per signal (see functions/webhook-ingest/README.md):
 * claim in the ledger (PENDING) → send to the queue → mark QUEUED. A failed send marks FAILED and
 * answers 503, so the provider's retry claims it again and is accepted. A crash after the claim and
 * before the send leaves PENDING, which a retry may claim once the lease has passed. A crash after
 * the send and before QUEUED leaves PENDING too: the retry queues the signal a second time, and the
 * decide stage drops it by signalId (a duplicate signalId never has a second effect).
 *
 * <p>With a queue-first ledger ({@link DeliveryLedger#queueFirst}, the DynamoDB one since issue 21)
 * the order is: read (QUEUED or SETTLED: duplicate) → send to the queue → record QUEUED, one write
 * instead of two. A failed send writes nothing and answers 503. A crash after the send and before
 * the record leaves no record: the provider's retry (it had no answer) queues the signal again and
 * decide drops the second copy; a record that fails after the send still answers 202 (the signal is
 * queued). Two concurrent deliveries both send; the one whose record loses answers duplicate.
 */
public final class Intake {

    /** The largest body we take (256 KiB), counted after base64 decoding. */
    public static final int MAX_BODY_BYTES = 256 * 1024;

    /**
     * How far ahead of our clock an event time may be (clock skew between the provider and us).
     * A time further ahead is refused (400) before anything is queued: once stored, a time in the
     * far future would sit in the customer's history and skew every later decision.
     */
    public static final java.time.Duration MAX_AHEAD = java.time.Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(Intake.class);
    private static final Pattern UNPRINTABLE = Pattern.compile("[^A-Za-z0-9_.-]");
    /** Source name, colon and the provider's id; 256 leaves ample room under DynamoDB's 2,048-byte key. */
    public static final int MAX_ID_LENGTH = 256;
    private static final Pattern PRINTABLE_ID = Pattern.compile("[\\x21-\\x7E]{1,256}");

    private final Sources sources;
    private final SecretRefs secrets;
    private final DeliveryLedger ledger;
    private final MessageQueue queue;
    private final Clock clock;

    public Intake(Sources sources, SecretRefs secrets, DeliveryLedger ledger, MessageQueue queue, Clock clock) {
        this.sources = sources;
        this.secrets = secrets;
        this.ledger = ledger;
        this.queue = queue;
        this.clock = clock;
    }

    public IntakeResult handle(WebhookRequest request) {
        try {
            return process(request);
        } catch (WebhookException e) {
            return new IntakeResult.Rejected(e.failure(), e.getMessage());
        }
    }

    private IntakeResult process(WebhookRequest request) {
        Source source = sources.find(request.source())
                .orElseThrow(() -> new WebhookException(Failure.UNKNOWN_SOURCE, "no webhook source named '"
                        + printable(request.source()) + "'"));
        String method = request.method() == null ? "POST" : request.method().toUpperCase(Locale.ROOT);
        if (method.equals("GET") && source.scheme() instanceof XScheme) {
            return crcChallenge(source, request);
        }
        if (!method.equals("POST")) {
            throw new WebhookException(Failure.METHOD_NOT_ALLOWED, "webhooks are POSTed");
        }
        Headers headers = Headers.of(request.headers());
        requireJsonContentType(headers);
        byte[] body = rawBody(request);
        source.scheme().verify(headers, body, source.keys(secrets), clock.instant());
        Mapped mapped = source.mapper().map(new Delivery(source.name(), headers, parse(body), source.events()));
        return switch (mapped) {
            case Mapped.Ignored ignored -> new IntakeResult.Ignored(ignored.eventType());
            case Mapped.Signals signals -> {
                admissible(signals.signals()).forEach(s -> requireBoundedId(s.signalId()));
                yield source.scheme().replayableUnderNewId()
                        ? enqueueUniqueBody(source.name() + ":body-sha256:" + sha256Hex(body), signals.signals())
                        : enqueue(signals.signals());
            }
        };
    }

    /**
     * Ids become DynamoDB keys (at most 2,048 bytes) and log fields: longer ids, or characters
     * outside printable ASCII, are a permanent 400 so the provider stops retrying, never a 503.
     */
    static void requireBoundedId(String signalId) {
        if (signalId.length() > MAX_ID_LENGTH || !PRINTABLE_ID.matcher(signalId).matches()) {
            throw new WebhookException(Failure.INVALID_ID, "the delivery id must be printable ASCII, at most "
                    + MAX_ID_LENGTH + " characters with the source name");
        }
    }

    /**
     * A body-only signature: the body hash is a delivery of its own in the ledger, claimed before
     * the signals, so the same body under a new, unsigned event id is answered "duplicate".
     */
    private IntakeResult enqueueUniqueBody(String bodyKey, List<Signal> signals) {
        Claim claim;
        try {
            claim = ledger.claim(bodyKey, clock.instant());
        } catch (DeliveryLedger.LedgerUnavailableException e) {
            throw new WebhookException(Failure.LEDGER_UNAVAILABLE, "the delivery ledger is unavailable; retry later");
        }
        switch (claim) {
            case ALREADY_QUEUED -> {
                return new IntakeResult.Duplicate(signals.stream().map(Signal::signalId).toList());
            }
            case IN_PROGRESS -> throw new WebhookException(Failure.DELIVERY_IN_PROGRESS, "this delivery is being processed; retry later");
            case CLAIMED -> {
                // ours
            }
        }
        IntakeResult result;
        try {
            result = enqueue(signals);
        } catch (RuntimeException e) {
            try {
                ledger.markFailed(bodyKey, clock.instant());
            } catch (RuntimeException ignored) {
                // The lease frees it.
            }
            throw e;
        }
        try {
            ledger.markQueued(bodyKey, clock.instant());
        } catch (RuntimeException e) {
            LOG.warn("body hash not marked; a replay within the lease is answered 503 signalId={}", signals.get(0).signalId());
        }
        return result;
    }

    private IntakeResult crcChallenge(Source source, WebhookRequest request) {
        String token = request.query().get("crc_token");
        if (token == null || token.isBlank()) {
            throw new WebhookException(Failure.MISSING_CRC_TOKEN, "crc_token is required");
        }
        List<byte[]> keys = source.keys(secrets);
        if (keys.isEmpty()) {
            throw new WebhookException(Failure.INVALID_SIGNATURE, "no signing secret is configured for this source");
        }
        // X signs with the app's current consumer secret: the first configured one.
        return new IntakeResult.Challenge(XScheme.crcResponse(keys.get(0), token));
    }

    /**
     * Refuses what decide would refuse: an event time ahead of ours, and attributes its type's
     * rules reject (a consent change to an unknown channel, an unknown timezone). Acknowledged, such a
     * signal could never be decided and would only wait for its dead-letter queue.
     */
    private List<Signal> admissible(List<Signal> signals) {
        Instant limit = clock.instant().plus(MAX_AHEAD);
        for (Signal s : signals) {
            if (s.occurredAt().isAfter(limit)) {
                throw new WebhookException(Failure.FUTURE_EVENT, "the event time " + s.occurredAt()
                        + " is more than " + MAX_AHEAD.toMinutes() + " minutes ahead of ours; nothing was queued");
            }
            try {
                SignalRules.validate(s);
            } catch (IllegalArgumentException e) {
                throw new WebhookException(Failure.UNMAPPABLE, e.getMessage());
            }
        }
        return signals;
    }

    private IntakeResult enqueue(List<Signal> signals) {
        List<String> accepted = new ArrayList<>(signals.size());
        List<String> all = new ArrayList<>(signals.size());
        for (Signal signal : signals) {
            all.add(signal.signalId());
            if (enqueueOnce(signal)) {
                accepted.add(signal.signalId());
            }
        }
        return accepted.isEmpty() ? new IntakeResult.Duplicate(all) : new IntakeResult.Accepted(accepted);
    }

    /** True when this call queued the signal, false when it was queued before. */
    private boolean enqueueOnce(Signal signal) {
        String id = signal.signalId();
        String message = toJson(signal);
        if (ledger.queueFirst()) {
            return enqueueQueueFirst(id, message);
        }
        Claim claim;
        try {
            claim = ledger.claim(id, message, clock.instant());
        } catch (DeliveryLedger.LedgerUnavailableException e) {
            throw new WebhookException(Failure.LEDGER_UNAVAILABLE, "the delivery ledger is unavailable; retry later");
        }
        switch (claim) {
            case ALREADY_QUEUED -> {
                return false;
            }
            case IN_PROGRESS -> throw new WebhookException(Failure.DELIVERY_IN_PROGRESS,
                    "this delivery is being processed; retry later");
            case CLAIMED -> {
                // ours to send
            }
        }
        try {
            queue.send(message, id);
        } catch (RuntimeException e) {
            try {
                ledger.markFailed(id, clock.instant());
            } catch (RuntimeException ignored) {
                // PENDING stays; the lease lets a later retry claim it.
            }
            throw new WebhookException(Failure.QUEUE_UNAVAILABLE, "the signals queue is unavailable; retry later");
        }
        try {
            ledger.markQueued(id, clock.instant());
        } catch (RuntimeException e) {
            // The signal is durably queued, so the answer is still "accepted". The record stays
            // PENDING: a redelivery after the lease queues it again and decide drops the duplicate.
            LOG.warn("delivery queued but not marked; a redelivery may queue it again signalId={}", id);
        }
        return true;
    }

    private boolean enqueueQueueFirst(String id, String message) {
        try {
            if (ledger.isQueued(id)) {
                return false;
            }
        } catch (DeliveryLedger.LedgerUnavailableException e) {
            throw new WebhookException(Failure.LEDGER_UNAVAILABLE, "the delivery ledger is unavailable; retry later");
        }
        try {
            queue.send(message, id);
        } catch (RuntimeException e) {
            throw new WebhookException(Failure.QUEUE_UNAVAILABLE, "the signals queue is unavailable; retry later");
        }
        try {
            return ledger.recordQueued(id, message, clock.instant());
        } catch (RuntimeException e) {
            // Durably queued, so still "accepted"; a redelivery queues it again and decide drops the duplicate.
            LOG.warn("delivery queued but not recorded; a redelivery may queue it again signalId={}", id);
            return true;
        }
    }

    private static void requireJsonContentType(Headers headers) {
        String contentType = headers.get("Content-Type")
                .orElseThrow(() -> new WebhookException(Failure.UNSUPPORTED_MEDIA_TYPE, "Content-Type application/json is required"));
        String[] parts = contentType.split(";", -1); // -1: ";" alone is ["", ""], not an empty array
        boolean json = parts[0].trim().equalsIgnoreCase("application/json");
        for (int i = 1; json && i < parts.length; i++) {
            String p = parts[i].trim();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase("charset")) {
                String charset = p.substring(eq + 1).trim().replace("\"", "");
                json = charset.equalsIgnoreCase("utf-8") || charset.equalsIgnoreCase("utf8");
            }
        }
        if (!json) {
            throw new WebhookException(Failure.UNSUPPORTED_MEDIA_TYPE, "Content-Type application/json (UTF-8) is required");
        }
    }

    /** The body as the sender signed it: base64-decoded when API Gateway encoded it. */
    private static byte[] rawBody(WebhookRequest request) {
        String body = Optional.ofNullable(request.body()).orElse("");
        byte[] raw;
        if (request.base64Encoded()) {
            if ((long) body.length() * 3 / 4 > MAX_BODY_BYTES + 2) {
                throw tooLarge();
            }
            try {
                raw = Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw new WebhookException(Failure.INVALID_BODY, "the body is not valid base64");
            }
        } else {
            if (body.length() > MAX_BODY_BYTES) {
                throw tooLarge();
            }
            raw = body.getBytes(StandardCharsets.UTF_8);
        }
        if (raw.length > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        return raw;
    }

    private static WebhookException tooLarge() {
        return new WebhookException(Failure.PAYLOAD_TOO_LARGE, "the body is larger than " + (MAX_BODY_BYTES / 1024) + " KiB");
    }

    /** Strict UTF-8 (no replacement characters), then one JSON object. */
    private static JsonNode parse(byte[] body) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new WebhookException(Failure.INVALID_BODY, "the body is not valid UTF-8");
        }
        JsonNode node;
        try {
            node = Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new WebhookException(Failure.INVALID_BODY, "the body is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new WebhookException(Failure.INVALID_BODY, "the body must be a JSON object");
        }
        return node;
    }

    private static String sha256Hex(byte[] body) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(body));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static String toJson(Signal signal) {
        try {
            return Json.mapper().writeValueAsString(signal);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a signal always serialises", e);
        }
    }

    /** A source name safe to echo: short, plain characters only. */
    private static String printable(String s) {
        if (s == null) {
            return "";
        }
        String cut = s.length() > 40 ? s.substring(0, 40) : s;
        return UNPRINTABLE.matcher(cut).replaceAll("?");
    }
}
