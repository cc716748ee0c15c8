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
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 15's rows of the playbook: mentions without a sentiment decided on their triage, no reply
 * loops, one automatic reply per author and conversation per window, trend thresholds. Each row
 * plays its signals through a simulation and checks the record of the last one.
 */
class SocialListeningScenarioTest {

    private static final ObjectMapper JSON = Json.mapper();
    static final String ADA = """
            {"customerId":"c1","consent":{"social":false},"addresses":{"x":"@ada"}}""";

    
    static String mention(String id, String at, String handle, long followers, String text) {
        return """
                {"signalId":"%s","type":"social.mention","occurredAt":"%s","customerRef":{"x":"%s"},"attributes":{"followers":%d,"text":"%s"}}"""
                .formatted(id, at, handle, followers, text);
    }

    static Stream<PlaybookScenarioTest.Row> table() {
        return Stream.of(
                PlaybookScenarioTest.row("a complaint below the reach threshold is answered now", mention("x:1", "2026-03-03T22:10:00Z", "@mia", 120, "Worst service ever"), """
                        {"signalId":"x:1","customerId":null,"outcome":"SEND_NOW","channel":"social","sendAt":"2026-03-03T22:10:00Z","deadline":null,"fallback":null,"cancels":[],"reasons":["customer_initiated","complaint"]}"""),
                PlaybookScenarioTest.row("sarcastic thanks for a delay is a complaint", mention("x:1", "2026-03-03T10:00:00Z", "@mia", 120, "@brand thanks for the 3 hour delay"), """
                        {"signalId":"x:1","customerId":null,"outcome":"SEND_NOW","channel":"social","sendAt":"2026-03-03T10:00:00Z","deadline":null,"fallback":null,"cancels":[],"reasons":["customer_initiated","complaint"]}"""),
                PlaybookScenarioTest.row("a question is answered now", mention("x:1", "2026-03-03T10:00:00Z", "@mia", 120, "@brand can you help me change my flight?"), """
                        {"signalId":"x:1","customerId":null,"outcome":"SEND_NOW","channel":"social","sendAt":"2026-03-03T10:00:00Z","deadline":null,"fallback":null,"cancels":[],"reasons":["customer_initiated","question"]}"""),
                PlaybookScenarioTest.row("a complaint at the reach threshold is held for a human", mention("x:1", "2026-03-03T10:00:00Z", "@loud", 10000, "@brand my bag is lost"), """
                        {"signalId":"x:1","customerId":null,"outcome":"HOLD","channel":"social","sendAt":null,"deadline":"2026-03-03T10:05:00Z","fallback":"holding_reply","cancels":[],"reasons":["high_reach","needs_approval","complaint"]}"""),
                PlaybookScenarioTest.row("praise waits for the next engagement slot, whatever the reach", mention("x:1", "2026-03-03T10:00:00Z", "@fan", 50000, "@brand love the crew, thank you!"), """
                        {"signalId":"x:1","customerId":null,"outcome":"SCHEDULE","channel":"social","sendAt":"2026-03-03T13:00:00Z","deadline":null,"fallback":null,"cancels":[],"reasons":["engagement_slot","praise"]}"""),
                PlaybookScenarioTest.row("chatter is other and waits for a slot", mention("x:1", "2026-03-03T10:00:00Z", "@fan", 50, "@brand flying to Denver tomorrow"), """
                        {"signalId":"x:1","customerId":null,"outcome":"SCHEDULE","channel":"social","sendAt":"2026-03-03T13:00:00Z","deadline":null,"fallback":null,"cancels":[],"reasons":["engagement_slot","other"]}"""),
                PlaybookScenarioTest.row("praise from a customer who refused social is suppressed, naming the triage", mention("x:1", "2026-03-03T10:00:00Z", "@ada", 50, "great flight :)"), """
                        {"signalId":"x:1","customerId":"c1","outcome":"SUPPRESS","channel":null,"sendAt":null,"deadline":null,"fallback":null,"cancels":[],"reasons":["no_consent","praise"]}"""),
                PlaybookScenarioTest.row("a complaint is answered even when social consent was refused", mention("x:1", "2026-03-03T10:00:00Z", "@ada", 50, "still waiting on a refund"), """
                        {"signalId":"x:1","customerId":"c1","outcome":"SEND_NOW","channel":"social","sendAt":"2026-03-03T10:00:00Z","deadline":null,"fallback":null,"cancels":[],"reasons":["customer_initiated","complaint"]}"""),
                PlaybookScenarioTest.row("an explicit positive sentiment decides as before, whatever the text", """
                        {"signalId":"x:1","type":"social.mention","occurredAt":"2026-03-03T10:00:00Z","attributes":{"sentiment":"positive","followers":5,"text":"worst ever"}}""", """
                        {"signalId":"x:1","customerId":null,"outcome":"SCHEDULE","channel":"social","sendAt":"2026-03-03T13:00:00Z","deadline":null,"fallback":null,"cancels":[],"reasons":["engagement_slot"]}"""),
                PlaybookScenarioTest.row("a triage the source set is used as it is", """
                        {"signalId":"x:1","type":"social.mention","occurredAt":"2026-03-03T10:00:00Z","attributes":{"followers":5,"text":"love it","triage":"question","triageConfidence":0.7}}""", """
                        {"signalId":"x:1","customerId":null,"outcome":"SEND_NOW","channel":"social","sendAt":"2026-03-03T10:00:00Z","deadline":null,"fallback":null,"cancels":[],"reasons":["customer_initiated","question"]}"""),
                PlaybookScenarioTest.row("a mention in a language the triage does not read waits for a slot, and says so", """
                        {"signalId":"x:1","type":"social.mention","occurredAt":"2026-03-03T10:00:00Z","attributes":{"followers":5,"text":"vuelo retrasado","triage":"other","triageNote":"language:es"}}""", """
                        {"signalId":"x:1","customerId":null,"outcome":"SCHEDULE","channel":"social","sendAt":"2026-03-03T13:00:00Z","deadline":null,"fallback":null,"cancels":[],"reasons":["engagement_slot","unsupported_language","other"]}"""),
                // no loops
                PlaybookScenarioTest.row("a retweet is never answered", """
                        {"signalId":"x:1","type":"social.mention","occurredAt":"2026-03-03T10:00:00Z","customerRef":{"x":"@mia"},"attributes":{"followers":5,"text":"worst airline","retweet":true}}""", """
                        {"signalId":"x:1","customerId":null,"outcome":"SUPPRESS","channel":null,"sendAt":null,"deadline":null,"fallback":null,"cancels":[],"reasons":["retweet"]}"""),
                PlaybookScenarioTest.row("an RT-style text is a retweet too", mention("x:1", "2026-03-03T10:00:00Z", "@mia", 5, "RT @brand: sorry about the delay, we are on it"), """
                        {"signalId":"x:1","customerId":null,"outcome":"SUPPRESS","channel":null,"sendAt":null,"deadline":null,"fallback":null,"cancels":[],"reasons":["retweet"]}"""),
                PlaybookScenarioTest.row("a quote of the brand's reply is never answered", """
                        {"signalId":"x:1","type":"social.mention","occurredAt":"2026-03-03T10:00:00Z","customerRef":{"x":"@mia"},"attributes":{"followers":5,"text":"lol this reply","quotesBrandReply":true}}""", """
                        {"signalId":"x:1","customerId":null,"outcome":"SUPPRESS","channel":null,"sendAt":null,"deadline":null,"fallback":null,"cancels":[],"reasons":["quote_of_reply"]}"""),
                new PlaybookScenarioTest.Row("the brand's own post is never answered", "social: {brandHandles: ['@Brand']}", mention("x:1", "2026-03-03T10:00:00Z", "@brand", 5, "so sorry about the delay, we are on it"), """
                        {"signalId":"x:1","customerId":null,"outcome":"SUPPRESS","channel":null,"sendAt":null,"deadline":null,"fallback":null,"cancels":[],"reasons":["own_post"]}"""),
                // one automatic reply per author and conversation per window
                PlaybookScenarioTest.row("a further complaint from someone already answered goes to a human, fallback drop", String.join("\n",
                        mention("x:1", "2026-03-03T10:00:00Z", "@mia", 120, "my bag is lost"),
                        mention("x:2", "2026-03-03T11:00:00Z", "@MIA", 120, "still no answer, worst")), """
                        {"signalId":"x:2","customerId":null,"outcome":"HOLD","channel":"social","sendAt":null,"deadline":"2026-03-03T11:05:00Z","fallback":"drop","cancels":[],"reasons":["already_answered","needs_approval","complaint"]}"""),
                PlaybookScenarioTest.row("after the window a complaint is answered automatically again", String.join("\n",
                        mention("x:1", "2026-03-03T10:00:00Z", "@mia", 120, "my bag is lost"),
                        mention("x:2", "2026-03-04T10:00:01Z", "@mia", 120, "bag still lost")), """
                        {"signalId":"x:2","customerId":null,"outcome":"SEND_NOW","channel":"social","sendAt":"2026-03-04T10:00:01Z","deadline":null,"fallback":null,"cancels":[],"reasons":["customer_initiated","complaint"]}"""),
                PlaybookScenarioTest.row("another conversation of the same author is answered", """
                        {"signalId":"x:1","type":"social.mention","occurredAt":"2026-03-03T10:00:00Z","customerRef":{"x":"@mia"},"attributes":{"followers":5,"text":"my bag is lost","conversationId":"c-1"}}
                        {"signalId":"x:2","type":"social.mention","occurredAt":"2026-03-03T10:30:00Z","customerRef":{"x":"@mia"},"attributes":{"followers":5,"text":"and my refund never came","conversationId":"c-2"}}""", """
                        {"signalId":"x:2","customerId":null,"outcome":"SEND_NOW","channel":"social","sendAt":"2026-03-03T10:30:00Z","deadline":null,"fallback":null,"cancels":[],"reasons":["customer_initiated","complaint"]}"""),
                PlaybookScenarioTest.row("a scheduled praise reply does not stop a later complaint from being answered now", String.join("\n",
                        mention("x:1", "2026-03-03T10:00:00Z", "@mia", 120, "love the crew"),
                        mention("x:2", "2026-03-03T10:30:00Z", "@mia", 120, "and now my bag is lost")), """
                        {"signalId":"x:2","customerId":null,"outcome":"SEND_NOW","channel":"social","sendAt":"2026-03-03T10:30:00Z","deadline":null,"fallback":null,"cancels":[],"reasons":["customer_initiated","complaint"]}"""),
                new PlaybookScenarioTest.Row("the window is a playbook setting", "social: {replyWindow: PT1H}", String.join("\n",
                        mention("x:1", "2026-03-03T10:00:00Z", "@mia", 120, "my bag is lost"),
                        mention("x:2", "2026-03-03T11:00:01Z", "@mia", 120, "bag still lost")), """
                        {"signalId":"x:2","customerId":null,"outcome":"SEND_NOW","channel":"social","sendAt":"2026-03-03T11:00:01Z","deadline":null,"fallback":null,"cancels":[],"reasons":["customer_initiated","complaint"]}"""),
                // trends
                PlaybookScenarioTest.row("a trend below the volume threshold is suppressed", """
                        {"signalId":"t:1","type":"trend.detected","occurredAt":"2026-03-03T10:00:00Z","attributes":{"topic":"late deliveries","volume":12,"velocity":40}}""", """
                        {"signalId":"t:1","customerId":null,"outcome":"SUPPRESS","channel":null,"sendAt":null,"deadline":null,"fallback":null,"cancels":[],"reasons":["trend","below_threshold"]}"""),
                PlaybookScenarioTest.row("a trend below the velocity threshold is suppressed", """
                        {"signalId":"t:1","type":"trend.detected","occurredAt":"2026-03-03T10:00:00Z","attributes":{"topic":"late deliveries","volume":500,"velocity":"2.5"}}""", """
                        {"signalId":"t:1","customerId":null,"outcome":"SUPPRESS","channel":null,"sendAt":null,"deadline":null,"fallback":null,"cancels":[],"reasons":["trend","below_threshold"]}"""),
                PlaybookScenarioTest.row("a trend at both thresholds pages the newsroom", """
                        {"signalId":"t:1","type":"trend.detected","occurredAt":"2026-03-03T10:00:00Z","attributes":{"topic":"late deliveries","volume":20,"velocity":5}}""", """
                        {"signalId":"t:1","customerId":null,"outcome":"HOLD","channel":"social","sendAt":null,"deadline":"2026-03-03T10:15:00Z","fallback":"drop","cancels":[],"reasons":["trend","needs_approval"]}"""),
                PlaybookScenarioTest.row("a trend without figures is held as before", """
                        {"signalId":"t:1","type":"trend.detected","occurredAt":"2026-03-03T10:00:00Z","attributes":{"topic":"late deliveries"}}""", """
                        {"signalId":"t:1","customerId":null,"outcome":"HOLD","channel":"social","sendAt":null,"deadline":"2026-03-03T10:15:00Z","fallback":"drop","cancels":[],"reasons":["trend","needs_approval"]}"""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void socialRow(PlaybookScenarioTest.Row row) throws Exception {
        Playbook playbook = row.playbook() == null ? Playbook.defaults()
                : Playbook.load(new ByteArrayInputStream(row.playbook().getBytes(StandardCharsets.UTF_8)));
        Simulation sim = new Simulation(playbook, List.of(JSON.readValue(ADA, CustomerProfile.class)));
        List<Decision> last = List.of();
        for (String line : row.signals().split("\n")) {
            last = sim.step(JSON.readValue(line, Signal.class));
        }
        assertThat(last.stream().map(JSON::<JsonNode>valueToTree).toList())
                .containsExactly(JSON.readTree(row.expected()));
    }
}
