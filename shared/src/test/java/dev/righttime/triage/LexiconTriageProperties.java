package dev.righttime.triage;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of the built-in triage that no list of examples pins down. */
class LexiconTriageProperties {

    static final LexiconTriage T = LexiconTriage.shared();

    @Provide
    Arbitrary<String> praise() {
        return Arbitraries.of("love the crew", "great flight", "thank you so much", "best airline ever", "amazing service",
                "the staff were so friendly", "smooth landing, thanks", "you guys rock", "fantastic support team");
    }

    @Provide
    Arbitrary<String> negativeWords() {
        return Arbitraries.of("delayed", "late", "bad", "terrible", "rude", "slow", "broken", "awful", "a problem", "an issue",
                "disappointed", "a hassle", "dirty", "cramped");
    }

    @Provide
    Arbitrary<String> complaints() {
        return Arbitraries.of("my bag is lost", "still waiting on a refund", "on hold for 2 hours", "worst service ever",
                "flight cancelled again", "why is nobody answering", "thanks for the 3 hour delay", "app keeps crashing",
                "order never arrived", "charged twice, need this fixed");
    }

    @Provide
    Arbitrary<String> noise() {
        Arbitrary<String> handle = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(2).ofMaxLength(12).map(s -> "@" + s);
        Arbitrary<String> url = Arbitraries.strings().alpha().numeric().ofMinLength(4).ofMaxLength(10).map(s -> "https://t.co/" + s);
        return Arbitraries.oneOf(handle, url, handle.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join(" ", l)));
    }

    /** "not" before a negative word ("not delayed", "not bad") never turns praise into a complaint. */
    @Property
    void notBeforeANegativeCueDoesNotMakePraiseAComplaint(@ForAll("praise") String praise, @ForAll("negativeWords") String word) {
        assertThat(T.classify(praise).kind()).isEqualTo(Triage.Kind.PRAISE);
        String text = praise + ", not " + word;
        assertThat(T.classify(text).kind()).as(text).isNotEqualTo(Triage.Kind.COMPLAINT);
    }

    /** Handles and links carry no meaning: adding them anywhere leaves the class as it was. */
    @Property
    void handlesAndUrlsDoNotChangeTheClass(@ForAll("complaints") String complaint, @ForAll("praise") String praise,
                                           @ForAll("noise") String before, @ForAll("noise") String after) {
        for (String text : new String[] {complaint, praise}) {
            Triage.Kind plain = T.classify(text).kind();
            assertThat(T.classify(before + " " + text + " " + after).kind()).as(before + " " + text + " " + after).isEqualTo(plain);
        }
    }

    /** A complaint stays a complaint when the author adds thanks: sarcasm, or politeness, never praise. */
    @Property
    void thanksNextToAComplaintIsStillAComplaint(@ForAll("complaints") String complaint) {
        assertThat(T.classify(complaint).kind()).isEqualTo(Triage.Kind.COMPLAINT);
        assertThat(T.classify("thanks " + complaint).kind()).as("thanks " + complaint).isIn(Triage.Kind.COMPLAINT, Triage.Kind.QUESTION);
        assertThat(T.classify(complaint + " thanks a lot").kind()).as(complaint + " thanks a lot").isIn(Triage.Kind.COMPLAINT, Triage.Kind.QUESTION);
    }

    /** Shouting, stretching letters or adding "!!!" strengthens a class, never flips it. */
    @Property
    void emphasisDoesNotFlipTheClass(@ForAll("complaints") String complaint, @ForAll("praise") String praise) {
        for (String text : new String[] {complaint, praise}) {
            Triage.Kind plain = T.classify(text).kind();
            assertThat(T.classify(text.toUpperCase(java.util.Locale.ROOT)).kind()).as(text.toUpperCase(java.util.Locale.ROOT)).isEqualTo(plain);
            assertThat(T.classify(text + "!!!").kind()).isEqualTo(plain);
        }
    }

    /** Any text at all gets an answer in range, the same answer every time. */
    @Property
    void anyTextIsTriagedDeterministically(@ForAll String text) {
        Triage first = T.classify(text);
        assertThat(first.confidence()).isBetween(0.0, 1.0);
        assertThat(T.classify(text)).isEqualTo(first);
    }
}
