package dev.righttime.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.righttime.model.CustomerRef;
import dev.righttime.model.Signal;
import dev.righttime.model.SignalType;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The built-in triage on hand-written mentions of each class and on the edge cases real text has. */
class LexiconTriageTest {

    static final LexiconTriage T = LexiconTriage.shared();

    static Triage.Kind kind(String text) {
        return T.classify(text).kind();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "@brand my bag is lost", "thanks for the 3 hour delay", "still waiting on a refund", "why is nobody answering",
            "flight Cancelled Flightled", "on hold for 2 hours", "worst", "ugh", "seriously?", "Worst service ever",
            "great, another delay. love it", "love being on hold", "thanks for nothing", "great customer service... NOT",
            "loving the 2 week shipping /s", "not happy", "not impressed at all", "#neveragain", "#WorstAirlineEver",
            "WORST. AIRLINE. EVER.", "sooo disappointed", "terible experience", "dissapointed again", "😡😡", "app down :(",
            "@brand @other https://t.co/abc my order never arrived", "didnt get my refund", "cant log in, app keeps crashing"})
    void complaints(String text) {
        assertThat(kind(text)).as(text).isEqualTo(Triage.Kind.COMPLAINT);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "can you help me change my flight?", "is there wifi?", "how do I add my frequent flyer number?",
            "do you ship to Canada?", "need help setting up SSO", "what are your branch hours on Saturday?"})
    void questions(String text) {
        assertThat(kind(text)).as(text).isEqualTo(Triage.Kind.QUESTION);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "thank you!", "love the crew", "great flight :)", "best airline #happy", "THANK YOU", "loooove this airline",
            "😍😍", "<3", "thx 👍", "great flight, no delays", "not bad at all", "no complaints here, smooth flight",
            "despite the delay, the crew was fantastic", "bit of a delay but the crew was amazing",
            "thank you for finding my bag!", "thanks for the quick response", "#BestAirline", "can't wait to fly again",
            "crew &amp; pilots were great &lt;3", "you guys rock!! &lt;3"})
    void praise(String text) {
        assertThat(kind(text)).as(text).isEqualTo(Triage.Kind.PRAISE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"flying to Denver tomorrow", "boarding now", "@brand", "https://t.co/x", "pizza night"})
    void other(String text) {
        assertThat(kind(text)).as(text).isEqualTo(Triage.Kind.OTHER);
    }

    @Test
    void emptyTextIsOtherWithANote() {
        assertThat(T.classify(null)).isEqualTo(new Triage(Triage.Kind.OTHER, 0.5, "empty"));
        assertThat(T.classify("   ").note()).isEqualTo("empty");
    }

    @Test
    void confidenceGrowsWithTheEvidenceAndStaysBelowOne() {
        Triage mild = T.classify("delayed");
        Triage strong = T.classify("WORST airline ever, 5 hours on hold, lost my bag and no refund 😡");
        assertThat(mild.kind()).isEqualTo(Triage.Kind.COMPLAINT);
        assertThat(strong.kind()).isEqualTo(Triage.Kind.COMPLAINT);
        assertThat(strong.confidence()).isGreaterThan(mild.confidence()).isLessThanOrEqualTo(0.99);
        assertThat(mild.confidence()).isGreaterThanOrEqualTo(0.5);
    }

    @Test
    void deterministic() {
        String text = "thanks for the wonderful 6 hour layover 🙄";
        assertThat(T.classify(text)).isEqualTo(new LexiconTriage().classify(text));
    }

    @Test
    void aBrokenLexiconIsRefusedWithItsLine() {
        assertThatThrownBy(() -> new LexiconTriage(new ByteArrayInputStream("good\tpos\n".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 1");
        assertThatThrownBy(() -> new LexiconTriage(new ByteArrayInputStream("good\tnice\t1\n".getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("unknown class nice");
    }

    @Test
    void aMentionWithoutSentimentIsTriagedOntoItsAttributesAndOthersAreLeftAlone() {
        Signal unknown = mention(Map.of("text", "my bag is lost", "followers", 5));
        Signal triaged = T.triage(unknown);
        assertThat(triaged.attribute(Triage.ATTRIBUTE)).isEqualTo("complaint");
        assertThat(Triage.of(triaged)).hasValueSatisfying(t -> assertThat(t.kind()).isEqualTo(Triage.Kind.COMPLAINT));
        assertThat(T.triage(triaged)).isSameAs(triaged);

        Signal negative = mention(Map.of("text", "love it", "sentiment", "negative"));
        assertThat(T.triage(negative)).isSameAs(negative);
        Signal unknownWord = mention(Map.of("text", "love it", "sentiment", "UNKNOWN"));
        assertThat(T.triage(unknownWord).attribute(Triage.ATTRIBUTE)).isEqualTo("praise");
        Signal ticket = new Signal("z:1", "zendesk", SignalType.TICKET_OPENED, Instant.EPOCH, CustomerRef.NONE, Map.of("text", "lost"));
        assertThat(T.triage(ticket)).isSameAs(ticket);
    }

    @Test
    void aTriageReadBackFromAttributesIsClampedAndTolerant() {
        Signal s = mention(Map.of("triage", "Complaint", "triageConfidence", "7"));
        assertThat(Triage.of(s)).contains(new Triage(Triage.Kind.COMPLAINT, 1.0, null));
        assertThat(Triage.of(mention(Map.of("triage", "angry")))).isEmpty();
        assertThatThrownBy(() -> new Triage(Triage.Kind.PRAISE, 1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    static Signal mention(Map<String, Object> attributes) {
        return new Signal("x:1", "x", SignalType.SOCIAL_MENTION, Instant.EPOCH, new CustomerRef(null, null, null, "@ada"), attributes);
    }
}
