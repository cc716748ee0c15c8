package dev.righttime.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.righttime.model.CustomerProfile;
import dev.righttime.model.Decision;
import dev.righttime.model.Json;
import dev.righttime.model.Signal;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The spec's playbook table as a test table: each row plays some signals through a simulation
 * and checks the decision records of the last one, field by field, exactly as simulate prints them.
 */
class PlaybookScenarioTest {

    private static final ObjectMapper JSON = Json.mapper();

    /** Ada: Berlin, own quiet hours 21:00-08:00, email yes / sms no / social yes, prefers email. */
    static final String ADA = """
            {"customerId":"c1","timezone":"Europe/Berlin","quietHours":{"start":"21:00","end":"08:00"},"consent":{"email":true,"sms":false,"social":true},"addresses":{"email":"ada@example.com","phone":"+4915112345678","x":"@ada"},"segments":["storm-area"],"preferredChannel":"email"}""";
    /** Grace: New York, default quiet hours, email no / sms yes, prefers email (so falls back to sms). */
    static final String GRACE = """
            {"customerId":"c2","timezone":"America/New_York","consent":{"email":false,"sms":true},"addresses":{"email":"grace@example.com","phone":"+12125550100"},"segments":["storm-area"],"preferredChannel":"email"}""";
    /** Ken: no timezone (brand's UTC), consent to everything, prefers sms, no segment. */
    static final String KEN = """
            {"customerId":"c3","consent":{"email":true,"sms":true,"social":true},"addresses":{"email":"ken@example.com","phone":"+819012345678","x":"@ken"},"preferredChannel":"sms"}""";
    /** Noor: no consent recorded at all; in the storm segment with only an email address. */
    static final String NOOR = """
            {"customerId":"c4","addresses":{"email":"noor@example.com"},"segments":["storm-area"]}""";
    /** Zed: Berlin with quiet hours ending inside the spring-forward gap (02:30 does not exist on 2026-03-29). */
    static final String ZED = """
            {"customerId":"c5","timezone":"Europe/Berlin","quietHours":{"start":"22:00","end":"02:30"},"consent":{"email":true}}""";
    /** Fay: New York, quiet hours ending at 01:30, which happens twice on 2026-11-01. */
    static final String FAY = """
            {"customerId":"c6","timezone":"America/New_York","quietHours":{"start":"22:00","end":"01:30"},"consent":{"email":true}}""";
    /** Dan: Sydney (southern-hemisphere DST ends 2026-04-05 03:00 -> 02:00), daytime quiet hours 12:00-14:00. */
    static final String DAN = """
            {"customerId":"c7","timezone":"Australia/Sydney","quietHours":{"start":"12:00","end":"14:00"},"consent":{"sms":true},"preferredChannel":"sms"}""";

    static final String PROFILES = String.join("\n", ADA, GRACE, KEN, NOOR, ZED, FAY, DAN);

