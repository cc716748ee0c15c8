package dev.righttime.aws;

import dev.righttime.triage.LexiconTriage;
import dev.righttime.triage.MentionTriage;
import dev.righttime.triage.Triage;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.comprehend.ComprehendClient;
import software.amazon.awssdk.services.comprehend.model.DetectSentimentResponse;
import software.amazon.awssdk.services.comprehend.model.DominantLanguage;
import software.amazon.awssdk.services.comprehend.model.SentimentScore;

/**
 * Mention triage by Amazon Comprehend ({@code MENTION_TRIAGE=comprehend}): DetectDominantLanguage,
 * then DetectSentiment in that language.
 * <ul>
 *   <li>a language DetectSentiment does not support, or no language Comprehend is sure of, is not
 *       guessed at: {@code other} with the note {@code language:<code>};</li>
 *   <li>NEGATIVE and MIXED are complaints (a complaint missed costs more than an early reply);
 *       POSITIVE is praise unless the built-in triage finds a complaint in it (sarcasm such as
 *       "thanks for the 3 hour delay" reads positive to a sentiment model); NEUTRAL is a question
 *       or complaint when the built-in triage finds a request or a service problem, else other;</li>
 *   <li>Comprehend unavailable or throttled: the built-in triage answers, noted
 *       {@code comprehend_unavailable}, so a complaint is never delayed by a retry loop.</li>
 * </ul>
 * The text is never logged.
 */
public final class ComprehendTriage implements MentionTriage {

    private static final Logger LOG = LoggerFactory.getLogger(ComprehendTriage.class);

    /** The languages DetectSentiment accepts. */
    static final Set<String> SENTIMENT_LANGUAGES = Set.of("en", "es", "fr", "de", "it", "pt", "ar", "hi", "ja", "ko", "zh", "zh-TW");
    /** Below this DetectDominantLanguage score the language is not trusted. */
    static final float LANGUAGE_FLOOR = 0.5f;
    /** DetectSentiment's limit is 5,000 bytes of UTF-8. */
    private static final int MAX_BYTES = 4900;

    private final ComprehendClient comprehend;
    private final MentionTriage builtin;

    public ComprehendTriage(ComprehendClient comprehend) {
        this(comprehend, LexiconTriage.shared());
    }

    ComprehendTriage(ComprehendClient comprehend, MentionTriage builtin) {
        this.comprehend = Objects.requireNonNull(comprehend, "comprehend");
        this.builtin = Objects.requireNonNull(builtin, "builtin");
    }

    @Override
    public Triage classify(String text) {
        if (text == null || text.isBlank()) {
            return new Triage(Triage.Kind.OTHER, 0.5, "empty");
        }
        String bounded = truncate(text);
        try {
            Optional<DominantLanguage> language = comprehend.detectDominantLanguage(b -> b.text(bounded)).languages().stream()
                    .max(Comparator.comparing(DominantLanguage::score));
            String code = language.filter(l -> l.score() != null && l.score() >= LANGUAGE_FLOOR)
                    .map(DominantLanguage::languageCode).orElse("und");
            if (!SENTIMENT_LANGUAGES.contains(code)) {
                return new Triage(Triage.Kind.OTHER, 0.5, "language:" + code);
            }
            DetectSentimentResponse r = comprehend.detectSentiment(b -> b.text(bounded).languageCode(code));
            return fromSentiment(r.sentimentAsString(), r.sentimentScore(), bounded, code);
        } catch (SdkException e) {
            LOG.warn("Comprehend unavailable ({}), the built-in triage answers", e.getClass().getSimpleName());
            Triage t = builtin.classify(text);
            return new Triage(t.kind(), t.confidence(), "comprehend_unavailable");
        }
    }

    Triage fromSentiment(String sentiment, SentimentScore score, String text, String language) {
        String s = sentiment == null ? "" : sentiment.toUpperCase(Locale.ROOT);
        Map<String, Float> scores = score == null ? Map.of() : Map.of(
                "POSITIVE", nz(score.positive()), "NEGATIVE", nz(score.negative()),
                "NEUTRAL", nz(score.neutral()), "MIXED", nz(score.mixed()));
        double confidence = Math.max(0, Math.min(1, scores.getOrDefault(s, 0.5f)));
        String note = "en".equals(language) ? null : "language:" + language;
        // The built-in triage reads English only: its opinion counts for English text.
        Triage.Kind lexical = "en".equals(language) ? builtin.classify(text).kind() : null;
        return switch (s) {
            case "NEGATIVE" -> new Triage(Triage.Kind.COMPLAINT, confidence, note);
            case "MIXED" -> new Triage(lexical == Triage.Kind.QUESTION ? Triage.Kind.QUESTION : Triage.Kind.COMPLAINT, confidence, note);
            case "POSITIVE" -> lexical == Triage.Kind.COMPLAINT
                    ? new Triage(Triage.Kind.COMPLAINT, Math.max(0.5, 1 - confidence), note)
                    : new Triage(Triage.Kind.PRAISE, confidence, note);
            default -> lexical != null && lexical.needsAnswer()
                    ? new Triage(lexical, confidence, note)
                    : new Triage(Triage.Kind.OTHER, confidence, note);
        };
    }

    private static float nz(Float f) {
        return f == null ? 0f : f;
    }

    private static String truncate(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_BYTES) {
            return text;
        }
        int end = MAX_BYTES;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }
}
