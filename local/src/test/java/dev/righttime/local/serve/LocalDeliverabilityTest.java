package dev.righttime.local.serve;

import static dev.righttime.local.serve.LocalFlow.await;
import static dev.righttime.local.serve.LocalFlow.post;
import static dev.righttime.local.serve.LocalFlow.signal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.righttime.aws.DynamoDbProfileStore;
import dev.righttime.aws.Tables;
import dev.righttime.model.Consent;
import dev.righttime.model.Feedback;
import dev.righttime.model.Json;
import dev.righttime.send.Outbox;
import dev.righttime.webhook.StandardWebhooksScheme;
import java.io.File;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Deliverability on serve, over HTTP as a user would try it: a cart reminder goes to the outbox with
 * its List-Unsubscribe headers and HTML part; the signed local {@code POST /feedback} takes the SES
 * bounce AWS would deliver (once, however often it comes); the one-click unsubscribe and the
 * preference page (in headless Chromium) change consent through the normal flow; the outcome report
 * shows the send and the bounce.
 */
class LocalDeliverabilityTest {

    static final String FEEDBACK_SECRET = "whsec_" + Base64.getEncoder().encodeToString("local-feedback-secret-1234".getBytes(StandardCharsets.UTF_8));
    static final Map<String, String> ENV = env();
    /** A fixed start, outside Ada's quiet hours (Europe/Berlin) an hour later: the reminder goes out at once after the jump. */
    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    @TempDir
    Path profileDir;

    static Map<String, String> env() {
        Map<String, String> env = new HashMap<>(LocalFlow.ENV);
        env.put("RIGHTTIME_SECRET_FEEDBACK", FEEDBACK_SECRET);
        return Map.copyOf(env);
    }

    /** Starts serve at {@code now}, posts a cart for Ada and jumps past its send time; returns the reminder as sent. */
    static Outbox.Entry reminder(LocalRuntime rt, FastClock clock, Instant now) throws Exception {
        assertThat(post(rt, "msg_cart_1", signal("commerce.cart_abandoned", now, "{}"), now).statusCode()).isEqualTo(202);
        await(() -> rt.scheduler().pending() == 1);
        clock.advance(Duration.ofHours(2));
        await(() -> rt.outbox().entries().size() == 1);
        Outbox.Entry sent = rt.outbox().entries().get(0);
        LocalFlow.awaitStatus(rt, sent.responseId(), dev.righttime.model.ResponseStatus.SENT);
        return sent;
    }

    static String token(Outbox.Entry e) {
        String list = e.headers().get("List-Unsubscribe");
        String url = list.substring(1, list.indexOf('>'));
        return URLDecoder.decode(url.substring(url.indexOf("token=") + 6), StandardCharsets.UTF_8);
    }