    record Row(String name, String playbook, String signals, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Row row(String name, String signals, String expected) {
        return new Row(name, null, signals, expected);
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // duplicate signalId
                row("duplicate signalId has no second effect", """
                        {"signalId":"s:1","type":"commerce.cart_abandoned","occurredAt":"2026-03-02T10:00:00Z","customerRef":{"customerId":"c1"}}
                        {"signalId":"s:1","type":"commerce.cart_abandoned","occurredAt":"2026-03-02T10:00:05Z","customerRef":{"customerId":"c1"}}""",
                        """
                        {"signalId":"s:1","customerId":"c1","outcome":"DUPLICATE","channel":null,"sendAt":null,"deadline":null,"fallback":null,"cancels":[],"reasons":["duplicate"]}"""),
                // profile.updated, consent.changed
                row("profile.updated is an UPDATE", """
                        {"signalId":"s:1","type":"profile.updated","occurredAt":"2026-03-02T10:00:00Z","customerRef":{"email":"KEN@example.com"},"attributes":{"timezone":"Asia/Tokyo"}}""",
                        """
                        {"signalId":"s:1","customerId":"c3","outcome":"UPDATE","channel":null,"sendAt":null,"deadline":null,"fallback":null,"cancels":[],"reasons":["profile_updated"]}"""),
                row("profile.updated timezone moves later quiet hours", """
                        {"signalId":"s:1","type":"profile.updated","occurredAt":"2026-03-02T10:00:00Z","customerRef":{"customerId":"c3"},"attributes":{"timezone":"Asia/Tokyo"}}
                        {"signalId":"s:2","type":"commerce.cart_abandoned","occurredAt":"2026-03-02T12:00:00Z","customerRef":{"customerId":"c3"}}""",
                        // 13:00Z is 22:00 in Tokyo: quiet until 08:00 JST = 23:00Z
                        """
                        {"signalId":"s:2","customerId":"c3","outcome":"SCHEDULE","channel":"sms","sendAt":"2026-03-02T23:00:00Z","deadline":null,"fallback":null,"cancels":[],"reasons":["marketing_delay","quiet_hours"]}"""),
                row("consent revoked cancels that channel's pending messages", """
                        {"signalId":"s:1","type":"commerce.cart_abandoned","occurredAt":"2026-03-02T10:00:00Z","customerRef":{"customerId":"c1"}}
                        {"signalId":"s:2","type":"social.mention","occurredAt":"2026-03-02T10:01:00Z","customerRef":{"x":"@ada"},"attributes":{"sentiment":"positive","followers":10}}
                        {"signalId":"s:3","type":"consent.changed","occurredAt":"2026-03-02T10:30:00Z","customerRef":{"customerId":"c1"},"attributes":{"channel":"email","granted":false}}""",
                        """
                        {"signalId":"s:3","customerId":"c1","outcome":"UPDATE","channel":null,"sendAt":null,"deadline":null,"fallback":null,"cancels":["s:1"],"reasons":["consent_revoked"]}"""),
                row("consent revoked after the message went out cancels nothing", """
                        {"signalId":"s:1","type":"commerce.cart_abandoned","occurredAt":"2026-03-02T10:00:00Z","customerRef":{"customerId":"c1"}}
                        {"signalId":"s:3","type":"consent.changed","occurredAt":"2026-03-02T11:00:00Z","customerRef":{"customerId":"c1"},"attributes":{"channel":"email","granted":false}}""",
                        """
                        {"signalId":"s:3","customerId":"c1","outcome":"UPDATE","channel":null,"sendAt":null,"deadline":null,"fallback":null,"cancels":[],"reasons":["consent_revoked"]}"""),
                row("consent granted enables marketing on that channel", """
                        {"signalId":"s:1","type":"consent.changed","occurredAt":"2026-03-02T10:00:00Z","customerRef":{"email":"noor@example.com"},"attributes":{"channel":"email","granted":true}}
                        {"signalId":"s:2","type":"commerce.product_viewed","occurredAt":"2026-03-02T10:00:00Z","customerRef":{"customerId":"c4"}}""",
                        """
                        {"signalId":"s:2","customerId":"c4","outcome":"SCHEDULE","channel":"email","sendAt":"2026-03-02T14:00:00Z","deadline":null,"fallback":null,"cancels":[],"reasons":["marketing_delay"]}"""),
                // support.ticket_opened
                row("ticket at night is answered now on its own channel, ignoring quiet hours and consent", """
                        {"signalId":"s:1","type":"support.ticket_opened","occurredAt":"2026-03-02T22:45:10Z","customerRef":{"customerId":"c1"},"attributes":{"channel":"sms"}}""",
                        """
                        {"signalId":"s:1","customerId":"c1","outcome":"SEND_NOW","channel":"sms","sendAt":"2026-03-02T22:45:10Z","deadline":null,"fallback":null,"cancels":[],"reasons":["customer_initiated"]}"""),
                row("ticket ignores the frequency cap", """
                        {"signalId":"s:1","type":"commerce.cart_abandoned","occurredAt":"2026-03-02T10:00:00Z","customerRef":{"customerId":"c3"}}
                        {"signalId":"s:2","type":"support.ticket_opened","occurredAt":"2026-03-02T10:05:00Z","customerRef":{"customerId":"c3"},"attributes":{"channel":"chat"}}""",
                        """
                        {"signalId":"s:2","customerId":"c3","outcome":"SEND_NOW","channel":"chat","sendAt":"2026-03-02T10:05:00Z","deadline":null,"fallback":null,"cancels":["s:1"],"reasons":["customer_initiated","marketing_paused"]}"""),
                // account.cancel_requested
                row("cancel request: retention offer on the preferred consented channel", """
                        {"signalId":"s:1","type":"account.cancel_requested","occurredAt":"2026-03-02T23:00:00Z","customerRef":{"customerId":"c3"},"attributes":{"channel":"email"}}""",
                        """
                        {"signalId":"s:1","customerId":"c3","outcome":"SEND_NOW","channel":"sms","sendAt":"2026-03-02T23:00:00Z","deadline":null,"fallback":null,"cancels":[],"reasons":["customer_initiated","retention_offer"]}"""),
                row("cancel request: preferred channel without consent, so the channel it came in on", """
                        {"signalId":"s:1","type":"account.cancel_requested","occurredAt":"2026-03-02T23:00:00Z","customerRef":{"customerId":"c2"},"attributes":{"channel":"chat"}}""",
                        """
                        {"signalId":"s:1","customerId":"c2","outcome":"SEND_NOW","channel":"chat","sendAt":"2026-03-02T23:00:00Z","deadline":null,"fallback":null,"cancels":[],"reasons":["customer_initiated","retention_offer"]}"""),
                // social.mention
                row("negative mention at the reach threshold is held for approval", """
                        {"signalId":"x:1","type":"social.mention","occurredAt":"2026-03-03T10:02:30Z","customerRef":{"x":"@loud"},"attributes":{"sentiment":"negative","followers":10000}}""",
                        """
                        {"signalId":"x:1","customerId":null,"outcome":"HOLD","channel":"social","sendAt":null,"deadline":"2026-03-03T10:07:30Z","fallback":"holding_reply","cancels":[],"reasons":["high_reach","needs_approval"]}"""),
                row("unknown sentiment and no text with high reach is held too (triage: other)", """
                        {"signalId":"x:1","type":"social.mention","occurredAt":"2026-03-03T10:02:00Z","customerRef":{"x":"@ADA"},"attributes":{"followers":"250000"}}""",
                        """
                        {"signalId":"x:1","customerId":"c1","outcome":"HOLD","channel":"social","sendAt":null,"deadline":"2026-03-03T10:07:00Z","fallback":"holding_reply","cancels":[],"reasons":["high_reach","needs_approval","other"]}"""),
                row("negative mention below the threshold is answered now, unknown customer allowed", """
                        {"signalId":"x:1","type":"social.mention","occurredAt":"2026-03-03T10:02:00Z","customerRef":{"x":"@stranger"},"attributes":{"sentiment":"negative","followers":9999}}""",
                        """
                        {"signalId":"x:1","customerId":null,"outcome":"SEND_NOW","channel":"social","sendAt":"2026-03-03T10:02:00Z","deadline":null,"fallback":null,"cancels":[],"reasons":["public_complaint"]}"""),
                row("positive mention waits for the next engagement slot", """
                        {"signalId":"x:1","type":"social.mention","occurredAt":"2026-03-03T10:02:00Z","customerRef":{"x":"@ken"},"attributes":{"sentiment":"positive","followers":50000}}""",
                        """
                        {"signalId":"x:1","customerId":"c3","outcome":"SCHEDULE","channel":"social","sendAt":"2026-03-03T13:00:00Z","deadline":null,"fallback":null,"cancels":[],"reasons":["engagement_slot"]}"""),
                row("a mention exactly at a slot goes to the next one (strictly after)", """
                        {"signalId":"x:1","type":"social.mention","occurredAt":"2026-03-03T17:00:00Z","attributes":{"sentiment":"neutral","followers":5}}""",
                        """
                        {"signalId":"x:1","customerId":null,"outcome":"SCHEDULE","channel":"social","sendAt":"2026-03-04T09:00:00Z","deadline":null,"fallback":null,"cancels":[],"reasons":["engagement_slot"]}"""),
                row("unknown sentiment and no text below the threshold is scheduled (triage: other)", """
                        {"signalId":"x:1","type":"social.mention","occurredAt":"2026-03-03T09:00:00.5Z","attributes":{"sentiment":"unknown","followers":5}}""",
                        """
                        {"signalId":"x:1","customerId":null,"outcome":"SCHEDULE","channel":"social","sendAt":"2026-03-03T13:00:00Z","deadline":null,"fallback":null,"cancels":[],"reasons":["engagement_slot","other"]}"""),
                new Row("slot at the day boundary: 00:00 brand time in Berlin", """
                        brand: {timezone: Europe/Berlin, engagementSlots: ["00:00", "12:00"]}
                        """, """
                        {"signalId":"x:1","type":"social.mention","occurredAt":"2026-03-03T22:59:30Z","attributes":{"sentiment":"positive","followers":5}}""",
                        """
                        {"signalId":"x:1","customerId":null,"outcome":"SCHEDULE","channel":"social","sendAt":"2026-03-03T23:00:00Z","deadline":null,"fallback":null,"cancels":[],"reasons":["engagement_slot"]}"""),
                new Row("slot in the spring-forward gap becomes the first instant after it", """
                        brand: {timezone: Europe/Berlin, engagementSlots: ["02:30"]}
                        """, """
                        {"signalId":"x:1","type":"social.mention","occurredAt":"2026-03-28T12:00:00Z","attributes":{"sentiment":"positive","followers":5}}""",
                        """
                        {"signalId":"x:1","customerId":null,"outcome":"SCHEDULE","channel":"social","sendAt":"2026-03-29T01:00:00Z","deadline":null,"fallback":null,"cancels":[],"reasons":["engagement_slot"]}"""),
                row("positive mention from a customer who refused social is suppressed", """
                        {"signalId":"s:0","type":"consent.changed","occurredAt":"2026-03-03T09:00:00Z","customerRef":{"customerId":"c3"},"attributes":{"channel":"social","granted":false}}
                        {"signalId":"x:1","type":"social.mention","occurredAt":"2026-03-03T10:00:00Z","customerRef":{"x":"@ken"},"attributes":{"sentiment":"positive","followers":5}}""",
                        """
                        {"signalId":"x:1","customerId":"c3","outcome":"SUPPRESS","channel":null,"sendAt":null,"deadline":null,"fallback":null,"cancels":[],"reasons":["no_consent"]}"""),
                // commerce.cart_abandoned / product_viewed
                row("cart reminder one hour later, rounded up to the minute", """
                        {"signalId":"s:1","type":"commerce.cart_abandoned","occurredAt":"2026-03-02T14:12:30Z","customerRef":{"phone":"+1 (212) 555-0100"}}""",
                        """
                        {"signalId":"s:1","customerId":"c2","outcome":"SCHEDULE","channel":"sms","sendAt":"2026-03-02T15:13:00Z","deadline":null,"fallback":null,"cancels":[],"reasons":["marketing_delay","channel_fallback"]}"""),
                row("cart reminder inside quiet hours crossing midnight moves to their end", """
                        {"signalId":"s:1","type":"commerce.cart_abandoned","occurredAt":"2026-03-01T20:30:00Z","customerRef":{"email":"ada@example.com"}}""",
                        """
                        {"signalId":"s:1","customerId":"c1","outcome":"SCHEDULE","channel":"email","sendAt":"2026-03-02T07:00:00Z","deadline":null,"fallback":null,"cancels":[],"reasons":["marketing_delay","quiet_hours"]}"""),
                row("cart reminder after midnight, still quiet, ends the same morning", """
                        {"signalId":"s:1","type":"commerce.cart_abandoned","occurredAt":"2026-03-01T23:30:00Z","customerRef":{"customerId":"c1"}}""",
                        """
                        {"signalId":"s:1","customerId":"c1","outcome":"SCHEDULE","channel":"email","sendAt":"2026-03-02T07:00:00Z","deadline":null,"fallback":null,"cancels":[],"reasons":["marketing_delay","quiet_hours"]}"""),
                row("daytime quiet hours (not crossing midnight) in Sydney", """
                        {"signalId":"s:1","type":"commerce.cart_abandoned","occurredAt":"2026-03-02T00:30:00Z","customerRef":{"customerId":"c7"}}""",
                        // 01:30Z = 12:30 AEDT (UTC+11) -> 14:00 AEDT = 03:00Z
                        """
                        {"signalId":"s:1","customerId":"c7","outcome":"SCHEDULE","channel":"sms","sendAt":"2026-03-02T03:00:00Z","deadline":null,"fallback":null,"cancels":[],"reasons":["marketing_delay","quiet_hours"]}"""),
                row("Sydney DST end (03:00 AEDT -> 02:00 AEST): quiet end uses the new offset", """
                        {"signalId":"s:1","type":"commerce.cart_abandoned","occurredAt":"2026-04-05T01:30:00Z","customerRef":{"customerId":"c7"}}""",
                        // 02:30Z = 12:30 AEST (UTC+10) -> 14:00 AEST = 04:00Z
                        """
                        {"signalId":"s:1","customerId":"c7","outcome":"SCHEDULE","channel":"sms","sendAt":"2026-04-05T04:00:00Z","deadline":null,"fallback":null,"cancels":[],"reasons":["marketing_delay","quiet_hours"]}"""),
                row("product view reminder four hours later", """
                        {"signalId":"s:1","type":"commerce.product_viewed","occurredAt":"2026-03-02T08:00:00Z","customerRef":{"customerId":"c1"}}""",
                        """
                        {"signalId":"s:1","customerId":"c1","outcome":"SCHEDULE","channel":"email","sendAt":"2026-03-02T12:00:00Z","deadline":null,"fallback":null,"cancels":[],"reasons":["marketing_delay"]}"""),
                row("New York spring forward: quiet hours end at 08:00 EDT, not EST", """
                        {"signalId":"s:1","type":"commerce.cart_abandoned","occurredAt":"2026-03-08T04:00:00Z","customerRef":{"customerId":"c2"}}""",
                        """
                        {"signalId":"s:1","customerId":"c2","outcome":"SCHEDULE","channel":"sms","sendAt":"2026-03-08T12:00:00Z","deadline":null,"fallback":null,"cancels":[],"reasons":["marketing_delay","channel_fallback","quiet_hours"]}"""),
                row("New York fall back: quiet hours end at 08:00 EST", """
                        {"signalId":"s:1","type":"commerce.cart_abandoned","occurredAt":"2026-11-01T04:00:00Z","customerRef":{"customerId":"c2"}}""",
                        """
                        {"signalId":"s:1","customerId":"c2","outcome":"SCHEDULE","channel":"sms","sendAt":"2026-11-01T13:00:00Z","deadline":null,"fallback":null,"cancels":[],"reasons":["marketing_delay","channel_fallback","quiet_hours"]}"""),
                row("quiet end in the Berlin spring-forward gap becomes 03:00 CEST", """
                        {"signalId":"s:1","type":"commerce.cart_abandoned","occurredAt":"2026-03-28T23:30:00Z","customerRef":{"customerId":"c5"}}""",
                        """
                        {"signalId":"s:1","customerId":"c5","outcome":"SCHEDULE","channel":"email","sendAt":"2026-03-29T01:00:00Z","deadline":null,"fallback":null,"cancels":[],"reasons":["marketing_delay","quiet_hours"]}"""),
                row("quiet end in the New York fall-back overlap is its later occurrence", """
                        {"signalId":"s:1","type":"commerce.cart_abandoned","occurredAt":"2026-11-01T04:00:00Z","customerRef":{"customerId":"c6"}}""",
                        """
                        {"signalId":"s:1","customerId":"c6","outcome":"SCHEDULE","channel":"email","sendAt":"2026-11-01T06:30:00Z","deadline":null,"fallback":null,"cancels":[],"reasons":["marketing_delay","quiet_hours"]}"""),
                row("rounding up to 21:00 lands in quiet hours and moves on", """
                        {"signalId":"s:1","type":"commerce.cart_abandoned","occurredAt":"2026-03-02T18:59:30Z","customerRef":{"customerId":"c1"}}""",
                        """
                        {"signalId":"s:1","customerId":"c1","outcome":"SCHEDULE","channel":"email","sendAt":"2026-03-03T07:00:00Z","deadline":null,"fallback":null,"cancels":[],"reasons":["marketing_delay","quiet_hours"]}"""),
                row("marketing needs a known customer", """
                        {"signalId":"s:1","type":"commerce.cart_abandoned","occurredAt":"2026-03-02T10:00:00Z","customerRef":{"email":"who@example.com"}}""",
                        """
                        {"signalId":"s:1","customerId":null,"outcome":"SUPPRESS","channel":null,"sendAt":null,"deadline":null,"fallback":null,"cancels":[],"reasons":["unknown_customer"]}"""),
                row("a customerId without a profile is unknown but kept", """
                        {"signalId":"s:1","type":"commerce.product_viewed","occurredAt":"2026-03-02T10:00:00Z","customerRef":{"customerId":"c99"}}""",
                        """
                        {"signalId":"s:1","customerId":"c99","outcome":"SUPPRESS","channel":null,"sendAt":null,"deadline":null,"fallback":null,"cancels":[],"reasons":["unknown_customer"]}"""),
                row("marketing without any consent is suppressed", """
                        {"signalId":"s:1","type":"commerce.cart_abandoned","occurredAt":"2026-03-02T10:00:00Z","customerRef":{"customerId":"c4"}}""",
                        """
                        {"signalId":"s:1","customerId":"c4","outcome":"SUPPRESS","channel":null,"sendAt":null,"deadline":null,"fallback":null,"cancels":[],"reasons":["no_consent"]}"""),
                row("frequency cap against a pending message", """
                        {"signalId":"s:1","type":"commerce.product_viewed","occurredAt":"2026-03-02T08:00:00Z","customerRef":{"customerId":"c1"}}
                        {"signalId":"s:2","type":"commerce.cart_abandoned","occurredAt":"2026-03-02T09:00:00Z","customerRef":{"customerId":"c1"}}""",
                        """
                        {"signalId":"s:2","customerId":"c1","outcome":"SUPPRESS","channel":null,"sendAt":null,"deadline":null,"fallback":null,"cancels":[],"reasons":["frequency_cap"]}"""),
                row("frequency cap against a message already sent", """
                        {"signalId":"s:1","type":"commerce.cart_abandoned","occurredAt":"2026-03-02T08:00:00Z","customerRef":{"customerId":"c1"}}
                        {"signalId":"s:2","type":"commerce.cart_abandoned","occurredAt":"2026-03-02T15:00:00Z","customerRef":{"customerId":"c1"}}""",
                        """
                        {"signalId":"s:2","customerId":"c1","outcome":"SUPPRESS","channel":null,"sendAt":null,"deadline":null,"fallback":null,"cancels":[],"reasons":["frequency_cap"]}"""),
                row("a cancelled reminder does not count against the cap", """
                        {"signalId":"s:1","type":"commerce.cart_abandoned","occurredAt":"2026-03-02T08:00:00Z","customerRef":{"customerId":"c1"}}
                        {"signalId":"s:2","type":"commerce.order_placed","occurredAt":"2026-03-02T08:30:00Z","customerRef":{"customerId":"c1"}}
                        {"signalId":"s:3","type":"commerce.cart_abandoned","occurredAt":"2026-03-02T09:00:00Z","customerRef":{"customerId":"c1"}}""",
                        """
                        {"signalId":"s:3","customerId":"c1","outcome":"SCHEDULE","channel":"email","sendAt":"2026-03-02T10:00:00Z","deadline":null,"fallback":null,"cancels":[],"reasons":["marketing_delay"]}"""),
                row("24 hours apart is outside the cap window", """
                        {"signalId":"s:1","type":"commerce.cart_abandoned","occurredAt":"2026-03-02T08:00:00Z","customerRef":{"customerId":"c1"}}
                        {"signalId":"s:2","type":"commerce.cart_abandoned","occurredAt":"2026-03-03T08:00:00Z","customerRef":{"customerId":"c1"}}""",
                        """
                        {"signalId":"s:2","customerId":"c1","outcome":"SCHEDULE","channel":"email","sendAt":"2026-03-03T09:00:00Z","deadline":null,"fallback":null,"cancels":[],"reasons":["marketing_delay"]}"""),
                new Row("the cap is a setting", """
                        marketing: {cap: {messages: 2}}
                        """, """
                        {"signalId":"s:1","type":"commerce.product_viewed","occurredAt":"2026-03-02T08:00:00Z","customerRef":{"customerId":"c1"}}
                        {"signalId":"s:2","type":"commerce.cart_abandoned","occurredAt":"2026-03-02T09:00:00Z","customerRef":{"customerId":"c1"}}""",
                        """
                        {"signalId":"s:2","customerId":"c1","outcome":"SCHEDULE","channel":"email","sendAt":"2026-03-02T10:00:00Z","deadline":null,"fallback":null,"cancels":[],"reasons":["marketing_delay"]}"""),
                // commerce.order_placed
                new Row("order placed cancels pending cart and product reminders", "context: {pauseMarketingOn: []}", """
                        {"signalId":"s:1","type":"commerce.cart_abandoned","occurredAt":"2026-03-02T08:00:00Z","customerRef":{"customerId":"c3"}}
                        {"signalId":"s:2","type":"commerce.product_viewed","occurredAt":"2026-03-02T08:10:00Z","customerRef":{"customerId":"c3"}}
                        {"signalId":"s:3","type":"support.ticket_opened","occurredAt":"2026-03-02T08:20:00Z","customerRef":{"customerId":"c3"},"attributes":{"channel":"email"}}
                        {"signalId":"s:4","type":"commerce.order_placed","occurredAt":"2026-03-02T08:30:00Z","customerRef":{"customerId":"c3"}}""",
                        """
                        {"signalId":"s:4","customerId":"c3","outcome":"CANCEL","channel":null,"sendAt":null,"deadline":null,"fallback":null,"cancels":["s:1"],"reasons":["order_placed"]}"""),
                row("order placed after the reminder went out cancels nothing", """
                        {"signalId":"s:1","type":"commerce.cart_abandoned","occurredAt":"2026-03-02T08:00:00Z","customerRef":{"customerId":"c3"}}
                        {"signalId":"s:2","type":"commerce.order_placed","occurredAt":"2026-03-02T09:30:00Z","customerRef":{"customerId":"c3"}}""",
                        """
                        {"signalId":"s:2","customerId":"c3","outcome":"CANCEL","channel":null,"sendAt":null,"deadline":null,"fallback":null,"cancels":[],"reasons":["order_placed"]}"""),
                // context that cancels (README, "How the spec's open points are read")
                row("a complaint cancels the pending cart reminder", """
                        {"signalId":"s:1","type":"commerce.cart_abandoned","occurredAt":"2026-03-02T10:00:00Z","customerRef":{"customerId":"c1"}}
                        {"signalId":"s:2","type":"social.mention","occurredAt":"2026-03-02T10:20:00Z","customerRef":{"x":"@ada"},"attributes":{"sentiment":"negative","followers":10}}""",
                        """
                        {"signalId":"s:2","customerId":"c1","outcome":"SEND_NOW","channel":"social","sendAt":"2026-03-02T10:20:00Z","deadline":null,"fallback":null,"cancels":["s:1"],"reasons":["public_complaint","marketing_paused"]}"""),
                row("a mention triaged as a complaint cancels it too", """
                        {"signalId":"s:1","type":"commerce.cart_abandoned","occurredAt":"2026-03-02T10:00:00Z","customerRef":{"customerId":"c1"}}
                        {"signalId":"s:2","type":"social.mention","occurredAt":"2026-03-02T10:20:00Z","customerRef":{"x":"@ada"},"attributes":{"sentiment":"unknown","triage":"complaint","followers":10}}""",
                        """
                        {"signalId":"s:2","customerId":"c1","outcome":"SEND_NOW","channel":"social","sendAt":"2026-03-02T10:20:00Z","deadline":null,"fallback":null,"cancels":["s:1"],"reasons":["customer_initiated","complaint","marketing_paused"]}"""),
                row("a mention whose text the built-in triage reads as a complaint cancels it too", """
                        {"signalId":"s:1","type":"commerce.cart_abandoned","occurredAt":"2026-03-02T10:00:00Z","customerRef":{"customerId":"c1"}}
                        {"signalId":"s:2","type":"social.mention","occurredAt":"2026-03-02T10:20:00Z","customerRef":{"x":"@ada"},"attributes":{"text":"still waiting on my refund","followers":10}}""",
                        """
                        {"signalId":"s:2","customerId":"c1","outcome":"SEND_NOW","channel":"social","sendAt":"2026-03-02T10:20:00Z","deadline":null,"fallback":null,"cancels":["s:1"],"reasons":["customer_initiated","complaint","marketing_paused"]}"""),
                row("a cancel request cancels pending marketing and offers retention", """
                        {"signalId":"s:1","type":"commerce.product_viewed","occurredAt":"2026-03-02T10:00:00Z","customerRef":{"customerId":"c1"}}
                        {"signalId":"s:2","type":"account.cancel_requested","occurredAt":"2026-03-02T11:00:00Z","customerRef":{"customerId":"c1"}}""",
                        """
                        {"signalId":"s:2","customerId":"c1","outcome":"SEND_NOW","channel":"email","sendAt":"2026-03-02T11:00:00Z","deadline":null,"fallback":null,"cancels":["s:1"],"reasons":["customer_initiated","retention_offer","marketing_paused"]}"""),
                new Row("pausing is a setting: without complaint in the list the reminder stays", "context: {pauseMarketingOn: [support.ticket_opened]}", """
                        {"signalId":"s:1","type":"commerce.cart_abandoned","occurredAt":"2026-03-02T10:00:00Z","customerRef":{"customerId":"c1"}}
                        {"signalId":"s:2","type":"social.mention","occurredAt":"2026-03-02T10:20:00Z","customerRef":{"x":"@ada"},"attributes":{"sentiment":"negative","followers":10}}""",
                        """
                        {"signalId":"s:2","customerId":"c1","outcome":"SEND_NOW","channel":"social","sendAt":"2026-03-02T10:20:00Z","deadline":null,"fallback":null,"cancels":[],"reasons":["public_complaint"]}"""),
                row("the subscription ending closes the retention thread: a CANCEL, nothing sent", """
                        {"signalId":"s:1","type":"account.cancel_requested","occurredAt":"2026-03-02T10:00:00Z","customerRef":{"customerId":"c1"},"attributes":{"subscriptionEnded":true}}""",
                        """
                        {"signalId":"s:1","customerId":"c1","outcome":"CANCEL","channel":null,"sendAt":null,"deadline":null,"fallback":null,"cancels":[],"reasons":["subscription_ended"]}"""),
                row("a cancel request with no preferred channel goes where the customer can be reached", """
                        {"signalId":"s:1","type":"account.cancel_requested","occurredAt":"2026-03-02T10:00:00Z","customerRef":{"customerId":"c4"}}""",
                        """
                        {"signalId":"s:1","customerId":"c4","outcome":"SEND_NOW","channel":"email","sendAt":"2026-03-02T10:00:00Z","deadline":null,"fallback":null,"cancels":[],"reasons":["customer_initiated","retention_offer"]}"""),
                // identities named together in one reference
                row("a provider's link makes its id resolve to the customer found by email", """
                        {"signalId":"l:1","type":"profile.updated","occurredAt":"2026-03-02T09:00:00Z","customerRef":{"customerId":"stripe:cus_9","email":"Noor@Example.com"}}
                        {"signalId":"s:1","type":"account.cancel_requested","occurredAt":"2026-03-02T10:00:00Z","customerRef":{"customerId":"stripe:cus_9"}}""",
                        """
                        {"signalId":"s:1","customerId":"c4","outcome":"SEND_NOW","channel":"email","sendAt":"2026-03-02T10:00:00Z","deadline":null,"fallback":null,"cancels":[],"reasons":["customer_initiated","retention_offer"]}"""),
                row("a provider's link for nobody known creates a customer reachable by email", """
                        {"signalId":"l:1","type":"profile.updated","occurredAt":"2026-03-02T09:00:00Z","customerRef":{"customerId":"stripe:cus_new","email":"new@example.com"}}
                        {"signalId":"s:1","type":"account.cancel_requested","occurredAt":"2026-03-02T10:00:00Z","customerRef":{"customerId":"stripe:cus_new"}}""",
                        """
                        {"signalId":"s:1","customerId":"stripe:cus_new","outcome":"SEND_NOW","channel":"email","sendAt":"2026-03-02T10:00:00Z","deadline":null,"fallback":null,"cancels":[],"reasons":["customer_initiated","retention_offer"]}"""),
                row("a link is an UPDATE that says so", """
                        {"signalId":"l:1","type":"profile.updated","occurredAt":"2026-03-02T09:00:00Z","customerRef":{"customerId":"zendesk:77","email":"ken@example.com"}}""",
                        """
                        {"signalId":"l:1","customerId":"c3","outcome":"UPDATE","channel":null,"sendAt":null,"deadline":null,"fallback":null,"cancels":[],"reasons":["profile_updated","identity_linked"]}"""),
                row("a ticket from a requester linked by a user event reaches the preferred channel", """
                        {"signalId":"l:1","type":"profile.updated","occurredAt":"2026-03-02T09:00:00Z","customerRef":{"customerId":"zendesk:77","email":"ken@example.com"}}
                        {"signalId":"s:1","type":"support.ticket_opened","occurredAt":"2026-03-02T10:00:00Z","customerRef":{"customerId":"zendesk:77"}}""",
                        """
                        {"signalId":"s:1","customerId":"c3","outcome":"SEND_NOW","channel":"sms","sendAt":"2026-03-02T10:00:00Z","deadline":null,"fallback":null,"cancels":[],"reasons":["customer_initiated"]}"""),
                // DST: the quiet period is one piece of time
                row("New York fall back, quiet 22:00-01:30: 01:45 EDT is inside and moves to 01:30 EST", """
                        {"signalId":"s:1","type":"commerce.cart_abandoned","occurredAt":"2026-11-01T04:45:00Z","customerRef":{"customerId":"c6"}}""",
                        """
                        {"signalId":"s:1","customerId":"c6","outcome":"SCHEDULE","channel":"email","sendAt":"2026-11-01T06:30:00Z","deadline":null,"fallback":null,"cancels":[],"reasons":["marketing_delay","quiet_hours"]}"""),
                row("New York fall back, quiet 23:00-01:30 set by a partial update: 01:15 EST moves to 01:30 EST", """
                        {"signalId":"u:1","type":"profile.updated","occurredAt":"2026-10-30T00:00:00Z","customerRef":{"customerId":"c6"},"attributes":{"quietHours":{"start":"23:00"}}}
                        {"signalId":"s:1","type":"commerce.cart_abandoned","occurredAt":"2026-11-01T05:15:00Z","customerRef":{"customerId":"c6"}}""",
                        """
                        {"signalId":"s:1","customerId":"c6","outcome":"SCHEDULE","channel":"email","sendAt":"2026-11-01T06:30:00Z","deadline":null,"fallback":null,"cancels":[],"reasons":["marketing_delay","quiet_hours"]}"""),
                row("Sydney April fall back, quiet 01:00-02:30: 02:45 AEDT is inside and moves to 02:30 AEST", """
                        {"signalId":"u:1","type":"profile.updated","occurredAt":"2026-04-01T00:00:00Z","customerRef":{"customerId":"c7"},"attributes":{"quietHours":{"start":"01:00","end":"02:30"}}}
                        {"signalId":"s:1","type":"commerce.cart_abandoned","occurredAt":"2026-04-04T14:45:00Z","customerRef":{"customerId":"c7"}}""",
                        """
                        {"signalId":"s:1","customerId":"c7","outcome":"SCHEDULE","channel":"sms","sendAt":"2026-04-04T16:30:00Z","deadline":null,"fallback":null,"cancels":[],"reasons":["marketing_delay","quiet_hours"]}"""),
                row("a partial quietHours for a customer with none merges over the brand's default", """
                        {"signalId":"u:1","type":"profile.updated","occurredAt":"2026-03-01T00:00:00Z","customerRef":{"customerId":"c3"},"attributes":{"quietHours":{"end":"09:00"}}}
                        {"signalId":"s:1","type":"commerce.cart_abandoned","occurredAt":"2026-03-02T07:30:00Z","customerRef":{"customerId":"c3"}}""",
                        """
                        {"signalId":"s:1","customerId":"c3","outcome":"SCHEDULE","channel":"sms","sendAt":"2026-03-02T09:00:00Z","deadline":null,"fallback":null,"cancels":[],"reasons":["marketing_delay","quiet_hours"]}"""),
                // trend.detected
                row("trend is held for 15 minutes with fallback drop", """
                        {"signalId":"t:1","type":"trend.detected","occurredAt":"2026-03-03T12:30:00Z","attributes":{"topic":"late deliveries"}}""",
                        """
                        {"signalId":"t:1","customerId":null,"outcome":"HOLD","channel":"social","sendAt":null,"deadline":"2026-03-03T12:45:00Z","fallback":"drop","cancels":[],"reasons":["trend","needs_approval"]}"""),
                // emergency.alert
                row("emergency fans out per member and channel, ignoring quiet hours and caps", """
                        {"signalId":"s:1","type":"commerce.cart_abandoned","occurredAt":"2026-03-04T02:00:00Z","customerRef":{"customerId":"c1"}}
                        {"signalId":"e:1","type":"emergency.alert","occurredAt":"2026-03-04T03:00:00Z","attributes":{"segment":"storm-area","severity":"high"}}""",
                        """
                        {"signalId":"e:1","customerId":"c1","outcome":"SEND_NOW","channel":"email","sendAt":"2026-03-04T03:00:00Z","deadline":null,"fallback":null,"cancels":[],"reasons":["emergency"]}
                        {"signalId":"e:1","customerId":"c2","outcome":"SEND_NOW","channel":"sms","sendAt":"2026-03-04T03:00:00Z","deadline":null,"fallback":null,"cancels":[],"reasons":["emergency"]}
                        {"signalId":"e:1","customerId":"c4","outcome":"SEND_NOW","channel":"email","sendAt":"2026-03-04T03:00:00Z","deadline":null,"fallback":null,"cancels":[],"reasons":["emergency"]}"""),
                row("emergency to an empty segment is one SUPPRESS", """
                        {"signalId":"e:1","type":"emergency.alert","occurredAt":"2026-03-04T03:00:00Z","attributes":{"segment":"nobody","severity":"low"}}""",
                        """
                        {"signalId":"e:1","customerId":null,"outcome":"SUPPRESS","channel":null,"sendAt":null,"deadline":null,"fallback":null,"cancels":[],"reasons":["emergency","empty_segment"]}""")
        ).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void playbookRow(Row row) throws Exception {
        Playbook playbook = row.playbook() == null ? Playbook.defaults()
                : Playbook.load(new ByteArrayInputStream(row.playbook().getBytes(StandardCharsets.UTF_8)));
        List<CustomerProfile> profiles = new ArrayList<>();
        for (String line : PROFILES.split("\n")) {
            profiles.add(JSON.readValue(line, CustomerProfile.class));
        }
        Simulation sim = new Simulation(playbook, profiles);
        List<Decision> last = List.of();
        for (String line : row.signals().split("\n")) {
            last = sim.step(JSON.readValue(line, Signal.class));
        }
        assertThat(sorted(last.stream().map(JSON::<JsonNode>valueToTree).toList()))
                .isEqualTo(sorted(row.expected().lines().map(PlaybookScenarioTest::tree).toList()));
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Fan-out order is free ("in any order"), so compare as sorted lists. */
    private static List<JsonNode> sorted(List<JsonNode> nodes) {
        return nodes.stream().sorted(Comparator.comparing(JsonNode::toString)).toList();
    }
}
