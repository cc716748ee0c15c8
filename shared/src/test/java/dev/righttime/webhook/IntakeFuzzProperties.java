package dev.righttime.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Fuzzing ingest: random requests and mutations of validly signed ones, for every source. Whatever
 * comes in, {@link Intake} answers with one of the contract's statuses (never a 5xx: the queue and
 * ledger here are always up), no exception escapes, and nothing is queued unless the request is
 * the authentic one: same source, same raw bytes, same signature headers.
 */
class IntakeFuzzProperties {

    /** Every header a signature covers or carries, for the authenticity oracle. */
    private static final List<String> SIGNED_HEADERS = List.of(StandardWebhooksScheme.ID, StandardWebhooksScheme.TIMESTAMP,
            StandardWebhooksScheme.SIGNATURE, StripeScheme.SIGNATURE, ShopifyScheme.SIGNATURE, ZendeskScheme.SIGNATURE,
            ZendeskScheme.TIMESTAMP, SegmentScheme.SIGNATURE, XScheme.SIGNATURE);
    private static final Set<Integer> CONTRACT = Set.of(200, 202, 400, 401, 404, 405, 413, 415);
    private static final String B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static final String HEX = "0123456789abcdef";
    private static final Sources SOURCES = Sources.defaults();

    enum Src { STANDARD, STRIPE, SHOPIFY, ZENDESK, SEGMENT, X }

    enum Mutation {
        FLIP_BODY_BYTE, FLIP_SIGNATURE, SHIFT_TIMESTAMP, DROP_HEADER, CONTENT_TYPE, EMPTY_BODY, HUGE_BODY,
        INVALID_UTF8, INVALID_UTF8_RESIGNED, EMPTY_BODY_RESIGNED, BASE64_FLAG_ON_PLAIN, BASE64_FLAG_OFF, TRUNCATE_BODY,
        APPEND_BYTES, HEADER_NAME_CASE, SOURCE_NAME, METHOD, NOTHING
    }

    /** A request being built or mutated; {@code body} is the raw bytes, sent as base64 when {@code base64}. */
    static final class Req {
        final Src src;
        String method = "POST";
        String source;
        Map<String, String> headers = new LinkedHashMap<>();
        byte[] body;
        boolean base64;
        String wireBody; // when set, sent as is (a base64 flag lie)

        Req(Src src, byte[] body, boolean base64) {
            this.src = src;
            this.source = src.name().toLowerCase(Locale.ROOT);
            this.body = body;
            this.base64 = base64;
        }

        WebhookRequest toRequest() {
            String wire = wireBody != null ? wireBody
                    : base64 ? Base64.getEncoder().encodeToString(body) : new String(body, UTF_8);
            return new WebhookRequest(method, source, headers, Map.of(), wire, base64);
        }

        Req copy() {
            Req r = new Req(src, body.clone(), base64);
            r.method = method;
            r.source = source;
            r.headers = new LinkedHashMap<>(headers);
            r.wireBody = wireBody;
            return r;
        }
    }

    // ---------------------------------------------------------------- properties

    @Property(tries = 600)
    void mutatedSignedRequestsAreAnsweredByContractAndQueueOnlyWhenAuthentic(
            @ForAll Src src, @ForAll boolean base64, @ForAll @Size(min = 1, max = 3) List<Mutation> mutations,
            @ForAll long seed) {
        Random random = new Random(seed);
        Req original = signed(src, validBody(src), base64);
        Req mutated = original.copy();
        for (Mutation m : mutations) {
            mutate(mutated, m, random);
        }
        IntakeFixture f = new IntakeFixture();

        IntakeResult result = f.intake.handle(mutated.toRequest());

        assertThat(CONTRACT).as("%s: %s", mutations, result.body()).contains(result.status());
        boolean authentic = authentic(mutated, original);
        if (!authentic) {
            assertThat(f.queue.messages).as("%s queued: %s", mutations, result.body()).isEmpty();
            assertThat(result.status()).as("%s: %s", mutations, result.body()).isNotIn(200, 202);
        }
        assertThat(result.status() == 202).as("202 iff queued; %s: %s", mutations, result.body())
                .isEqualTo(!f.queue.messages.isEmpty());
        if (mutations.stream().allMatch(m -> m == Mutation.NOTHING || m == Mutation.HEADER_NAME_CASE)) {
            assertThat(result.status()).as(result.body()).isEqualTo(202);
        }
    }

