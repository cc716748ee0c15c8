package dev.righttime.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo plays events/demo end to end and prints every story's outcome. */
class DemoCommandTest {

    @Test
    void everySampleStoryEndsAsThePlaybookSays() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = DemoCommand.run(List.of("--events", "../events/demo"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8) + printed).isZero();

        assertThat(printed.lines().filter(l -> l.contains("POST /webhooks/")).toList()).hasSize(10)
                .allSatisfy(l -> assertThat(l).contains("-> 202"));
        String ada = section(printed, "Ada (c1)");
        assertThat(ada).contains("CANCEL cancels").contains("response  email CANCELLED")
                .doesNotContain("cart is still waiting");
        assertThat(section(printed, "Grace (c2)")).contains("SCHEDULE sms").contains("send      sms  \"Hi Grace, your cart is still waiting");
        assertThat(section(printed, "Ken (c3)")).contains("SEND_NOW email").contains("send      email");
        assertThat(section(printed, "Mia (c4)")).contains("SCHEDULE social").contains("[engagement_slot]").contains("send      social");
        // Stripe's customer.created linked cus_Leo5 to Leo by his email; the cancellation names only cus_Leo5.
        assertThat(section(printed, "Leo (c5)")).contains("UPDATE  [profile_updated, identity_linked]")
                .contains("[customer_initiated, retention_offer]").contains("send      email");
        // The storm alert reaches Ada by email and sms, and Grace by sms (her email consent is false).
        assertThat(ada).contains("send      email  \"Hi Ada, an alert").contains("send      sms  \"Alert");
        assertThat(section(printed, "Grace (c2)")).contains("send      sms  \"Alert").doesNotContain("send      email");
        // Nobody approved the loud complaint: the holding reply went out at its deadline.
        assertThat(section(printed, "Not a known customer")).contains("HOLD social").contains("fallback holding_reply")
                .contains("send      social to @loudvoice");
        // An X complaint with no sentiment from a small account: triaged, answered now, with the
        // complaint reply (never the praise text); the loud one's holding reply apologises too.
        assertThat(section(printed, "Not a known customer")).contains("SEND_NOW social  [customer_initiated, complaint]")
                .contains("send      social to @annoyedann: \"We're sorry about this")
                .contains("send      social to @loudvoice: \"We're sorry about this")
                .doesNotContain("Thanks for the mention");
    }

    private static String section(String printed, String heading) {
        int start = printed.indexOf("\n" + heading);
        assertThat(start).as(heading).isNotNegative();
        int end = printed.indexOf("\n\n", start + 1);
        return end < 0 ? printed.substring(start) : printed.substring(start, end);
    }
}
