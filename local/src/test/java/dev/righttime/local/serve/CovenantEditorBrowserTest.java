package dev.righttime.local.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.righttime.model.Channel;
import dev.righttime.send.Outbox;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The covenant editor in headless Chromium: the playbook's defaults as version 0 with the evidence
 * beside each rule; an editor lets large-account complaints go out without a person and saves;
 * the next such complaint is answered at once (no card), with the complaint's reply, and the change
 * is recorded with who and when.
 */
class CovenantEditorBrowserTest {

    static final String TOKEN = LocalFlow.ENV.get("RIGHTTIME_ADMIN_TOKEN");
    static final String LARGE_COMPLAINTS = "social.mention|complaint|large";

    @TempDir
    Path profileDir;

    @Test
    void anEditorWidensAutonomyAndTheNextComplaintGoesOutWithoutAPerson() throws Exception {
        Chromium.assumeInstalled();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (LocalRuntime rt = LocalFlow.start(LocalFlow.options(new FastClock(now, 1), null))) {
            // Evidence first: one large complaint held and approved unchanged.
            assertThat(LocalFlow.post(rt, "msg_cov_1", NewsroomCardsBrowserTest.mention(now, 1), now).statusCode()).isEqualTo(202);
            LocalFlow.await(() -> NewsroomCardsBrowserTest.approvals(rt).size() == 1);
            String held = NewsroomCardsBrowserTest.approvals(rt).get(0).get("responseId").asText();
            assertThat(LocalFlow.HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(rt.baseUrl() + "/approvals/" + held + "/approve"))
                    .header("Authorization", "Bearer " + TOKEN).POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            LocalFlow.await(() -> rt.outbox().entries().size() == 1);

            WebDriver browser = Chromium.start(profileDir, 1250, 820);
            try {
                var wait = Chromium.waitFor(browser);
                browser.get(rt.baseUrl() + "/#settings");
                browser.findElement(By.id("token")).sendKeys(TOKEN);
                browser.findElement(By.cssSelector("#login button[type=submit]")).click();
                By row = By.cssSelector("#covenants tr[data-key='" + LARGE_COMPLAINTS + "']");
                wait.until(d -> !d.findElements(row).isEmpty());
                assertThat(browser.findElement(By.id("settings-version")).getText()).contains("Version 0 (the playbook's defaults)");
                WebElement r = browser.findElement(row);
                assertThat(r.findElements(By.cssSelector("td.num")).get(0).getText()).as("held").isEqualTo("1");
                assertThat(r.findElements(By.cssSelector("td.num")).get(1).getText()).as("approved unchanged").isEqualTo("1");
                assertThat(new Select(r.findElement(By.cssSelector("select.autonomy"))).getFirstSelectedOption().getText()).isEqualTo("ask");
                assertThat(r.findElement(By.cssSelector("input.deadline")).getAttribute("value")).isEqualTo("5");

                new Select(r.findElement(By.cssSelector("select.autonomy"))).selectByValue("auto");
                assertThat(r.findElement(By.cssSelector("input.deadline")).isEnabled()).as("no deadline without a hold").isFalse();
                browser.findElement(By.id("save-covenants")).click();
                wait.until(d -> d.findElement(By.id("settings-version")).getText().contains("Version 1, changed by admin"));
                assertThat(browser.findElement(By.id("settings-history")).getText()).contains("version 1 by admin");
                Chromium.screenshot(browser, "covenant-editor.png");
                assertThat(browser.findElement(By.id("error")).isDisplayed()).as(browser.findElement(By.id("error")).getText()).isFalse();
            } finally {
                browser.quit();
            }

            // The next large complaint: no card, answered at once with the complaint's reply.
            assertThat(LocalFlow.post(rt, "msg_cov_2", NewsroomCardsBrowserTest.mention(now, 2), now).statusCode()).isEqualTo(202);
            LocalFlow.await(() -> rt.outbox().entries().size() == 2);
            List<Outbox.Entry> sent = rt.outbox().entries();
            assertThat(sent.get(1).signalId()).isEqualTo("standard:msg_cov_2");
            assertThat(sent.get(1).channel()).isEqualTo(Channel.SOCIAL);
            assertThat(sent.get(1).text()).isEqualTo(sent.get(0).text()).doesNotContain("Thanks for the mention");
            assertThat(NewsroomCardsBrowserTest.approvals(rt)).isEmpty();
            assertThat(rt.approverOutbox().entries()).as("only the first was held").hasSize(1);
        }
    }
}
