package dev.righttime.newsroom;

import dev.righttime.model.Card;
import dev.righttime.model.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.util.Locale;

/**
 * What approvers are told when a response is held: a one-line subject, a short text (what, who,
 * reach, the fallback and its time) and a deep link to the card on the newsroom page
 * ({@code <newsroom>/#approval/<responseId>}). The post's text is not included: it stays behind the
 * newsroom's sign-in.
 */
public record ApprovalNotice(String subject, String text, String link) {

    public static ApprovalNotice of(Response r, String newsroomUrl) {
        String base = newsroomUrl == null || newsroomUrl.isBlank() ? "" : newsroomUrl.strip().replaceAll("/+$", "");
        String link = base + "/#approval/" + URLEncoder.encode(r.responseId(), StandardCharsets.UTF_8);
        Card c = r.card();
        StringBuilder what = new StringBuilder(r.signalType() == null ? "a response" : r.signalType().wire());
        if (c != null && c.triage() != null) {
            what.append(" (").append(c.triage()).append(")");
        }
        if (c != null && c.topic() != null) {
            what.append(" about ").append(c.topic());
        }
        if (c != null && c.author() != null) {
            Card.Author a = c.author();
            if (a.handle() != null) {
                what.append(" from ").append(a.handle());
            }
            if (a.followers() != null) {
                what.append(", ").append(NumberFormat.getIntegerInstance(Locale.ROOT).format(a.followers())).append(" followers");
            }
            if (Boolean.TRUE.equals(a.verified())) {
                what.append(", verified");
            }
        }
        String fallback = r.fallback() == null ? "nothing" : r.fallback().wire();
        String text = "Waiting for approval: " + what + ". If nobody decides by " + r.deadline() + ", the fallback ("
                + fallback + ") runs. Decide: " + link;
        return new ApprovalNotice("Approval needed: " + (r.signalType() == null ? "response" : r.signalType().wire()), text, link);
    }
}
