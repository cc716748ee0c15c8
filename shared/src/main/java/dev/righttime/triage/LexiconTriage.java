package dev.righttime.triage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

    private static final Pattern CAMEL = Pattern.compile("(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=[0-9])|(?<=[0-9])(?=[A-Za-z])");

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
    /** Multi-word terms by their first word. */
    private final Map<String, List<Phrase>> phrases;
    private final double questionMark;
    /** Word -> its lexicon form ("" for none): the vocabulary of mentions repeats; bounded. */
    private final ConcurrentHashMap<String, String> forms = new ConcurrentHashMap<>();
    private static final int FORMS_CACHE_MAX = 50_000;

    private static final class Shared {
        static final LexiconTriage INSTANCE = new LexiconTriage();
    }

    /** One instance for the process: the lexicon is read once (the triage is stateless). */
    public static LexiconTriage shared() {
        return Shared.INSTANCE;
    }

    public LexiconTriage() {
        this(LexiconTriage.class.getResourceAsStream(RESOURCE));
    }

    LexiconTriage(InputStream lexiconTsv) {
        if (lexiconTsv == null) {
            throw new IllegalStateException(RESOURCE + " is missing from the classpath");
        }
        Map<String, Entry> map = new HashMap<>();
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
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.lexicon = Map.copyOf(map);
        Map<String, List<Phrase>> byHead = new HashMap<>();
        for (Map.Entry<String, Entry> e : map.entrySet()) {
            String[] words = e.getKey().split(" ");
            if (words.length > 1) {
                byHead.computeIfAbsent(words[0], k -> new ArrayList<>())
                        .add(new Phrase(Arrays.copyOfRange(words, 1, words.length), e.getValue()));
            }
        }
        byHead.replaceAll((k, v) -> List.copyOf(v));
        this.phrases = Map.copyOf(byHead);
        Entry mark = map.get("?");
        this.questionMark = mark == null ? 0 : mark.ask;
    }

    /** The scores a text adds up to, before the decision (package-private for tests). */
    record Scores(double praise, double negative, double cue, double ask, boolean resolved, boolean unresolved, double sarcasm,
                  boolean contrasted, boolean negation, boolean personal, int words, boolean chatter) {
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
            // "thanks for finding my bag", "made it home after the delay, thank you": the problem
            // is over and the author is thanking.
            complaint *= 0.2;
        } else if (complaint > 0 && ((s.sarcasm() > 0 && complaint + s.sarcasm() >= 2.5) || (s.negative() >= 2 && praise > 0 && !s.contrasted()))) {
            // "thanks for the 3 hour delay", "great, another delay", "love being on hold": with a
            // problem in the same breath and no "but" between them, the praise words are the complaint.
            complaint += praise + s.sarcasm();
            praise = 0;
        } else if (praise > 0 && complaint > 0 && s.negative() == 0 && s.cue() <= 1.5) {
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
        if (complaint < COMPLAINT_FLOOR && praise < 1.5 && s.negation() && s.personal()) {
            // "my upgrade didn't clear, again": a weak good word under a negation about the
            // author's own case is no praise.
            return new Triage(Triage.Kind.COMPLAINT, 0.55);
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
        if (s.words() >= LONG_UNREAD && !s.chatter()) {
            // A sentence or more addressed to the brand with no word of praise: more often a
            // problem the lexicon does not know than chatter. Answer it (the question reply).
            return new Triage(Triage.Kind.QUESTION, 0.5);
        }
        return new Triage(Triage.Kind.OTHER, 0.5);
    }

    private static double confidence(double margin) {
        double c = 0.5 + 0.5 * (1 - Math.exp(-Math.max(0, margin) / 2.5));
        return Math.min(0.99, Math.round(c * 100) / 100.0);
    }

    /** What the scan of one text adds up (mutable, one per call). */
    private static final class Acc {
        double pos;
        double neg;
        double cue;
        double ask;
        double sarcasm;
        boolean resolved;
        boolean unresolved;
        boolean contrasted;
        boolean negation;
        boolean personal;
        int words;
        boolean chatter;
        int negatedUntil = -1;
        double clause = 1.0;
    }

    Scores score(String text) {
        List<Token> tokens = tokens(text);
        Acc a = new Acc();
        double boost = 1.0;
        boolean askedMark = false;
        int n = tokens.size();
        for (int i = 0; i < n; i++) {
            Token t = tokens.get(i);
            if (t.boundary) {
                a.negatedUntil = -1;
                boost = 1.0;
                a.clause = 1.0;
                continue;
            }
            if ("!".equals(t.text)) {
                continue;
            }
            if ("?".equals(t.text)) {
                if (!askedMark) {
                    a.ask += questionMark;
                    askedMark = true;
                }
                a.negatedUntil = -1;
                continue;
            }
            boolean negated = i <= a.negatedUntil && !t.symbol;
            a.personal |= PERSONAL.contains(t.text);
            a.chatter |= CHATTER.contains(t.text);
            if (!t.symbol) {
                a.words++;
            }
            if (isNumber(t.text) && i + 1 < n && DURATION_UNITS.contains(tokens.get(i + 1).text)
                    && (i == 0 || !QUICK.contains(tokens.get(i - 1).text))) {
                // "3 hour delay", "on hold for 45 mins": a counted wait is a complaint cue.
                a.cue += 2.0;
            }
            double wordBoost = boost * a.clause * t.emphasis;
            boolean sentimentSeen = false;
            Entry single = lexicon.get(t.text);
            if (single != null) {
                sentimentSeen = single.sentiment();
                apply(a, single, negated, wordBoost);
                if (UNRESOLVED.contains(t.text)) {
                    a.unresolved = true;
                }
                if (single.negator) {
                    a.negation = true;
                    a.negatedUntil = i + 3;
                    if (isUnresolvedNegator(t.text)) {
                        a.unresolved = true;
                    }
                }
                if (single.contrast || single.concession) {
                    a.contrasted = true;
                }
                if (single.contrast) {
                    // What follows "but" counts more than what came before.
                    a.pos *= 0.6;
                    a.neg *= 0.6;
                    a.cue *= 0.8;
                    a.clause = 1.3;
                }
                if (single.concession) {
                    a.clause = 0.4;
                }
            }
            // Every phrase starting here counts too (phrases add to their words).
            List<Phrase> starting = phrases.get(t.text);
            if (starting != null) {
                for (Phrase p : starting) {
                    if (p.matches(tokens, i) && !(p.sarcasticUnlessThanked() && i > 0 && THANKS.contains(tokens.get(i - 1).text))) {
                        sentimentSeen |= p.entry().sentiment();
                        apply(a, p.entry(), negated, wordBoost);
                    }
                }
            }
            if (single != null && single.intensity > 0) {
                boost = single.intensity;
            } else if (sentimentSeen) {
                boost = 1.0;
            }
        }
        if (endsWithNot(tokens)) {
            // "great customer service... NOT": a closing "not" takes the praise back.
            a.sarcasm += 3;
            a.neg += 2.5;
        }
        return new Scores(a.pos, a.neg, a.cue, a.ask, a.resolved, a.unresolved, a.sarcasm, a.contrasted, a.negation, a.personal,
                a.words, a.chatter);
    }

    private static void apply(Acc a, Entry e, boolean negated, double wordBoost) {
        if (negated) {
            a.pos += e.neg * 0.4 * wordBoost;
            a.neg += e.pos * 0.6 * wordBoost;
        } else {
            a.pos += e.pos * wordBoost;
            a.neg += e.neg * wordBoost;
        }
        a.cue += e.cue * wordBoost;
        a.ask += e.ask;
        a.sarcasm += e.sarcasm;
        a.resolved |= e.fix;
    }

    /** A lexicon term of several words: the words after its first, and its scores. */
    record Phrase(String[] rest, Entry entry) {
        /** "so much for on time departures" is sarcasm; "thank you so much for ..." is not. */
        boolean sarcasticUnlessThanked() {
            return entry.sarcasm > 0 && rest.length == 2 && "much".equals(rest[0]) && "for".equals(rest[1]);
        }

        boolean matches(List<Token> tokens, int at) {
            if (at + rest.length >= tokens.size()) {
                return false;
            }
            for (int k = 0; k < rest.length; k++) {
                Token w = tokens.get(at + 1 + k);
                if (w.boundary || !rest[k].equals(w.text)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final Set<String> DURATION_UNITS = Set.of(
            "hour", "hours", "hr", "hrs", "h", "min", "mins", "minutes", "minute", "days", "day", "weeks", "week", "months");
    private static final Set<String> THANKS = Set.of("you", "thanks", "thank", "thx", "ty", "u");
    /** Words saying the problem is not over ("still", "again", "need this fixed", "where is..."). */
    private static final Set<String> UNRESOLVED = Set.of(
            "again", "still", "need", "needs", "please", "pls", "plz", "where", "why", "when");
    /** From this many words, a text with no cue at all is answered rather than left for a slot. */
    private static final int LONG_UNREAD = 6;
    /** Words of travel and announcement chatter ("flying to Denver tomorrow", "see you at the gate"). */
    private static final Set<String> CHATTER = Set.of(
            "tomorrow", "tonight", "boarding", "heading", "flying", "see", "just", "first", "rt", "opening", "coming",
            "watching", "reading", "testing", "live", "new", "soon", "weekend", "trip");
    /** Words addressing the brand about the author's own case ("my order", "your app"). */
    private static final Set<String> PERSONAL = Set.of("my", "your", "ur", "me");
    /** "delivered in 15 minutes" is quick, not a wait. */
    private static final Set<String> QUICK = Set.of("in", "within", "under", "only", "just");
    private static final Set<String> NUMBER_WORDS = Set.of(
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
    private static final Set<String> SYMBOLS = Set.of("emopos", "emoneg", "emoheart", "sarcasmtag");

    /**
     * Normalises a mention into words, '?' and '!' marks, emoji, emoticons and clause boundaries in
     * one pass: links and @handles are dropped, hashtags split into words, "n't" read as "not".
     */
    List<Token> tokens(String raw) {
        // Exported tweets often keep X's HTML escaping ("&amp;", "&lt;3").
        String text = raw.indexOf('&') < 0 ? raw : raw.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&apos;", "'").replace("&amp;", "&");
        boolean allCaps = isMostlyCaps(text);
        List<Token> out = new ArrayList<>(24);
        int len = text.length();
        int i = 0;
        while (i < len) {
            char c = text.charAt(i);
            boolean atStart = i == 0 || !isWordChar(text.charAt(i - 1));
            if (atStart && (c == 'h' || c == 'H' || c == 'w' || c == 'W') && isLink(text, i)) {
                i = skipNonSpace(text, i);
                continue;
            }
            if (c == '@' && atStart && i + 1 < len && isHandleChar(text.charAt(i + 1))) {
                i++;
                while (i < len && isHandleChar(text.charAt(i))) {
                    i++;
                }
                continue;
            }
            if (c == '#' && i + 1 < len && isHandleChar(text.charAt(i + 1))) {
                int start = ++i;
                while (i < len && isHandleChar(text.charAt(i))) {
                    i++;
                }
                for (String w : hashtagWords(text.substring(start, i))) {
                    addWord(w, allCaps, out);
                }
                boundary(out);
                continue;
            }
            if (atStart && c == '/' && i + 1 < len && text.charAt(i + 1) == 's' && (i + 2 == len || !isWordChar(text.charAt(i + 2)))) {
                out.add(new Token("sarcasmtag", 1.0, false));
                i += 2;
                continue;
            }
            if (atStart && EMOTICON_START.indexOf(c) >= 0) {
                String emoticon = emoticonAt(text, i);
                if (emoticon != null) {
                    out.add(new Token(EMOTICONS.get(emoticon), 1.0, false));
                    boundary(out);
                    i += emoticon.length();
                    continue;
                }
            }
            if (Character.isLetterOrDigit(c) || isApostrophe(c) || Character.isHighSurrogate(c) && Character.isLetter(text.codePointAt(i))) {
                int start = i;
                while (i < len) {
                    int cp = text.codePointAt(i);
                    if (!(Character.isLetterOrDigit(cp) || isApostrophe((char) cp))) {
                        break;
                    }
                    i += Character.charCount(cp);
                }
                addWord(text.substring(start, i), allCaps, out);
                continue;
            }
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '?') {
                out.add(new Token("?", 1.0, false));
            } else if (cp == '!') {
                out.add(new Token("!", 1.0, false));
            } else if (cp == '.' || cp == ',' || cp == ';' || cp == ':' || cp == '\n' || cp == '(' || cp == ')') {
                boundary(out);
            } else if (cp > 0x7f && !isEmojiPart(cp) && !Character.isWhitespace(cp)) {
                String symbol = new String(Character.toChars(cp));
                if (lexicon.containsKey(symbol)) {
                    out.add(new Token(symbol, 1.0, false, true));
                }
            }
        }
        return out;
    }

    private static void boundary(List<Token> out) {
        if (out.isEmpty() || !out.get(out.size() - 1).boundary) {
            out.add(Token.BOUNDARY);
        }
    }

    private static boolean isApostrophe(char c) {
        return c == '\'' || c == '\u2019' || c == '\u2018' || c == '`';
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static boolean isHandleChar(char c) {
        return c < 0x80 ? (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' : Character.isLetterOrDigit(c);
    }

    private static boolean isLink(String text, int i) {
        return text.regionMatches(true, i, "http://", 0, 7) || text.regionMatches(true, i, "https://", 0, 8)
                || text.regionMatches(true, i, "www.", 0, 4);
    }

    private static int skipNonSpace(String text, int i) {
        while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Emoticons and the token each reads as; longest first so ":-(" wins over ":-". */
    private static final Map<String, String> EMOTICONS;
    private static final List<String> EMOTICONS_LONGEST_FIRST;
    private static final String EMOTICON_START;

    static {
        Map<String, String> m = new HashMap<>();
        for (String e : new String[] {":)", ":-)", ":))", ":D", ":-D", ";)", ";-)", ";D", ":]", "=)", "=D", ":P", ":p", ":-P",
                ":-p", ";P", ":*", ":-*", "(:", "(-:", ":3", "^^", "^_^"}) {
            m.put(e, "emopos");
        }
        for (String e : new String[] {":(", ":-(", ":((", ":'(", ":'-(", ":/", ":-/", ":\\", ":-\\", ":|", ":-|", "=(", "=/",
                "):", ")-:", "D:", ":[", ">:(", ">:-(", "-_-", "</3"}) {
            m.put(e, "emoneg");
        }
        m.put("<3", "emoheart");
        m.put("<33", "emoheart");
        m.put("<333", "emoheart");
        EMOTICONS = Map.copyOf(m);
        List<String> order = new ArrayList<>(m.keySet());
        order.sort(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        EMOTICONS_LONGEST_FIRST = List.copyOf(order);
        StringBuilder starts = new StringBuilder();
        for (String e : order) {
            if (starts.indexOf(e.substring(0, 1)) < 0) {
                starts.append(e.charAt(0));
            }
        }
        EMOTICON_START = starts.toString();
    }

    /** The emoticon starting at {@code i} and ending at a word boundary, else null. */
    private static String emoticonAt(String text, int i) {
        for (String e : EMOTICONS_LONGEST_FIRST) {
            int end = i + e.length();
            if (text.startsWith(e, i) && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
                return e;
            }
        }
        return null;
    }

    /** Skin tones, variation selectors and zero-width joiners carry no meaning of their own. */
    private static boolean isEmojiPart(int cp) {
        return cp == 0xFE0F || cp == 0xFE0E || cp == 0x200D || (cp >= 0x1F3FB && cp <= 0x1F3FF);
    }

    /** The words of a hashtag: camelCase split ("CustomerServiceFail"), or lexicon words ("neveragain"). */
    private List<String> hashtagWords(String tag) {
        String spaced = tag.replace('_', ' ');
        boolean mixedCase = !tag.equals(tag.toLowerCase(Locale.ROOT)) && !tag.equals(tag.toUpperCase(Locale.ROOT));
        String words = mixedCase ? CAMEL.matcher(spaced).replaceAll(" ") : wordsOf(spaced.toLowerCase(Locale.ROOT));
        return List.of(words.trim().split(" +"));
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

    private void addWord(String word, boolean allCaps, List<Token> out) {
        String raw = word.indexOf('\u2019') >= 0 || word.indexOf('\u2018') >= 0 || word.indexOf('`') >= 0
                ? word.replace('\u2019', '\'').replace('\u2018', '\'').replace('`', '\'') : word;
        if (raw.isEmpty()) {
            return;
        }
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
        String cached = forms.get(w);
        if (cached != null) {
            return cached.isEmpty() ? null : cached;
        }
        String form = findForm(w);
        if (forms.size() < FORMS_CACHE_MAX) {
            forms.put(w, form == null ? "" : form);
        }
        return form;
    }

    private String findForm(String w) {
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
