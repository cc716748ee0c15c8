package dev.righttime.triage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built-in offline triage: a hand-written lexicon ({@code /triage/lexicon.tsv}) scored over the
 * normalised words of a mention. Deterministic, thread-safe, no I/O after construction.
 *
 * <p>Biased on purpose: a complaint missed is worse than praise answered early, so any
 * customer-service cue (delayed, lost, refund, on hold, no response...) or negative word wins
 * unless the praise clearly outweighs it, and thanks next to a problem is read as sarcasm.
 */
public final class LexiconTriage implements MentionTriage {

    private static final String RESOURCE = "/triage/lexicon.tsv";

    /** Complaint score is multiplied by this before it is weighed against praise. */
    private static final double COMPLAINT_BIAS = 1.6;
    /** A lone complaint score at or above this is a complaint even with no praise at all. */
    private static final double COMPLAINT_FLOOR = 1.0;

    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+");
    private static final Pattern HANDLE = Pattern.compile("(?<![\\w])@\\w+");
    private static final Pattern RETWEET = Pattern.compile("^\\s*RT\\b:?", Pattern.CASE_INSENSITIVE);
    private static final Pattern HASHTAG = Pattern.compile("#(\\w+)");
    private static final Pattern CAMEL = Pattern.compile("(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=[0-9])|(?<=[0-9])(?=[A-Za-z])");
    private static final Pattern SARCASM_TAG = Pattern.compile("(?<=\\s|^)/s\\b");
    private static final Pattern HEART = Pattern.compile("<3+");
    private static final Pattern EMO_POS = Pattern.compile("(?<![\\w])(?:[:;=8]['`-]?[)\\]}DpP3*]+|\\(+[-']?[:;=])(?![\\w])");
    private static final Pattern EMO_NEG = Pattern.compile("(?<![\\w])(?:[:;=]['`-]?[(\\[{/\\\\|]+|[)\\]]+-?[:=]|</3|D:)(?![\\w/])");

    /** Scores of one lexicon term; a term may be in several classes. */
    static final class Entry {
        double pos;
        double neg;
        double cue;
        double ask;
        double intensity;
        boolean negator;
        boolean fix;
        boolean contrast;
        boolean concession;
        double sarcasm;

        boolean sentiment() {
            return pos > 0 || neg > 0;
        }
    }

    private final Map<String, Entry> lexicon;
    private final int longestTerm;

    public LexiconTriage() {
        this(LexiconTriage.class.getResourceAsStream(RESOURCE));
    }

