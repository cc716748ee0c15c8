package dev.righttime.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.time.DateTimeException;
import java.util.stream.Collectors;

/** Turns Jackson's exceptions into one short line a user can act on (no stack, no input echo). */
public final class JsonErrors {

    private JsonErrors() {
    }

    public static String describe(Throwable e) {
        // Our own validation (record constructors, @JsonCreator) speaks best: prefer its message.
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if ((t instanceof IllegalArgumentException || t instanceof DateTimeException) && t.getMessage() != null
                    && !(t instanceof JsonProcessingException)) {
                return withPath(e, t.getMessage());
            }
        }
        if (e instanceof com.fasterxml.jackson.core.JsonParseException jpe) {
            return "invalid JSON: " + firstLine(jpe.getOriginalMessage());
        }
        if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mie && mie.getPath().isEmpty()) {
            return "expected one JSON object: " + firstLine(mie.getOriginalMessage());
        }
        if (e instanceof JsonProcessingException jpe) {
            return withPath(e, firstLine(jpe.getOriginalMessage()));
        }
        return firstLine(e.getMessage());
    }

    private static String withPath(Throwable e, String message) {
        if (e instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
            String path = jme.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            return path + ": " + message;
        }
        return message;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "invalid JSON";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
