package dev.righttime.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.righttime.model.Json;
import java.util.List;

/** The answer to one webhook request, as a value: its HTTP status and JSON body. */
public sealed interface IntakeResult {

    int status();

    /** The JSON body of the answer. */
    String body();

    /** Logged as {@code status} next to the HTTP code: accepted, duplicate, ignored, challenge, or the error code. */
    String outcome();

    /** The signals this answer is about (for logs); empty when none. */
    default List<String> signalIds() {
        return List.of();
    }

    /** Durably queued; {@code signalId} is the first signal queued by this request. */
    record Accepted(List<String> signalIds) implements IntakeResult {
        public int status() {
            return 202;
        }

        public String body() {
            ObjectNode n = json().put("status", "accepted").put("signalId", signalIds.get(0));
            if (signalIds.size() > 1) {
                signalIds.forEach(n.putArray("signalIds")::add);
            }
            return n.toString();
        }

        public String outcome() {
            return "accepted";
        }
    }

    /** Every signal of the delivery was queued before. */
    record Duplicate(List<String> signalIds) implements IntakeResult {
        public int status() {
            return 200;
        }

        public String body() {
            return json().put("status", "duplicate").toString();
        }

        public String outcome() {
            return "duplicate";
        }
    }

    /** Authentic, recognised, and not one of ours. */
    record Ignored(String eventType) implements IntakeResult {
        public int status() {
            return 200;
        }

        public String body() {
            return json().put("status", "ignored").toString();
        }

        public String outcome() {
            return "ignored";
        }
    }

    /** The answer to X's CRC check. */
    record Challenge(String responseToken) implements IntakeResult {
        public int status() {
            return 200;
        }

        public String body() {
            return json().put("response_token", responseToken).toString();
        }

        public String outcome() {
            return "challenge";
        }
    }

    /** Refused: the status comes from the {@link Failure}, the body is {@code {"error","message"}}. */
    record Rejected(Failure failure, String message) implements IntakeResult {
        public int status() {
            return failure.status();
        }

        public String body() {
            return json().put("error", failure.code()).put("message", message).toString();
        }

        public String outcome() {
            return failure.code();
        }
    }

    private static ObjectNode json() {
        return Json.mapper().createObjectNode();
    }
}
