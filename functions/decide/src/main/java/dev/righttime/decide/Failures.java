package dev.righttime.decide;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Why a record failed, in words safe for logs: where the JSON broke or which field was wrong, and
 * our own validation messages (which name types and fields, not people), never the input itself.
 */
final class Failures {

    private Failures() {
    }

    /** A record that will never become a signal; it fails until the queue moves it to the DLQ. */
    static final class PoisonMessage extends RuntimeException {
        PoisonMessage(String reason, Throwable cause) {
            super(reason, cause, false, false);
        }
    }

    static String reason(Throwable e) {
        if (e instanceof PoisonMessage) {
            return "not a signal: " + e.getMessage();
        }
        if (e instanceof JsonParseException p) {
            return p.getLocation() == null ? "not JSON"
                    : "not JSON (line " + p.getLocation().getLineNr() + ", column " + p.getLocation().getColumnNr() + ")";
        }
        if (e instanceof JsonMappingException m) {
            String path = m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            String own = ownMessage(e);
            return "invalid " + (path.isEmpty() ? "signal" : "field '" + path + "'") + (own == null ? "" : ": " + own);
        }
        if (e instanceof JsonProcessingException) {
            return "not JSON";
        }
        String own = ownMessage(e);
        return own != null ? own : "see the stack of " + e.getClass().getName();
    }

    /**
     * The message of our own code (validation, adapters) or of an AWS SDK error: those name types,
     * fields and services, never the input. Anything else is reported by its class only.
     */
    private static String ownMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !(t instanceof JsonProcessingException) && (t instanceof SdkException || thrownByUs(t))) {
                return t.getMessage();
            }
        }
        return null;
    }

    private static boolean thrownByUs(Throwable t) {
        StackTraceElement[] stack = t.getStackTrace();
        for (int i = 0; i < Math.min(2, stack.length); i++) {
            if (stack[i].getClassName().startsWith("dev.righttime.")) {
                return true;
            }
        }
        return false;
    }
}
