package dev.righttime.webhook;

import java.util.Map;

/**
 * One HTTP request to {@code /webhooks/{source}} as the edge received it: the body still as sent
 * (possibly base64, as API Gateway delivers binary-safe bodies), headers in any case.
 */
public record WebhookRequest(
        String method,
        String source,
        Map<String, String> headers,
        Map<String, String> query,
        String body,
        boolean base64Encoded) {

    public WebhookRequest {
        headers = headers == null ? Map.of() : headers;
        query = query == null ? Map.of() : query;
    }
}
