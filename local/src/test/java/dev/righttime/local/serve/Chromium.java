package dev.righttime.local.serve;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium for the newsroom's browser tests: skips (naming what is missing) without
 * Chromium or chromedriver, and saves screenshots to target/screenshots, and to docs/screenshots
 * (the README's pictures) when run with {@code -Drighttime.screenshots=docs}.
 */
final class Chromium {

    static final Path CHROMIUM = Path.of(System.getProperty("righttime.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("righttime.chromedriver", "/usr/bin/chromedriver"));

    static {
        java.util.logging.Logger.getLogger("org.openqa.selenium.devtools").setLevel(java.util.logging.Level.SEVERE);
        java.util.logging.Logger.getLogger("org.openqa.selenium.chromium").setLevel(java.util.logging.Level.SEVERE);
    }

    private Chromium() {
    }

    static void assumeInstalled() {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(CHROMIUM)) {
            missing.add("Chromium at " + CHROMIUM);
        }
        if (!Files.isExecutable(CHROMEDRIVER)) {
            missing.add("chromedriver at " + CHROMEDRIVER);
        }
        String why = "browser test skipped: missing " + String.join(" and ", missing)
                + " (.ci/run installs the Debian packages chromium and chromium-driver)";
        if (!missing.isEmpty()) {
            System.err.println(why);
        }
        assumeTrue(missing.isEmpty(), why);
    }

    static WebDriver start(Path profileDir, int width, int height) {
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
                "--disable-dev-shm-usage", "--window-size=" + width + "," + height, "--user-data-dir=" + profileDir.toAbsolutePath());
        return new ChromeDriver(service, options);
    }

    /**
     * A 20-second wait that looks again when an element went stale: the newsroom page re-renders its
     * cards whenever it polls, so an element found a moment ago can be replaced before it is read.
     */
    static FluentWait<WebDriver> waitFor(WebDriver browser) {
        return new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class);
    }

    static void screenshot(WebDriver browser, String name) {
        try {
            Path png = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE).toPath();
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            Files.copy(png, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            if ("docs".equals(System.getProperty("righttime.screenshots"))) {
                Path docs = Path.of("..", "docs", "screenshots");
                Files.createDirectories(docs);
                Files.copy(png, docs.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (Exception e) {
            System.err.println("screenshot " + name + " failed: " + e);
        }
    }
}
