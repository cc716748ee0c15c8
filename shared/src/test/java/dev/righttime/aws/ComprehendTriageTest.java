package dev.righttime.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.righttime.triage.Triage;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.comprehend.ComprehendClient;

/**
 * ComprehendTriage through the real SDK (requests marshalled, answers parsed) over canned
 * Comprehend answers: language first, then sentiment in that language, mapped to a triage.
 */
class ComprehendTriageTest {

    final List<CannedHttpClient.Request> requests = new ArrayList<>();

    ComprehendTriage triage(String language, float languageScore, String sentiment) {
        return triage(r -> switch (r.target()) {
            case "Comprehend_20171127.DetectDominantLanguage" -> json("{\"Languages\":[{\"LanguageCode\":\"" + language
                    + "\",\"Score\":" + languageScore + "},{\"LanguageCode\":\"xx\",\"Score\":0.01}]}");
            case "Comprehend_20171127.DetectSentiment" -> json("{\"Sentiment\":\"" + sentiment
                    + "\",\"SentimentScore\":{\"Positive\":0.1,\"Negative\":0.7,\"Neutral\":0.15,\"Mixed\":0.05}}");
            default -> new CannedHttpClient.Response(400, "application/x-amz-json-1.1", "{\"__type\":\"UnknownOperation\"}");
        });
    }

    ComprehendTriage triage(Function<CannedHttpClient.Request, CannedHttpClient.Response> answers) {
        CannedHttpClient http = new CannedHttpClient(r -> {
            requests.add(r);
            return answers.apply(r);
        });
        ComprehendClient client = ComprehendClient.builder()
                .httpClient(http)
                .endpointOverride(URI.create("https://comprehend.test"))
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(RetryMode.STANDARD).build())
                .build();
        return new ComprehendTriage(client);
    }

    static CannedHttpClient.Response json(String body) {
        return new CannedHttpClient.Response(200, "application/x-amz-json-1.1", body);
    }

    @Test
    void negativeEnglishIsAComplaintWithComprehendsScore() {
        Triage t = triage("en", 0.99f, "NEGATIVE").classify("my bag is lost");

        assertThat(t).isEqualTo(new Triage(Triage.Kind.COMPLAINT, 0.7f, null));
        assertThat(requests).extracting(CannedHttpClient.Request::target)
                .containsExactly("Comprehend_20171127.DetectDominantLanguage", "Comprehend_20171127.DetectSentiment");
        assertThat(requests.get(1).body()).contains("\"LanguageCode\":\"en\"").contains("my bag is lost");
    }

    @Test
    void positiveIsPraiseUnlessTheTextIsASarcasticComplaint() {
        assertThat(triage("en", 0.99f, "POSITIVE").classify("love the crew, thank you").kind()).isEqualTo(Triage.Kind.PRAISE);
        assertThat(triage("en", 0.99f, "POSITIVE").classify("thanks for the 3 hour delay").kind()).isEqualTo(Triage.Kind.COMPLAINT);
    }

    @Test
    void mixedIsAComplaintAndNeutralIsAQuestionOnlyWhenTheTextAsks() {
        assertThat(triage("en", 0.99f, "MIXED").classify("ok flight, lost bag").kind()).isEqualTo(Triage.Kind.COMPLAINT);
        assertThat(triage("en", 0.99f, "NEUTRAL").classify("can you help me change my flight?").kind()).isEqualTo(Triage.Kind.QUESTION);
        assertThat(triage("en", 0.99f, "NEUTRAL").classify("flying to Denver tomorrow").kind()).isEqualTo(Triage.Kind.OTHER);
    }

    @Test
    void aSupportedOtherLanguageIsReadInThatLanguageAndNoted() {
        Triage t = triage("es", 0.97f, "NEGATIVE").classify("perdieron mi maleta");

        assertThat(t.kind()).isEqualTo(Triage.Kind.COMPLAINT);
        assertThat(t.note()).isEqualTo("language:es");
        assertThat(requests.get(1).body()).contains("\"LanguageCode\":\"es\"");
    }

    @Test
    void anUnsupportedOrUncertainLanguageIsNotGuessedAt() {
        Triage finnish = triage("fi", 0.98f, "NEGATIVE").classify("laukkuni katosi");
        assertThat(finnish).isEqualTo(new Triage(Triage.Kind.OTHER, 0.5, "language:fi"));
        assertThat(requests).hasSize(1);

        Triage unsure = triage("en", 0.3f, "NEGATIVE").classify("ok");
        assertThat(unsure.note()).isEqualTo("language:und");
    }

    @Test
    void whenComprehendFailsTheBuiltInTriageAnswersAndSaysSo() {
        ComprehendTriage t = triage(r -> new CannedHttpClient.Response(400, "application/x-amz-json-1.1",
                "{\"__type\":\"AccessDeniedException\",\"message\":\"no\"}"));

        Triage answer = t.classify("still waiting on a refund");

        assertThat(answer.kind()).isEqualTo(Triage.Kind.COMPLAINT);
        assertThat(answer.note()).isEqualTo("comprehend_unavailable");
    }

    @Test
    void emptyTextCostsNoCall() {
        assertThat(triage("en", 1f, "NEGATIVE").classify(" ").kind()).isEqualTo(Triage.Kind.OTHER);
        assertThat(requests).isEmpty();
    }

    @Test
    void aLongTextIsCutToComprehendsLimitOnACharacterBoundary() {
        String text = "é".repeat(4000);
        triage("en", 0.99f, "NEUTRAL").classify(text);
        String sent = requests.get(0).body();
        assertThat(sent.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThan(5000);
        assertThat(sent).doesNotContain("\uFFFD");
    }
}
