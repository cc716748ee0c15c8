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
        if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mie && mie.getTargetType() != null) {
            // Jackson's own words name Java classes ("Cannot construct instance of `dev.righttime...`").
            return withPath(e, "expected " + kind(mie.getTargetType()));
        }
        if (e instanceof JsonProcessingException jpe) {
            return withPath(e, firstLine(jpe.getOriginalMessage()));
        }
        return firstLine(e.getMessage());
    }

    /** What a JSON value of {@code type} looks like, in the words of the JSON, not of Java. */
    private static String kind(Class<?> type) {
        if (type == String.class || type == Character.class || type == char.class || type.isEnum()) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != void.class)) {
            return "a number";
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type) || java.time.ZoneId.class.isAssignableFrom(type)) {
            return "a string";
        }
        return "an object";
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