    static Consent consent(LocalRuntime rt) {
        return new DynamoDbProfileStore(rt.dynamo(), Tables.Names.withPrefix(LocalRuntime.PREFIX).profiles()).get("c1").orElseThrow()
                .consentOrNone();
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return LocalFlow.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Signed at the runtime's clock (serve checks the timestamp against it, as it does for webhooks). */
    static HttpResponse<String> feedback(LocalRuntime rt, String id, String body, String secret) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        long ts = rt.options().clock().instant().getEpochSecond();
        String sig = StandardWebhooksScheme.sign(new StandardWebhooksScheme().key(secret), id, ts, bytes);
        return send(HttpRequest.newBuilder(URI.create(rt.baseUrl() + "/feedback")).header("content-type", "application/json")
                .header("webhook-id", id).header("webhook-timestamp", Long.toString(ts)).header("webhook-signature", sig)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    @Test
    void aReminderCarriesOneClickUnsubscribeAndABounceComesBackOnceThroughSignedLocalFeedback() throws Exception {
        Instant now = T0;
        FastClock clock = new FastClock(now, 1);
        try (LocalRuntime rt = LocalFlow.start(LocalFlow.options(clock, null).withEnv(ENV::get))) {
            Outbox.Entry sent = reminder(rt, clock, now);
            assertThat(sent.headers()).containsEntry("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            assertThat(sent.headers().get("List-Unsubscribe")).startsWith("<" + rt.baseUrl() + "/unsubscribe?token=");
            assertThat(sent.html()).contains("<a ses:no-track href=\"" + rt.baseUrl() + "/unsubscribe?token=");
            JsonNode outbox = Json.mapper().readTree(LocalFlow.get(rt, "/outbox", LocalFlow.ENV.get("RIGHTTIME_ADMIN_TOKEN")).body());
            assertThat(outbox.get(0).path("headers").path("List-Unsubscribe").asText()).isEqualTo(sent.headers().get("List-Unsubscribe"));

            String bounce = """
                    {"id":"ev-bounce-1","detail-type":"Email Bounced","source":"aws.ses","detail":{"eventType":"Bounce",
                     "bounce":{"bounceType":"Permanent","timestamp":"%s"},"mail":{"tags":{"responseId":["%s"]}}}}"""
                    .formatted(now.plusSeconds(7300), sent.responseId());
            assertThat(feedback(rt, "fb-1", bounce, "whsec_" + Base64.getEncoder().encodeToString("not-the-secret-12345".getBytes()))
                    .statusCode()).isEqualTo(401);
            assertThat(feedback(rt, "fb-1", "{\"signalId\":\"x\"}", FEEDBACK_SECRET).statusCode()).isEqualTo(400);
            assertThat(feedback(rt, "fb-1", bounce, FEEDBACK_SECRET).statusCode()).isEqualTo(202);
            await(() -> !consent(rt).granted(dev.righttime.model.Channel.EMAIL));
            HttpResponse<String> replay = feedback(rt, "fb-2", bounce, FEEDBACK_SECRET);
            assertThat(replay.statusCode()).as("the same body again is taken, as a duplicate").isEqualTo(200);
            assertThat(replay.body()).contains("duplicate");
            // The same bounce reported again under another event id reaches decide: no second effect there.
            assertThat(feedback(rt, "fb-3", bounce.replace("ev-bounce-1", "ev-bounce-2"), FEEDBACK_SECRET).statusCode()).isEqualTo(202);
            await(() -> rt.queuesIdle());

            assertThat(rt.responses().get(sent.responseId()).orElseThrow().feedbackAt(Feedback.BOUNCED))
                    .contains(now.plusSeconds(7300));
            assertThat(rt.decisions().latest(50)).filteredOn(d -> d.signalId().equals("ses:bounced:" + sent.responseId()))
                    .extracting(d -> d.outcome().name()).containsExactlyInAnyOrder("UPDATE", "DUPLICATE");
            JsonNode report = Json.mapper().readTree(LocalFlow.get(rt, "/reports/outcomes", LocalFlow.ENV.get("RIGHTTIME_ADMIN_TOKEN")).body());
            assertThat(report.get("rows")).hasSize(1);
            assertThat(report.get("rows").get(0).get("rule").asText()).isEqualTo("commerce.cart_abandoned");
            assertThat(report.get("rows").get(0).get("delay").asText()).isEqualTo("1-2h");
            assertThat(report.get("rows").get(0).get("sends").asInt()).isEqualTo(1);
            assertThat(report.get("rows").get(0).get("bounces").asInt()).isEqualTo(1);
        }
    }

    @Test
    void aMailToTheUnsubscribeMailtoPostedAsSesReceivingPublishesItRevokesConsent() throws Exception {
        Instant now = T0;
        FastClock clock = new FastClock(now, 1);
        try (LocalRuntime rt = LocalFlow.start(LocalFlow.options(clock, null).withEnv(ENV::get))) {
            Outbox.Entry sent = reminder(rt, clock, now);
            String list = sent.headers().get("List-Unsubscribe");
            String mailto = list.substring(list.indexOf("<mailto:") + 8, list.lastIndexOf('>'));
            String subject = URLDecoder.decode(mailto.substring(mailto.indexOf("subject=") + 8), StandardCharsets.UTF_8);
            String received = Json.mapper().writeValueAsString(Map.of("notificationType", "Received",
                    "receipt", Map.of("recipients", List.of(mailto.substring(0, mailto.indexOf('?'))),
                            "spamVerdict", Map.of("status", "PASS"), "virusVerdict", Map.of("status", "PASS"),
                            "action", Map.of("type", "SNS", "topicArn", "arn:aws:sns:local:000000000000:inbound-mail")),
                    "mail", Map.of("messageId", "local-mail-1", "timestamp", clock.instant().toString(),
                            "commonHeaders", Map.of("from", List.of("ada@example.com"), "subject", subject))));
            String viaSns = Json.mapper().writeValueAsString(Map.of("Type", "Notification", "MessageId", "n-mail-1", "Message", received));

            assertThat(feedback(rt, "fb-mail-1", viaSns, FEEDBACK_SECRET).statusCode()).isEqualTo(202);
            await(() -> Boolean.FALSE.equals(consent(rt).email()));
            await(() -> rt.responses().get(sent.responseId()).orElseThrow().feedbackAt(Feedback.UNSUBSCRIBED).isPresent());
        }
    }

    @Test
    void oneClickUnsubscribeOverHttpAndAForgedTokenChangesNothing() throws Exception {
        Instant now = T0;
        FastClock clock = new FastClock(now, 1);
        try (LocalRuntime rt = LocalFlow.start(LocalFlow.options(clock, null).withEnv(ENV::get))) {
            Outbox.Entry sent = reminder(rt, clock, now);
            String url = sent.headers().get("List-Unsubscribe").substring(1, sent.headers().get("List-Unsubscribe").indexOf('>'));
            String forged = url.substring(0, url.length() - 4) + "AAAA";

            HttpResponse<String> refused = send(HttpRequest.newBuilder(URI.create(forged))
                    .header("content-type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")));
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.body()).contains("invalid_token");
            assertThat(send(HttpRequest.newBuilder(URI.create(url)).GET()).statusCode()).as("a GET changes nothing").isEqualTo(200);
            Thread.sleep(300);
            assertThat(consent(rt).email()).isTrue();

            HttpResponse<String> done = send(HttpRequest.newBuilder(URI.create(url))
                    .header("content-type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")));
            assertThat(done.statusCode()).isEqualTo(200);
            await(() -> Boolean.FALSE.equals(consent(rt).email()));
            await(() -> rt.responses().get(sent.responseId()).orElseThrow().feedbackAt(Feedback.UNSUBSCRIBED).isPresent());
        }
    }