    @Property(tries = 400)
    void randomRequestsNeverThrowNeverQueueAndNeverAnswer5xx(@ForAll("randomRequests") WebhookRequest request) {
        IntakeFixture f = new IntakeFixture();

        IntakeResult result = f.intake.handle(request);

        assertThat(CONTRACT).as(result.body()).contains(result.status());
        assertThat(f.queue.messages).isEmpty();
        assertThat(result.status()).isNotEqualTo(202);
        if (result.status() == 200) {
            assertThat(result).isInstanceOf(IntakeResult.Challenge.class);
        }
        assertThat(result.body()).startsWith("{");
    }

    @Property(tries = 200)
    void aValidlySignedRequestAfterAnyRejectedOnesIsStillAccepted(@ForAll Src src,
            @ForAll @Size(max = 4) List<@IntRange(min = 0, max = 17) Integer> before, @ForAll long seed) {
        Random random = new Random(seed);
        IntakeFixture f = new IntakeFixture();
        Req original = signed(src, validBody(src), false);
        for (int m : before) {
            Req bad = original.copy();
            mutate(bad, Mutation.values()[m], random);
            if (!authentic(bad, original)) {
                f.intake.handle(bad.toRequest());
            }
        }
        assertThat(f.intake.handle(original.toRequest()).status()).isEqualTo(202);
        assertThat(f.intake.handle(original.toRequest()).status()).isEqualTo(200);
        assertThat(f.queue.messages).hasSize(1);
    }

