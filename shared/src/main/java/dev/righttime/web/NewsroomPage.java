package dev.righttime.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * The newsroom web page: plain HTML, CSS and JavaScript shipped in the jar (no build step), served
 * at {@code /} and {@code /newsroom/*} by the local runtime and the newsroom API alike.
 */
public final class NewsroomPage {

    /** A static file: its bytes and content type. */
    public record Asset(String contentType, byte[] body) {
    }

    private static final Map<String, String> FILES = Map.of(
            "/", "index.html",
            "/newsroom/app.js", "app.js",
            "/newsroom/style.css", "style.css");

    private NewsroomPage() {
    }

    public static Optional<Asset> get(String path) {
        String file = FILES.get(path);
        if (file == null) {
            return Optional.empty();
        }
        try (InputStream in = NewsroomPage.class.getResourceAsStream("/newsroom/" + file)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(new Asset(type(file), in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Iterable<String> paths() {
        return FILES.keySet();
    }

    private static String type(String file) {
        if (file.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (file.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        return "text/javascript; charset=utf-8";
    }
}
