package dev.righttime.send;

import dev.righttime.deliverability.UnsubscribeLinks;
import dev.righttime.web.Html;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last lines of an email, text and HTML alike. Marketing carries its unsubscribe link and
 * preference page in the body and, for the mailbox provider's own button, the RFC 8058 headers
 * {@code List-Unsubscribe: <https://...>, <mailto:...>} and {@code List-Unsubscribe-Post:
 * List-Unsubscribe=One-Click}. Everything else (ticket and cancel-request replies, emergency alerts,
 * holding replies) is a service message, not marketing: no unsubscribe, and it says so.
 */
final class EmailFooter {

    static final String SERVICE_NOTE = "This is a service message about your request or account, not marketing, so it has no unsubscribe link.";

    private EmailFooter() {
    }

    static Message compose(Message m, String html, UnsubscribeLinks.Links links) {
        String text;
        String footerHtml;
        Map<String, String> headers = new LinkedHashMap<>(m.headers());
        if (links == null) {
            text = m.text() + "\n\n--\n" + SERVICE_NOTE;
            footerHtml = "<p style=\"color:#666;font-size:12px\">" + Html.escape(SERVICE_NOTE) + "</p>";
        } else {
            text = m.text() + "\n\n--\nUnsubscribe: " + links.unsubscribeUrl() + "\nEmail preferences: " + links.preferencesUrl();
            // ses:no-track: SES click tracking leaves these links as they are (an unsubscribe is not a click).
            footerHtml = "<p style=\"color:#666;font-size:12px\"><a ses:no-track href=\"" + Html.escape(links.unsubscribeUrl())
                    + "\">Unsubscribe</a> &middot; <a ses:no-track href=\"" + Html.escape(links.preferencesUrl())
                    + "\">Email preferences</a></p>";
            headers.put("List-Unsubscribe", links.listUnsubscribe());
            headers.put("List-Unsubscribe-Post", UnsubscribeLinks.ONE_CLICK);
        }
        String page = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n" + (html == null ? "" : html)
                + "<hr>\n" + footerHtml + "\n</body></html>\n";
        return new Message(m.responseId(), m.signalId(), m.customerId(), m.signalType(), m.channel(), m.to(), m.subject(), text,
                m.replyTo(), page, headers);
    }
}
