package dev.righttime.local.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.righttime.model.Json;
import dev.righttime.model.ResponseStatus;
import dev.righttime.policy.Playbook;
import dev.righttime.send.Outbox;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The approval cards in a real headless Chromium against serve's runtime: three held complaints
 * from a large account; the card shows who, what, the triage, the proposed reply (pre-filled) and
 * the fallback; from the keyboard an editor approves the first untouched (the proposed reply goes
 * out, not the praise template), rejects the second with a reason and hands the third off; the
 * approvers' notices carry deep links; the customer page explains each decision.
 */
class NewsroomCardsBrowserTest {

    static final String TOKEN = LocalFlow.ENV.get("RIGHTTIME_ADMIN_TOKEN");

    @TempDir
    Path profileDir;

    static String mention(Instant at, int n) {
        return "{\"type\":\"social.mention\",\"occurredAt\":\"" + at + "\",\"customerRef\":{\"email\":\"ada@example.com\",\"x\":\"@loud\"},"
                + "\"attributes\":{\"sentiment\":\"negative\",\"followers\":250000,\"verified\":true,\"authorName\":\"Lou Dee\","
                + "\"text\":\"Order #" + n + " never arrived and support is silent. Third time this month.\","
                + "\"url\":\"https://x.com/loud/status/" + n + "\"}}";
    }