    LexiconTriage(InputStream lexiconTsv) {
        if (lexiconTsv == null) {
            throw new IllegalStateException(RESOURCE + " is missing from the classpath");
        }
        Map<String, Entry> map = new HashMap<>();
        int longest = 1;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(lexiconTsv, StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("# ") || line.equals("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length != 3) {
                    throw new IllegalArgumentException(RESOURCE + " line " + n + ": expected term, class, weight");
                }
                String term = f[0].trim();
                double w = Double.parseDouble(f[2].trim());
                Entry e = map.computeIfAbsent(term, k -> new Entry());
                switch (f[1].trim()) {
                    case "pos" -> e.pos += w;
                    case "neg" -> e.neg += w;
                    case "cue" -> e.cue += w;
                    case "ask" -> e.ask += w;
                    case "int" -> e.intensity = w;
                    case "not" -> e.negator = true;
                    case "fix" -> e.fix = true;
                    case "but" -> e.contrast = true;
                    case "despite" -> e.concession = true;
                    case "sarc" -> e.sarcasm += w;
                    default -> throw new IllegalArgumentException(RESOURCE + " line " + n + ": unknown class " + f[1]);
                }
                longest = Math.max(longest, term.split(" ").length);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.lexicon = Map.copyOf(map);
        this.longestTerm = longest;
    }

    /** The scores a text adds up to, before the decision (package-private for tests). */
    record Scores(double praise, double negative, double cue, double ask, boolean resolved, boolean unresolved, double sarcasm,
                  boolean contrasted, boolean negation, boolean personal) {
        double complaint() {
            return negative + cue;
        }
    }

    @Override
    public Triage classify(String text) {
        if (text == null || text.isBlank()) {
            return new Triage(Triage.Kind.OTHER, 0.5, "empty");
        }
        return decide(score(text));
    }

    Triage decide(Scores s) {
        double praise = s.praise();
        double complaint = s.complaint();
        boolean resolved = s.resolved() && !s.unresolved() && praise > 0;
        if (resolved) {
            // "thanks for finding my bag": the problem is over and the author is thanking.
            complaint *= 0.35;
        } else if (complaint > 0 && ((s.sarcasm() > 0 && complaint + s.sarcasm() >= 2.5) || (s.negative() >= 2 && praise > 0 && !s.contrasted()))) {
            // "thanks for the 3 hour delay", "great, another delay", "love being on hold": with a
            // problem in the same breath and no "but" between them, the praise words are the complaint.
            complaint += praise + s.sarcasm();
            praise = 0;
        } else if (praise > 0 && complaint > 0 && !s.unresolved() && s.negative() == 0 && s.cue() <= 1.5) {
            // A lone weak service word ("bag", "agent", "hours") next to clear praise is context.
            complaint *= 0.5;
        }
        double weighed = complaint * COMPLAINT_BIAS;
        if (s.negative() == 0 && s.cue() < 2 && s.ask() >= 2 && s.ask() > praise && !resolved) {
            // "what's the baggage allowance?": a service word inside a plain question.
            return new Triage(Triage.Kind.QUESTION, confidence(s.ask() - praise));
        }
        if (complaint >= COMPLAINT_FLOOR && weighed >= praise) {
            return new Triage(Triage.Kind.COMPLAINT, confidence(weighed - praise + complaint));
        }
        if (s.ask() >= 1.5 && s.ask() > praise && !resolved) {
            return new Triage(Triage.Kind.QUESTION, confidence(s.ask() - praise + 0.5));
        }
        if (praise > 0 && praise >= weighed) {
            return new Triage(Triage.Kind.PRAISE, confidence(praise - weighed));
        }
        if (complaint > 0) {
            return new Triage(Triage.Kind.COMPLAINT, confidence(weighed));
        }
        if (s.ask() > 0) {
            return new Triage(Triage.Kind.QUESTION, confidence(s.ask()));
        }
        if (s.negation() || s.personal()) {
            // No word of praise or of a problem, but "didn't get it", "not ok", "my kids are
            // sleeping on the floor": a missed complaint costs more than an early reply.
            return new Triage(Triage.Kind.COMPLAINT, 0.55);
        }
        return new Triage(Triage.Kind.OTHER, 0.5);
    }

    private static double confidence(double margin) {
        double c = 0.5 + 0.5 * (1 - Math.exp(-Math.max(0, margin) / 2.5));
        return Math.min(0.99, Math.round(c * 100) / 100.0);
    }

    Scores score(String text) {
        List<Token> tokens = tokens(text);
        double pos = 0;
        double neg = 0;
        double cue = 0;
        double ask = 0;
        double sarcasm = 0;
        boolean resolved = false;
        boolean unresolved = false;
        int negatedUntil = -1;
        double boost = 1.0;
        double clause = 1.0;
        boolean askedMark = false;
        boolean contrasted = false;
        boolean negation = false;
        boolean personal = false;
        int n = tokens.size();
        for (int i = 0; i < n; i++) {
            Token t = tokens.get(i);
            if (t.boundary) {
                negatedUntil = -1;
                boost = 1.0;
                clause = 1.0;
                continue;
            }
            if ("!".equals(t.text)) {
                continue;
            }
            if ("?".equals(t.text)) {
                if (!askedMark) {
                    ask += lexicon.get("?").ask;
                    askedMark = true;
                }
                negatedUntil = -1;
                continue;
            }
            boolean negated = i <= negatedUntil && !t.symbol;
            personal |= PERSONAL.contains(t.text);
            if (isNumber(t.text) && i + 1 < n && DURATION_UNITS.contains(tokens.get(i + 1).text)
                    && (i == 0 || !QUICK.contains(tokens.get(i - 1).text))) {
                // "3 hour delay", "on hold for 45 mins": a counted wait is a complaint cue.
                cue += 2.0;
            }
            // Every term of 1..longestTerm words starting here counts (phrases add to their words).
            StringBuilder term = new StringBuilder();
            double wordBoost = boost * clause * t.emphasis;
            boolean sentimentSeen = false;
            for (int len = 1; len <= longestTerm && i + len <= n; len++) {
                Token w = tokens.get(i + len - 1);
                if (w.boundary || "?".equals(w.text) || "!".equals(w.text)) {
                    break;
                }
                if (len > 1) {
                    term.append(' ');
                }
                term.append(w.text);
                Entry e = lexicon.get(term.toString());
                if (e == null) {
                    continue;
                }
                if (e.sentiment()) {
                    sentimentSeen = true;
                }
                if (negated) {
                    pos += e.neg * 0.4 * wordBoost;
                    neg += e.pos * 0.6 * wordBoost;
                } else {
                    pos += e.pos * wordBoost;
                    neg += e.neg * wordBoost;
                }
                cue += e.cue * wordBoost;
                ask += e.ask;
                sarcasm += e.sarcasm;
                resolved |= e.fix;
                if (len == 1 && term.toString().equals("again")) {
                    unresolved = true;
                }
                if (len == 1 && e.negator) {
                    negation = true;
                    negatedUntil = i + 3;
                    if (isUnresolvedNegator(t.text)) {
                        unresolved = true;
                    }
                }
                if (len == 1 && (e.contrast || e.concession)) {
                    contrasted = true;
                }
                if (len == 1 && e.contrast) {
                    // What follows "but" counts more than what came before.
                    pos *= 0.6;
                    neg *= 0.6;
                    cue *= 0.8;
                    clause = 1.3;
                }
                if (len == 1 && e.concession) {
                    clause = 0.4;
                }
            }
            Entry single = lexicon.get(t.text);
            if (single != null && single.intensity > 0) {
                boost = single.intensity;
            } else if (sentimentSeen) {
                boost = 1.0;
            }
        }
        if (endsWithNot(tokens)) {
            // "great customer service... NOT": a closing "not" takes the praise back.
            sarcasm += 3;
            neg += 2.5;
        }
        return new Scores(pos, neg, cue, ask, resolved, unresolved, sarcasm, contrasted, negation, personal);
    }

    private static final java.util.Set<String> DURATION_UNITS = java.util.Set.of(
            "hour", "hours", "hr", "hrs", "h", "min", "mins", "minutes", "minute", "days", "day", "weeks", "week", "months");
    /** Words addressing the brand about the author's own case ("my order", "your app"). */
    private static final java.util.Set<String> PERSONAL = java.util.Set.of("my", "your", "ur", "me");
    /** "delivered in 15 minutes" is quick, not a wait. */
    private static final java.util.Set<String> QUICK = java.util.Set.of("in", "within", "under", "only", "just");
    private static final java.util.Set<String> NUMBER_WORDS = java.util.Set.of(
            "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "several", "many", "multiple");

    private static boolean isNumber(String w) {
        if (NUMBER_WORDS.contains(w)) {
            return true;
        }
        if (w.isEmpty() || w.length() > 4) {
            return false;
        }
        for (int i = 0; i < w.length(); i++) {
            if (!Character.isDigit(w.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean endsWithNot(List<Token> tokens) {
        for (int i = tokens.size() - 1; i >= 1; i--) {
            Token t = tokens.get(i);
            if (t.boundary || t.symbol || "!".equals(t.text)) {
                continue;
            }
            return "not".equals(t.text) && tokens.get(i - 1).boundary;
        }
        return false;
    }

    private static boolean isUnresolvedNegator(String word) {
        return word.equals("never") || word.equals("no") || word.equals("not");
    }

    /** A word after normalisation, with how much its form stresses it (CAPS, elongation). */
    record Token(String text, double emphasis, boolean boundary, boolean symbol) {
        static final Token BOUNDARY = new Token("|", 1.0, true, false);

        Token(String text, double emphasis, boolean boundary) {
            this(text, emphasis, boundary, SYMBOLS.contains(text));
        }
    }

    /** Emoticons and emoji say how the author feels; a "not" before them does not flip them. */
    private static final java.util.Set<String> SYMBOLS = java.util.Set.of("emopos", "emoneg", "emoheart", "sarcasmtag");

    /** Normalises a mention into words, '?' and '!' marks, emoji, and clause boundaries. */
    List<Token> tokens(String raw) {
        String text = RETWEET.matcher(raw).replaceFirst(" ");
        text = URL.matcher(text).replaceAll(" ");
        text = HANDLE.matcher(text).replaceAll(" ");
        text = SARCASM_TAG.matcher(text).replaceAll(" sarcasmtag ");
        text = splitHashtags(text);
        text = HEART.matcher(text).replaceAll(" emoheart ");
        text = EMO_NEG.matcher(text).replaceAll(" emoneg . ");
        text = EMO_POS.matcher(text).replaceAll(" emopos . ");
        text = text.replace('\u2019', '\'').replace('\u2018', '\'').replace('`', '\'');
        boolean allCaps = isMostlyCaps(text);
        List<Token> out = new ArrayList<>();
        int i = 0;
        int len = text.length();
        while (i < len) {
            int cp = text.codePointAt(i);
            int size = Character.charCount(cp);
            if (Character.isLetterOrDigit(cp) || cp == '\'') {
                int start = i;
                while (i < len) {
                    int c = text.codePointAt(i);
                    if (!(Character.isLetterOrDigit(c) || c == '\'')) {
                        break;
                    }
                    i += Character.charCount(c);
                }
                addWord(text.substring(start, i), allCaps, out);
                continue;
            }
            i += size;
            if (cp == '?') {
                out.add(new Token("?", 1.0, false));
            } else if (cp == '!') {
                out.add(new Token("!", 1.0, false));
            } else if (cp == '.' || cp == ',' || cp == ';' || cp == ':' || cp == '\n' || cp == '(' || cp == ')') {
                if (out.isEmpty() || !out.get(out.size() - 1).boundary) {
                    out.add(Token.BOUNDARY);
                }
            } else if (isEmojiPart(cp)) {
                continue;
            } else if (!Character.isWhitespace(cp) && cp > 0x7f) {
                String symbol = new String(Character.toChars(cp));
                if (lexicon.containsKey(symbol)) {
                    out.add(new Token(symbol, 1.0, false, true));
                }
            }
        }
        return out;
    }

    /** Skin tones, variation selectors and zero-width joiners carry no meaning of their own. */
    private static boolean isEmojiPart(int cp) {
        return cp == 0xFE0F || cp == 0xFE0E || cp == 0x200D || (cp >= 0x1F3FB && cp <= 0x1F3FF);
    }

    private String splitHashtags(String text) {
        Matcher m = HASHTAG.matcher(text);
        StringBuilder sb = new StringBuilder(text.length() + 8);
        while (m.find()) {
            String tag = m.group(1);
            String words = tag.chars().anyMatch(Character::isUpperCase) && !tag.equals(tag.toUpperCase(Locale.ROOT))
                    ? CAMEL.matcher(tag).replaceAll(" ").replace('_', ' ')
                    : wordsOf(tag.toLowerCase(Locale.ROOT).replace('_', ' '));
            m.appendReplacement(sb, Matcher.quoteReplacement(" " + words + " . "));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /**
     * A lower-case hashtag such as {@code #neveragain} or {@code #worstairline}: itself when the
     * lexicon knows it, else the longest lexicon words found left to right ("never again", "worst").
     */
    private String wordsOf(String tag) {
        if (tag.indexOf(' ') >= 0 || lexicon.containsKey(tag) || tag.length() < 6) {
            return tag;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < tag.length()) {
            int best = 0;
            for (int end = Math.min(tag.length(), i + 16); end >= i + 3; end--) {
                Entry e = lexicon.get(tag.substring(i, end));
                if (e != null && (e.sentiment() || e.cue > 0 || e.negator)) {
                    best = end - i;
                    break;
                }
            }
            if (best == 0) {
                i++;
                continue;
            }
            out.append(tag, i, i + best).append(' ');
            i += best;
        }
        return out.isEmpty() ? tag : out.toString().trim();
    }

    private static boolean isMostlyCaps(String text) {
        int upper = 0;
        int letters = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
                if (Character.isUpperCase(c)) {
                    upper++;
                }
            }
        }
        return letters >= 8 && upper * 10 >= letters * 8;
    }

    private void addWord(String raw, boolean allCaps, List<Token> out) {
        String lower = raw.toLowerCase(Locale.ROOT);
        double emphasis = 1.0;
        boolean caps = raw.length() >= 3 && !lower.equals(raw) && raw.toUpperCase(Locale.ROOT).equals(raw);
        if (caps || allCaps) {
            emphasis = 1.3;
        }
        // Contractions: "didn't"/"didnt" -> "did not", "can't" -> "can not", "won't" -> "will not".
        String base = null;
        String w = lower.replace("'", "");
        if (lower.endsWith("n't") && lower.length() > 3) {
            base = lower.substring(0, lower.length() - 3);
        } else if (w.endsWith("nt") && NT_WORDS.containsKey(w)) {
            base = NT_WORDS.get(w);
        } else if (w.equals("cannot")) {
            base = "can";
        }
        if (base != null) {
            base = switch (base) {
                case "ca" -> "can";
                case "wo" -> "will";
                case "sha" -> "shall";
                case "ai" -> "is";
                default -> base;
            };
            out.add(new Token(base, 1.0, false));
            out.add(new Token("not", 1.0, false));
            return;
        }
        if (w.isEmpty()) {
            return;
        }
        String known = lookupForm(w);
        if (known != null && !known.equals(w) && hasRun(w, 3)) {
            emphasis *= 1.3;
        }
        out.add(new Token(known != null ? known : collapse(w, 2), emphasis, false));
    }

    private static final Map<String, String> NT_WORDS = Map.ofEntries(
            Map.entry("dont", "do"), Map.entry("cant", "can"), Map.entry("wont", "will"), Map.entry("didnt", "did"),
            Map.entry("doesnt", "does"), Map.entry("isnt", "is"), Map.entry("wasnt", "was"), Map.entry("arent", "are"),
            Map.entry("werent", "were"), Map.entry("havent", "have"), Map.entry("hasnt", "has"), Map.entry("hadnt", "had"),
            Map.entry("couldnt", "could"), Map.entry("wouldnt", "would"), Map.entry("shouldnt", "should"),
            Map.entry("aint", "is"), Map.entry("mustnt", "must"), Map.entry("neednt", "need"));

    /** The lexicon form of a word: itself, de-elongated ("sooo", "pleeease"), or a plain inflection. */
    private String lookupForm(String w) {
        if (lexicon.containsKey(w)) {
            return w;
        }
        if (hasRun(w, 3)) {
            String two = collapse(w, 2);
            if (lexicon.containsKey(two)) {
                return two;
            }
            String one = collapse(w, 1);
            if (lexicon.containsKey(one)) {
                return one;
            }
            w = two;
        }
        for (String suffix : SUFFIXES) {
            if (w.length() > suffix.length() + 2 && w.endsWith(suffix)) {
                String stem = w.substring(0, w.length() - suffix.length());
                for (String candidate : new String[] {stem, stem + "e", stem + "y"}) {
                    Entry e = lexicon.get(candidate);
                    if (e != null && (e.sentiment() || e.cue > 0)) {
                        return candidate;
                    }
                }
            }
        }
        return null;
    }

    private static final String[] SUFFIXES = {"s", "es", "ed", "d", "ing", "ly", "est", "iest", "er", "ier"};

    private static boolean hasRun(String w, int min) {
        int run = 1;
        for (int i = 1; i < w.length(); i++) {
            run = w.charAt(i) == w.charAt(i - 1) ? run + 1 : 1;
            if (run >= min) {
                return true;
            }
        }
        return false;
    }

    /** Shortens every run of one letter to at most {@code max}. */
    private static String collapse(String w, int max) {
        StringBuilder sb = new StringBuilder(w.length());
        int run = 0;
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            run = i > 0 && c == w.charAt(i - 1) ? run + 1 : 1;
            if (run <= max) {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
