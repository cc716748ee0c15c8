package dev.righttime.local.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.righttime.model.Channel;
import dev.righttime.model.Json;
import dev.righttime.model.ResponseStatus;
import dev.righttime.send.Outbox;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The newsroom page in a real headless Chromium against serve's runtime: a held high-reach
 * complaint shows up as a card with a live countdown, an editor edits the reply and approves it,
 * and the edited reply is sent. Chromium and chromedriver come from the OS ({@code .ci/run}
 * installs them); without them the test is skipped, naming what is missing.
 */
class NewsroomBrowserTest {

    static final String TOKEN = LocalFlow.ENV.get("RIGHTTIME_ADMIN_TOKEN");
    static final String EDITED = "So sorry about this - a person from our team is on it right now.";


    @TempDir
    Path profileDir;

    @Test
    void anEditorApprovesAHeldComplaintWithEditedTextInTheBrowser() throws Exception {
        Chromium.assumeInstalled();

        // Real time at speed 1: the page counts down with the browser's own clock against the server's deadline.
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (LocalRuntime rt = LocalFlow.start(LocalFlow.options(new FastClock(now, 1), null))) {
            String body = "{\"type\":\"social.mention\",\"occurredAt\":\"" + now + "\",\"customerRef\":{\"x\":\"@loud\"},"
                    + "\"attributes\":{\"sentiment\":\"negative\",\"followers\":50000,\"text\":\"never again\"}}";
            assertThat(LocalFlow.post(rt, "msg_browser_1", body, now).statusCode()).isEqualTo(202);
            String responseId = heldResponseId(rt);

            WebDriver browser = Chromium.start(profileDir, 1280, 900);
            try {
                var wait = Chromium.waitFor(browser);
                browser.get(rt.baseUrl() + "/");
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("error"), "token"));
                assertThat(browser.findElements(By.cssSelector(".card"))).as("no approvals without the token").isEmpty();

                browser.findElement(By.id("token")).sendKeys(TOKEN);
                browser.findElement(By.cssSelector("#login button[type=submit]")).click();

                By card = By.cssSelector(".card[data-id='" + responseId + "']");
                By countdown = By.cssSelector(".card[data-id='" + responseId + "'] .countdown");
                wait.until(ExpectedConditions.visibilityOfElementLocated(card));
                wait.until(d -> text(d, countdown).endsWith(" left"));
                String first = text(browser, countdown);
                assertThat(first).as("under five minutes to the deadline").matches("[0-4]:\\d\\d left");
                wait.until(d -> !text(d, countdown).equals(first));
                assertThat(text(browser, countdown)).as("the countdown is live").matches("[0-4]:\\d\\d left").isNotEqualTo(first);

                WebElement area = browser.findElement(By.cssSelector(".card[data-id='" + responseId + "'] textarea"));
                area.clear();
                area.sendKeys(EDITED);
                // Survives the page's periodic refresh: an editor's draft must not be wiped while typing.
                Thread.sleep(3500);
                assertThat(browser.findElement(By.cssSelector(".card[data-id='" + responseId + "'] textarea")).getAttribute("value"))
                        .isEqualTo(EDITED);
                Chromium.screenshot(browser, "newsroom-before-approve.png");

                browser.findElement(By.cssSelector(".card[data-id='" + responseId + "'] button.approve")).click();
                LocalFlow.await(() -> !rt.outbox().entries().isEmpty());
                wait.until(ExpectedConditions.invisibilityOfElementLocated(card));
                Chromium.screenshot(browser, "newsroom-after-approve.png");
                assertThat(browser.findElement(By.id("error")).isDisplayed()).as(browser.findElement(By.id("error")).getText()).isFalse();
            } finally {
                browser.quit();
            }

            List<Outbox.Entry> sent = rt.outbox().entries().stream().filter(e -> e.responseId().equals(responseId)).toList();
            assertThat(sent).hasSize(1);
            assertThat(sent.get(0).text()).isEqualTo(EDITED);
            assertThat(sent.get(0).channel()).isEqualTo(Channel.SOCIAL);
            assertThat(sent.get(0).signalId()).isEqualTo("standard:msg_browser_1");
            assertThat(rt.outbox().entries()).as("nothing else went out").hasSize(1);
            LocalFlow.awaitStatus(rt, responseId, ResponseStatus.SENT);
            JsonNode outbox = Json.mapper().readTree(LocalFlow.get(rt, "/outbox", "test-token").body());
            assertThat(outbox).hasSize(1);
            assertThat(outbox.get(0).get("text").asText()).isEqualTo(EDITED);
            assertThat(Json.mapper().readTree(LocalFlow.get(rt, "/approvals", TOKEN).body()).get("approvals")).isEmpty();
        }
    }

    /** Waits until GET /approvals lists the held reply and returns its responseId. */
    private static String heldResponseId(LocalRuntime rt) throws Exception {
        LocalFlow.await(() -> approvals(rt).size() == 1);
        return approvals(rt).get(0).get("responseId").asText();
    }

    private static List<JsonNode> approvals(LocalRuntime rt) {
        return NewsroomCardsBrowserTest.approvals(rt);
    }

    private static String text(WebDriver browser, By locator) {
        try {
            return browser.findElement(locator).getText();
        } catch (StaleElementReferenceException | org.openqa.selenium.NoSuchElementException e) {
            return "";
        }
    }
}
