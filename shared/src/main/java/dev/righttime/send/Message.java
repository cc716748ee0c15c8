package dev.righttime.send;

import dev.righttime.model.Channel;
import dev.righttime.model.SignalType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One rendered message, ready for a channel: {@code to} is the address (email, phone, X handle;
 * null for chat and brand posts), {@code replyTo} what the reply answers (a post URL, a ticket or
 * conversation id) if the signal named one. The responseId is the provider's idempotency key
 * wherever the provider takes one. Email also has {@code html} (the same template, HTML-escaped)
 * and {@code headers} (List-Unsubscribe and List-Unsubscribe-Post on marketing), in order.
 * Holds personal data: never log it.
 */
public record Message(String responseId, String signalId, String customerId, SignalType signalType, Channel channel, String to,
                      String subject, String text, String replyTo, String html, Map<String, String> headers) {

    /** The tag (SES message tag) that carries the responseId, so a provider's report can be tied back. */
    public static final String RESPONSE_TAG = "responseId";

    public Message {
        Objects.requireNonNull(responseId, "responseId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(text, "text");
        headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** A text-only message without extra headers (chat, social, SMS). */
    public Message(String responseId, String signalId, String customerId, SignalType signalType, Channel channel, String to,
                   String subject, String text, String replyTo) {
        this(responseId, signalId, customerId, signalType, channel, to, subject, text, replyTo, null, null);
    }
}
