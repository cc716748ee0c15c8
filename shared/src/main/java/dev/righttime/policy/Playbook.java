package dev.righttime.policy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.righttime.model.Channel;
import dev.righttime.model.Fallback;
import dev.righttime.time.EngagementSlots;
import dev.righttime.time.QuietHours;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Every number of the playbook as a setting. The default ships as {@code playbook.yaml} in the jar;
 * a user's file is merged over it, so it only needs the settings it changes.
 */
public record Playbook(Brand brand, Approval approval, Marketing marketing, Emergency emergency, Templates templates,
                       Staleness staleness, Context context, Social social, Deliverability deliverability) {

    /** How old a signal may be when decided: older marketing is suppressed, customer contact answered late. */
    public record Staleness(Duration marketing) {
        public Staleness {
            require(marketing != null && !marketing.isNegative() && !marketing.isZero(), "staleness.marketing must be a positive duration");
        }
    }

    /**
     * What the customer's own contact does: which signals pause (cancel) their pending marketing,
     * and how long a customer-initiated signal of a customer not known yet waits for a link.
     */
    public record Context(List<String> pauseMarketingOn, Duration unknownCustomerWait) {
        /** The words {@code pauseMarketingOn} takes: a complaint mention, and the customer-initiated types. */
        public static final List<String> PAUSERS = List.of("complaint", "support.ticket_opened", "account.cancel_requested");

        public Context {
            require(pauseMarketingOn != null, "context.pauseMarketingOn is required (an empty list pauses nothing)");
            for (String p : pauseMarketingOn) {
                require(PAUSERS.contains(p), "context.pauseMarketingOn: '" + p + "' is not one of " + PAUSERS);
            }
            require(unknownCustomerWait != null && !unknownCustomerWait.isNegative()
                    && unknownCustomerWait.compareTo(Duration.ofMinutes(15)) <= 0,
                    "context.unknownCustomerWait must be between PT0S and PT15M (an SQS delay)");
            pauseMarketingOn = List.copyOf(pauseMarketingOn);
        }

        public boolean pausesOn(String what) {
            return pauseMarketingOn.contains(what);
        }
    }

    public record Brand(ZoneId timezone, List<LocalTime> engagementSlots, QuietHours defaultQuietHours) {
        public Brand {
            require(timezone != null, "brand.timezone is required");
            require(engagementSlots != null && !engagementSlots.isEmpty(), "brand.engagementSlots needs at least one time");
            require(defaultQuietHours != null, "brand.defaultQuietHours is required");
            engagementSlots = List.copyOf(engagementSlots);
        }
    }

    /** A held response: how long a human has, and what happens if nobody acts. */
    public record Hold(Duration deadline, Fallback fallback) {
        public Hold {
            require(deadline != null && !deadline.isNegative(), "a hold deadline must be a non-negative duration");
            require(fallback != null, "a hold needs a fallback (holding_reply or drop)");
        }
    }

    public record Approval(long reachThreshold, Hold mention, Hold trend) {
        public Approval {
            require(reachThreshold >= 0, "approval.reachThreshold must be >= 0");
            require(mention != null, "approval.mention is required");
            require(trend != null, "approval.trend is required");
        }
    }

    public record Cap(int messages, Duration window) {
        public Cap {
            require(messages >= 1, "marketing.cap.messages must be >= 1");
            require(window != null && !window.isNegative(), "marketing.cap.window must be a non-negative duration");
        }
    }

    public record Marketing(Duration cartAbandonedDelay, Duration productViewedDelay, Cap cap, List<Channel> channels) {
        public Marketing {
            require(cartAbandonedDelay != null && !cartAbandonedDelay.isNegative(), "marketing.cartAbandonedDelay must be a non-negative duration");
            require(productViewedDelay != null && !productViewedDelay.isNegative(), "marketing.productViewedDelay must be a non-negative duration");
            require(cap != null, "marketing.cap is required");
            require(channels != null && !channels.isEmpty(), "marketing.channels needs at least one channel");
            channels = List.copyOf(channels);
        }
    }

    public record Emergency(List<Channel> channels) {
        public Emergency {
            require(channels != null && !channels.isEmpty(), "emergency.channels needs at least one channel");
            channels = List.copyOf(channels);
        }
    }

    /**
     * What happens after a send (README "Deliverability"): how long after a cart or product-view
     * reminder an order still counts as its conversion; how long an unsubscribe link works; whether a
     * permanently failed send tries the next channel of its list (marketing.channels for marketing,
     * emergency.channels for alerts); and each channel's sending rate cap, in messages per second per
     * sender instance (a token bucket; the template's event source mapping caps the instances).
     */
    public record Deliverability(Duration attributionWindow, Duration unsubscribeTokenTtl, boolean channelFallback,
                                 Map<Channel, Double> sendRates) {
        public Deliverability {
            require(attributionWindow != null && !attributionWindow.isNegative() && !attributionWindow.isZero(),
                    "deliverability.attributionWindow must be a positive duration");
            require(unsubscribeTokenTtl != null && !unsubscribeTokenTtl.isNegative() && !unsubscribeTokenTtl.isZero(),
                    "deliverability.unsubscribeTokenTtl must be a positive duration");
            sendRates = sendRates == null ? Map.of() : Map.copyOf(sendRates);
            for (Map.Entry<Channel, Double> e : sendRates.entrySet()) {
                require(e.getValue() != null && e.getValue() > 0, "deliverability.sendRates." + e.getKey().wire() + " must be > 0");
            }
        }

        /** Messages per second the channel's sender may send; empty when uncapped. */
        public java.util.OptionalDouble rate(Channel channel) {
            Double r = sendRates.get(channel);
            return r == null ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(r);
        }
    }

    /** A trend is worth a human's time from this many mentions, arriving at least this fast (per hour). */
    public record TrendThresholds(long minVolume, double minVelocity) {
        public TrendThresholds {
            require(minVolume >= 0, "social.trend.minVolume must be >= 0");
            require(minVelocity >= 0, "social.trend.minVelocity must be >= 0");
        }
    }

    /**
     * Social listening (issue 15): how long one automatic public reply per author and conversation
     * holds, the brand's own handles (their posts are never answered), and the trend thresholds.
     */
    public record Social(Duration replyWindow, List<String> brandHandles, TrendThresholds trend) {
        public Social {
            require(replyWindow != null && !replyWindow.isNegative(), "social.replyWindow must be a non-negative duration");
            require(trend != null, "social.trend is required");
            brandHandles = brandHandles == null ? List.of() : List.copyOf(brandHandles);
        }
    }

    public Playbook {
        require(brand != null, "brand is required");
        require(approval != null, "approval is required");
        require(marketing != null, "marketing is required");
        require(emergency != null, "emergency is required");
        require(templates != null, "templates is required");
        require(staleness != null, "staleness is required");
        require(context != null, "context is required");
        require(social != null, "social is required");
        require(deliverability != null, "deliverability is required");
    }

    public EngagementSlots engagementSlots() {
        return new EngagementSlots(brand.engagementSlots(), brand.timezone());
    }

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(dev.righttime.model.Json.zones())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private static final String DEFAULT_RESOURCE = "/playbook.yaml";

    /** The spec's default playbook, as shipped in the jar. */
    public static Playbook defaults() {
        return bind(defaultTree());
    }

    /** The default playbook with a user's YAML merged over it (objects merge, lists and values replace). */
    public static Playbook load(InputStream userYaml) throws IOException {
        JsonNode user = YAML.readTree(userYaml);
        ObjectNode merged = defaultTree();
        if (user != null && !user.isMissingNode() && !user.isNull()) {
            if (!user.isObject()) {
                throw new IllegalArgumentException("a playbook must be a YAML mapping");
            }
            merge(merged, (ObjectNode) user);
        }
        return bind(merged);
    }

    /** The default playbook, or the YAML file at {@code path} merged over it (PLAYBOOK_PATH in Lambda). */
    /**
     * The default playbook with one override merged over it: PLAYBOOK_PATH's file, or PLAYBOOK_YAML's
     * inline YAML (how the SAM template passes the brand's parameters). Setting both is an error,
     * so no setting is silently ignored.
     */
    public static Playbook fromEnvironment(Map<String, String> env) {
        String path = env.get("PLAYBOOK_PATH");
        String yaml = env.get("PLAYBOOK_YAML");
        boolean hasYaml = yaml != null && !yaml.isBlank();
        if (hasYaml && path != null && !path.isBlank()) {
            throw new IllegalStateException("set PLAYBOOK_PATH or PLAYBOOK_YAML, not both");
        }
        if (!hasYaml) {
            return fromPath(path);
        }
        try {
            return load(new java.io.ByteArrayInputStream(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalArgumentException("PLAYBOOK_YAML is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    public static Playbook fromPath(String path) {
        if (path == null || path.isBlank()) {
            return defaults();
        }
        try (InputStream in = java.nio.file.Files.newInputStream(java.nio.file.Path.of(path))) {
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("PLAYBOOK_PATH " + path + " cannot be read", e);
        }
    }

    private static ObjectNode defaultTree() {
        try (InputStream in = Playbook.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("playbook.yaml is missing from the classpath");
            }
            return (ObjectNode) YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Playbook bind(ObjectNode tree) {
        try {
            return YAML.treeToValue(tree, Playbook.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(rootCause(e), e);
        }
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        if (t instanceof IllegalArgumentException && t != e) {
            return t.getMessage();
        }
        return e.getMessage().lines().findFirst().orElse("invalid playbook");
    }

    private static void merge(ObjectNode into, ObjectNode from) {
        Iterator<Map.Entry<String, JsonNode>> fields = from.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode existing = into.get(f.getKey());
            if (existing instanceof ObjectNode target && f.getValue() instanceof ObjectNode source) {
                merge(target, source);
            } else {
                into.set(f.getKey(), f.getValue());
            }
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