    @Test
    void anEditorDecidesThreeHeldComplaintsFromTheKeyboard() throws Exception {
        Chromium.assumeInstalled();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (LocalRuntime rt = LocalFlow.start(LocalFlow.options(new FastClock(now, 1), null))) {
            for (int i = 1; i <= 3; i++) {
                assertThat(LocalFlow.post(rt, "msg_card_" + i, mention(now.minusSeconds(10L * (4 - i)), i), now).statusCode()).isEqualTo(202);
            }
            LocalFlow.await(() -> approvals(rt).size() == 3);
            List<JsonNode> cards = approvals(rt);
            String first = cards.get(0).get("responseId").asText();
            String second = cards.get(1).get("responseId").asText();
            String third = cards.get(2).get("responseId").asText();
            String proposed = cards.get(0).path("card").path("proposedText").asText();
            assertThat(proposed).isNotBlank().doesNotContain("Thanks for the mention");

            // The approvers were told, each notice with a deep link to its card.
            LocalFlow.await(() -> rt.approverOutbox().entries().size() == 3);
            assertThat(rt.approverOutbox().entries()).extracting(Outbox.Entry::text)
                    .allSatisfy(t -> assertThat(t).contains(rt.baseUrl() + "/#approval/"));

            WebDriver browser = Chromium.start(profileDir, 1100, 1000);
            try {
                var wait = Chromium.waitFor(browser);
                browser.get(rt.baseUrl() + "/#approval/" + first);
                browser.findElement(By.id("token")).sendKeys(TOKEN);
                browser.findElement(By.cssSelector("#login button[type=submit]")).click();
                By firstCard = card(first);
                wait.until(ExpectedConditions.visibilityOfElementLocated(firstCard));
                wait.until(d -> d.findElement(By.cssSelector(".card[data-id='" + first + "'] .countdown")).getText().endsWith(" left"));

                WebElement c = browser.findElement(firstCard);
                assertThat(c.getAttribute("class")).as("the deep link selects the card").contains("selected");
                assertThat(c.findElement(By.cssSelector(".who")).getText())
                        .contains("Lou Dee", "@loud", "✓ verified", "250,000 followers", "customer c1");
                assertThat(c.findElement(By.cssSelector(".who a")).getAttribute("href")).isEqualTo("https://x.com/loud/status/1");
                assertThat(c.findElement(By.cssSelector("blockquote")).getText()).startsWith("Order #1 never arrived");
                assertThat(c.findElement(By.cssSelector(".triage")).getText()).startsWith("complaint");
                assertThat(c.findElement(By.cssSelector("textarea")).getAttribute("value")).isEqualTo(proposed);
                assertThat(c.findElement(By.cssSelector(".fallback")).getText()).contains("holding reply goes out");
                assertThat(c.findElement(By.cssSelector("button.approve")).getText()).isEqualTo("Approve");
                Chromium.screenshot(browser, "approval-card.png");

                // Keyboard: 'a' approves the selected card untouched.
                new Actions(browser).sendKeys("a").perform();
                wait.until(ExpectedConditions.invisibilityOfElementLocated(firstCard));
                LocalFlow.awaitStatus(rt, first, ResponseStatus.SENT);

                // 'j' moves to the next card (now the second), 'r' goes to the reason, Enter rejects.
                wait.until(d -> d.findElement(card(second)).getAttribute("class").contains("selected"));
                new Actions(browser).sendKeys("r").perform();
                wait.until(d -> "reason".equals(d.switchTo().activeElement().getAttribute("class")));
                browser.switchTo().activeElement().sendKeys("Legal answers this one", Keys.ENTER);
                wait.until(ExpectedConditions.invisibilityOfElementLocated(card(second)));

                // 'h' hands the third off; the card stays, showing who has it.
                wait.until(d -> d.findElement(card(third)).getAttribute("class").contains("selected"));
                WebElement thirdArea = browser.findElement(By.cssSelector(".card[data-id='" + third + "'] textarea"));
                thirdArea.click();
                thirdArea.sendKeys(Keys.chord(Keys.CONTROL, Keys.END), " A person from our team will DM you.");
                wait.until(d -> d.findElement(By.cssSelector(".card[data-id='" + third + "'] button.approve")).getText()
                        .equals("Approve with edits"));
                thirdArea.sendKeys(Keys.ESCAPE);
                new Actions(browser).sendKeys("h").perform();
                browser.switchTo().activeElement().sendKeys("lee@brand.example", Keys.ENTER);
                wait.until(d -> d.findElement(card(third)).getText().contains("Handed to lee@brand.example by admin"));
                assertThat(browser.findElement(By.cssSelector(".card[data-id='" + third + "'] textarea")).getAttribute("value"))
                        .as("the draft survives the refresh").endsWith("A person from our team will DM you.");
                Chromium.screenshot(browser, "approval-handed-off.png");
                assertThat(browser.findElement(By.id("error")).isDisplayed()).as(browser.findElement(By.id("error")).getText()).isFalse();

                // The customer page: every decision with its reasons in words and the profile facts it used.
                browser.get(rt.baseUrl() + "/#customer/c1");
                wait.until(d -> d.findElements(By.cssSelector("#customer-timeline li.decision")).size() == 3);
                String timeline = browser.findElement(By.id("customer-timeline")).getText();
                assertThat(timeline).contains("Why: the author has a large audience; a person approves the reply before it goes out.")
                        .contains("Used: timezone Europe/Berlin; consent email yes")
                        .contains("approved by admin", "rejected by admin: Legal answers this one", "handed to lee@brand.example by admin")
                        .contains("sent on social");
                assertThat(browser.findElement(By.id("customer-profile")).getText()).contains("Europe/Berlin");
                ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
                Chromium.screenshot(browser, "customer-page.png");
            } finally {
                browser.quit();
            }

            List<Outbox.Entry> sent = rt.outbox().entries();
            assertThat(sent).extracting(Outbox.Entry::responseId).containsExactly(first);
            assertThat(sent.get(0).text()).as("approved untouched: the proposed reply, not the praise template").isEqualTo(proposed);
            // The playbook's complaint reply, rendered (c1 has no first name).
            assertThat(proposed).as("the playbook's complaint reply").isEqualTo(new dev.righttime.send.Renderer(Playbook.defaults().templates())
                    .render("social.mention.complaint", dev.righttime.model.Channel.SOCIAL, null, null).orElseThrow().text());
            assertThat(rt.responses().get(second).orElseThrow().rejectReason()).isEqualTo("Legal answers this one");
            assertThat(rt.responses().get(third).orElseThrow().assignment().to()).isEqualTo("lee@brand.example");
        }
    }

    private static By card(String id) {
        return By.cssSelector(".card[data-id='" + id + "']");
    }

    static List<JsonNode> approvals(LocalRuntime rt) {
        try {
            List<JsonNode> out = new ArrayList<>();
            Json.mapper().readTree(LocalFlow.get(rt, "/approvals", TOKEN).body()).get("approvals").forEach(out::add);
            return out;
        } catch (Exception e) {
            return List.of();
        }
    }
}