    @Test
    void thePreferencePageChangesConsentInTheBrowser() throws Exception {
        Path chromium = Chromium.CHROMIUM;
        Path chromedriver = Chromium.CHROMEDRIVER;
        String why = "browser test skipped: missing Chromium at " + chromium + " or chromedriver at " + chromedriver;
        if (!Files.isExecutable(chromium) || !Files.isExecutable(chromedriver)) {
            System.err.println(why);
        }
        assumeTrue(Files.isExecutable(chromium) && Files.isExecutable(chromedriver), why);
        Instant now = T0;
        FastClock clock = new FastClock(now, 1);
        try (LocalRuntime rt = LocalFlow.start(LocalFlow.options(clock, null).withEnv(ENV::get))) {
            Outbox.Entry sent = reminder(rt, clock, now);
            String page = rt.baseUrl() + "/preferences?token=" + java.net.URLEncoder.encode(token(sent), StandardCharsets.UTF_8);

            System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, chromedriver.toString());
            ChromeOptions options = new ChromeOptions();
            options.setBinary(chromium.toFile());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-quic", "--disable-dev-shm-usage", "--window-size=900,700",
                    "--user-data-dir=" + profileDir.toAbsolutePath());
            WebDriver browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new File(chromedriver.toString()))
                    .usingAnyFreePort().build(), options);
            try {
                var wait = Chromium.waitFor(browser);
                browser.get(page);
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[name=email]")));
                assertThat(browser.getTitle()).isEqualTo("Your contact preferences");
                assertThat(browser.findElement(By.cssSelector("input[name=email]")).isSelected()).isTrue();
                assertThat(browser.findElement(By.cssSelector("input[name=sms]")).isSelected()).isFalse();
                Chromium.screenshot(browser, "preferences-before.png");

                browser.findElement(By.cssSelector("input[name=email]")).click();
                browser.findElement(By.cssSelector("input[name=sms]")).click();
                browser.findElement(By.cssSelector("button[type=submit]")).click();
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".saved")));
                Chromium.screenshot(browser, "preferences-saved.png");
                assertThat(browser.findElement(By.cssSelector("input[name=email]")).isSelected()).isFalse();
                assertThat(browser.findElement(By.cssSelector("input[name=sms]")).isSelected()).isTrue();

                browser.get(rt.baseUrl() + "/preferences?token=forged.token");
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.tagName("h1")));
                assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("This link is invalid or has expired");
            } finally {
                browser.quit();
            }
            await(() -> consent(rt).equals(new Consent(false, true, null)));
        }
    }
}
