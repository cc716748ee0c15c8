package dev.righttime.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The newsroom web page: plain HTML, CSS and JavaScript shipped in the jar (no build step). It is
 * served as one document with its style and script inlined, so {@code GET /} is the only route it
 * needs, deployed (newsroom-api) and local alike.
 */
public final class NewsroomPage {

    public static final String CONTENT_TYPE = "text/html; charset=utf-8";

    private static final String HTML = inline();

    private NewsroomPage() {
    }

    public static String html() {
        return HTML;
    }

    private static String inline() {
        return read("index.html")
                .replace("<link rel=\"stylesheet\" href=\"/newsroom/style.css\">", "<style>\n" + read("style.css") + "</style>")
                .replace("<script src=\"/newsroom/app.js\"></script>", "<script>\n" + read("app.js") + "</script>");
    }

    private static String read(String file) {
        try (InputStream in = NewsroomPage.class.getResourceAsStream("/newsroom/" + file)) {
            if (in == null) {
                throw new IllegalStateException("newsroom/" + file + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