    @Provide
    Arbitrary<WebhookRequest> randomRequests() {
        Arbitrary<String> source = Arbitraries.oneOf(Arbitraries.of("standard", "stripe", "shopify", "zendesk", "segment", "x",
                "STRIPE", "", "../x", "shopify/../stripe"), Arbitraries.strings().ofMaxLength(60));
        Arbitrary<String> method = Arbitraries.of("POST", "post", "GET", "PUT", "DELETE", "OPTIONS", "", "P\u00d6ST");
        Arbitrary<String> headerName = Arbitraries.oneOf(Arbitraries.of("content-type", "Content-Type", StandardWebhooksScheme.ID,
                StandardWebhooksScheme.TIMESTAMP, StandardWebhooksScheme.SIGNATURE, StripeScheme.SIGNATURE, ShopifyScheme.SIGNATURE,
                "X-Shopify-Topic", "X-Shopify-Event-Id", ZendeskScheme.SIGNATURE, ZendeskScheme.TIMESTAMP, SegmentScheme.SIGNATURE,
                XScheme.SIGNATURE), Arbitraries.strings().ofMaxLength(20));
        Arbitrary<String> headerValue = Arbitraries.oneOf(Arbitraries.of("application/json", "application/json; charset=utf-8",
                "v1,AAAA", "v1,", "t=1772397000,v1=00", "t=,v1=", "sha256=", "sha256=%%%", "1772397000", "-1",
                "99999999999999999999", "2026-03-01T20:30:00Z", "\u0000", " "), Arbitraries.strings().ofMaxLength(80));
        Arbitrary<Map<String, String>> headers = Arbitraries.maps(headerName, headerValue).ofMaxSize(8);
        Arbitrary<String> body = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(300),
                Arbitraries.strings().withChars("{}[]\":,0123456789.eE-truefalsn ").ofMaxLength(200),
                Arbitraries.of("{}", "[]", "null", "\"x\"", "{\"type\":\"social.mention\"}", "{\"id\":null}", "{\"a\":1e999999}",
                        "{\"tweet_create_events\":[{}]}", "{\"type\":\"track\",\"messageId\":\"m\"}", "\uFEFF{}", "{\"a\":\"\uD800\"}"),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(200).map(b -> Base64.getEncoder().encodeToString(b)));
        Arbitrary<Map<String, String>> query = Arbitraries.of(Map.<String, String>of(), Map.of("crc_token", "abc"),
                Map.of("crc_token", ""));
        return Combinators.combine(method, source, headers, query, body, Arbitraries.of(true, false))
                .as(WebhookRequest::new);
    }

    // ---------------------------------------------------------------- valid requests and mutations

    static byte[] validBody(Src src) {
        String body = switch (src) {
            case STANDARD -> """
                    {"type":"social.mention","occurredAt":"2026-03-01T20:29:30Z","customerRef":{"x":"@ada"},
                     "attributes":{"sentiment":"negative","followers":15000,"text":"where is my parcel?"}}""";
            case STRIPE -> """
                    {"id":"evt_1Q2w3E","object":"event","type":"customer.subscription.updated","created":1772396990,
                     "data":{"object":{"id":"sub_9","customer":"cus_Ada1","cancel_at_period_end":true},
                     "previous_attributes":{"cancel_at_period_end":false}}}""";
            case SHOPIFY -> """
                    {"id":35132406562,"token":"e1c4f2","email":"ada@example.com","created_at":"2026-03-01T21:25:00+01:00",
                     "total_price":"59.00","currency":"EUR","customer":{"id":207119551,"email":"ada@example.com"}}""";
            case ZENDESK -> """
                    {"account_id":1,"detail":{"id":"35436","requester_id":"1998","via":{"channel":"email"},
                     "created_at":"2026-03-01T20:28:00Z"},"id":"cbe4028c","time":"2026-03-01T20:28:01Z",
                     "type":"zen:event-type:ticket.created"}""";
            case SEGMENT -> """
                    {"type":"track","event":"Product Viewed","messageId":"ajs-1","userId":"c1",
                     "timestamp":"2026-03-01T20:20:00.000Z","properties":{"name":"Rain jacket \u00e9\u4e2d"}}""";
            case X -> """
                    {"for_user_id":"2244994945","tweet_create_events":[{"id_str":"1767000000000000001",
                     "created_at":"Sun Mar 01 20:29:00 +0000 2026","text":"@brand lost!",
                     "user":{"id_str":"6253282","screen_name":"ada","followers_count":15000}}]}""";
        };
        return body.getBytes(UTF_8);
    }

    /** A request signed over {@code body} the way its provider signs, at the fixture's time. */
    static Req signed(Src src, byte[] body, boolean base64) {
        Req r = new Req(src, body, base64);
        r.headers.put("content-type", "application/json");
        sign(r);
        return r;
    }

    /** (Re)writes the signature headers for the request's current body. */
    static void sign(Req r) {
        Map<String, String> env = IntakeFixture.ENV;
        long t = IntakeFixture.NOW.getEpochSecond();
        switch (r.src) {
            case STANDARD -> {
                r.headers.put(StandardWebhooksScheme.ID, "msg_fuzz1");
                r.headers.put(StandardWebhooksScheme.TIMESTAMP, Long.toString(t));
                r.headers.put(StandardWebhooksScheme.SIGNATURE, StandardWebhooksScheme.sign(
                        new StandardWebhooksScheme().key(IntakeFixture.STANDARD_SECRET), "msg_fuzz1", t, r.body));
            }
            case STRIPE -> r.headers.put(StripeScheme.SIGNATURE, StripeScheme.sign("whsec_test_stripe", t, r.body));
            case SHOPIFY -> {
                r.headers.put(ShopifyScheme.SIGNATURE, ShopifyScheme.sign(env.get("RIGHTTIME_SECRET_SHOPIFY"), r.body));
                r.headers.put("X-Shopify-Topic", "checkouts/create");
                r.headers.put("X-Shopify-Event-Id", "evt-fuzz-1");
            }
            case ZENDESK -> {
                r.headers.put(ZendeskScheme.TIMESTAMP, "2026-03-01T20:29:30Z");
                r.headers.put(ZendeskScheme.SIGNATURE, ZendeskScheme.sign(env.get("RIGHTTIME_SECRET_ZENDESK"),
                        "2026-03-01T20:29:30Z", r.body));
            }
            case SEGMENT -> r.headers.put(SegmentScheme.SIGNATURE, SegmentScheme.sign(env.get("RIGHTTIME_SECRET_SEGMENT"), r.body));
            case X -> r.headers.put(XScheme.SIGNATURE, XScheme.sign(env.get("RIGHTTIME_SECRET_X"), r.body));
        }
    }

    static void mutate(Req r, Mutation m, Random random) {
        switch (m) {
            case FLIP_BODY_BYTE -> {
                if (r.body.length > 0) {
                    r.body[random.nextInt(r.body.length)] ^= (byte) (1 + random.nextInt(255));
                }
            }
            case FLIP_SIGNATURE -> flipSignature(r, random);
            case SHIFT_TIMESTAMP -> {
                long shift = (random.nextBoolean() ? 1 : -1) * (1 + random.nextInt(1_000));
                // trim(): HEADER_NAME_CASE, applied before, pads every value with spaces.
                r.headers.computeIfPresent(StandardWebhooksScheme.TIMESTAMP, (k, v) -> Long.toString(Long.parseLong(v.trim()) + shift));
                r.headers.computeIfPresent(ZendeskScheme.TIMESTAMP, (k, v) -> Instant.parse(v.trim()).plusSeconds(shift).toString());
                r.headers.computeIfPresent(StripeScheme.SIGNATURE, (k, v) -> v.replaceFirst("t=(\\d+)",
                        "t=" + (IntakeFixture.NOW.getEpochSecond() + shift)));
            }
            case DROP_HEADER -> {
                List<String> names = new ArrayList<>(r.headers.keySet());
                if (!names.isEmpty()) {
                    r.headers.remove(names.get(random.nextInt(names.size())));
                }
            }
            case CONTENT_TYPE -> r.headers.put("content-type", pick(random, "text/plain", "application/json; charset=latin1",
                    "application/x-www-form-urlencoded", "", "application/jsonp", "APPLICATION/JSON; Charset=\"UTF-8\"",
                    "application/json;charset=utf8;boundary=x", ";", "application/json; charset"));
            case EMPTY_BODY -> r.body = new byte[0];
            case HUGE_BODY -> {
                byte[] huge = new byte[Intake.MAX_BODY_BYTES + 1 + random.nextInt(1_000)];
                Arrays.fill(huge, (byte) 'a');
                r.body = huge;
            }
            case INVALID_UTF8, INVALID_UTF8_RESIGNED -> {
                byte[][] bad = {{(byte) 0xC3, (byte) 0x28}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                        {(byte) 0xF0, (byte) 0x28, (byte) 0x8C, (byte) 0x28}, {(byte) 0xC0, (byte) 0xAF}};
                byte[] insert = bad[random.nextInt(bad.length)];
                int at = r.body.length == 0 ? 0 : random.nextInt(r.body.length);
                byte[] out = new byte[r.body.length + insert.length];
                System.arraycopy(r.body, 0, out, 0, at);
                System.arraycopy(insert, 0, out, at, insert.length);
                System.arraycopy(r.body, at, out, at + insert.length, r.body.length - at);
                r.body = out;
                r.base64 = true; // the only way invalid UTF-8 survives API Gateway
                if (m == Mutation.INVALID_UTF8_RESIGNED) {
                    sign(r);
                }
            }
            case EMPTY_BODY_RESIGNED -> {
                r.body = new byte[0];
                sign(r);
            }
            case BASE64_FLAG_ON_PLAIN -> {
                r.wireBody = new String(r.body, UTF_8);
                r.base64 = true;
            }
            case BASE64_FLAG_OFF -> {
                r.wireBody = Base64.getEncoder().encodeToString(r.body);
                r.base64 = false;
            }
            case TRUNCATE_BODY -> r.body = Arrays.copyOf(r.body, r.body.length / 2);
            case APPEND_BYTES -> {
                byte[] more = new byte[1 + random.nextInt(8)];
                random.nextBytes(more);
                byte[] out = Arrays.copyOf(r.body, r.body.length + more.length);
                System.arraycopy(more, 0, out, r.body.length, more.length);
                r.body = out;
            }
            case HEADER_NAME_CASE -> {
                // Harmless: header names are case-insensitive and values are trimmed.
                Map<String, String> h = new LinkedHashMap<>();
                r.headers.forEach((k, v) -> h.put(random.nextBoolean() ? k.toUpperCase(Locale.ROOT) : k, " " + v + " "));
                r.headers = h;
            }
            case SOURCE_NAME -> r.source = pick(random, "shopify", "stripe", "x", "standard", "segment", "zendesk", "nope",
                    r.source.toUpperCase(Locale.ROOT), r.source + "/", "");
            case METHOD -> r.method = pick(random, "GET", "PUT", "DELETE", "PATCH", "post");
            case NOTHING -> {
            }
        }
    }

    /** Changes one character in the middle of the signature's digits, to one of a different value. */
    private static void flipSignature(Req r, Random random) {
        for (String name : SIGNED_HEADERS) {
            String key = r.headers.keySet().stream().filter(k -> k.equalsIgnoreCase(name)).findFirst().orElse(null);
            if (key == null || name.equals(StandardWebhooksScheme.ID) || name.equals(StandardWebhooksScheme.TIMESTAMP)
                    || name.equals(ZendeskScheme.TIMESTAMP)) {
                continue;
            }
            String v = r.headers.get(key);
            // the longest run of base64/hex characters is the signature proper (not "t=", "v1," or "sha256=")
            int bestStart = 0;
            int bestLen = 0;
            for (int i = 0; i < v.length(); ) {
                int j = i;
                while (j < v.length() && B64.indexOf(v.charAt(j)) >= 0) {
                    j++;
                }
                if (j - i > bestLen) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = Math.max(j, i + 1);
            }
            if (bestLen < 8) {
                continue;
            }
            String run = v.substring(bestStart, bestStart + bestLen);
            boolean hex = run.chars().allMatch(c -> HEX.indexOf(c) >= 0);
            int at = bestStart + bestLen / 4 + random.nextInt(bestLen / 2);
            char c = v.charAt(at);
            String alphabet = hex ? HEX : B64;
            char replacement;
            do {
                replacement = alphabet.charAt(random.nextInt(alphabet.length()));
            } while (Character.toLowerCase(replacement) == Character.toLowerCase(c));
            r.headers.put(key, v.substring(0, at) + replacement + v.substring(at + 1));
            return;
        }
    }

    // ---------------------------------------------------------------- the oracle

    /** Same source, method, raw bytes and signature headers as the signed original. */
    static boolean authentic(Req m, Req original) {
        Optional<String> source = SOURCES.find(m.source).map(Source::name);
        if (!source.equals(SOURCES.find(original.source).map(Source::name))) {
            return false;
        }
        if (m.method == null || !m.method.equalsIgnoreCase("POST")) {
            return false;
        }
        if (!Arrays.equals(rawBytes(m), original.body)) {
            return false;
        }
        Headers a = Headers.of(m.headers);
        Headers b = Headers.of(original.headers);
        return SIGNED_HEADERS.stream().allMatch(h -> Objects.equals(a.get(h), b.get(h)));
    }

    /** The bytes Intake verifies: base64-decoded when flagged; null when that fails. */
    private static byte[] rawBytes(Req m) {
        WebhookRequest w = m.toRequest();
        if (!w.base64Encoded()) {
            return w.body().getBytes(UTF_8);
        }
        try {
            return Base64.getDecoder().decode(w.body());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... options) {
        return options[random.nextInt(options.length)];
    }
}
