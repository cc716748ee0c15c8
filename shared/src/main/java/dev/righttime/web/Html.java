package dev.righttime.web;

/** HTML text escaping for pages and email bodies built without a template engine. */
public final class Html {

    private Html() {
    }

    /** The text with {@code & < > " '} escaped: safe in element content and quoted attribute values. */
    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
