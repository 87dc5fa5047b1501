package com.stockticker.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.PageLoadStrategy;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.http.ClientConfig;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's Chromium and ChromeDriver (`.ci/run` installs them), started so that they never reach for the
 * network: Selenium Manager is bypassed by naming the driver, and Chromium's background services are off.
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path LOGS = Path.of("target", "chromedriver");

    private final ChromeDriver driver;
    private final Path profile;

    /** What the tests' browser asks for unless told otherwise: the page's language must not depend on the machine. */
    public static final String ENGLISH = "en-US,en";

    private HeadlessChromium(int width, int height, String acceptLanguages, List<String> arguments) throws IOException {
        profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
        options.addArguments(arguments);
        // The languages the browser asks for (Accept-Language, navigator.languages). Headless Chromium ignores
        // --lang (checked with Chromium 156: the header stays en-US); this preference of the profile works.
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", acceptLanguages));
        // ChromeDriver waits, after a click or a script, for whatever navigation it believes pending; once (a busy
        // CI machine, Chromium 156) it believed one pending for ever and a click never returned. The tests wait
        // for what they need themselves (see load), so ChromeDriver need not wait for anything.
        options.setPageLoadStrategy(PageLoadStrategy.NONE);
        Files.createDirectories(LOGS);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .withLogFile(Files.createTempFile(LOGS, "chromedriver-", ".log").toFile()).build();
        // Should a command hang nevertheless, it fails the test after a minute instead of holding up the build.
        driver = new ChromeDriver(service, options, ClientConfig.defaultConfig().readTimeout(Duration.ofMinutes(1)));
    }

    /** Starts an English browser, or skips the test on a machine without Chromium (a JDK-only one). */
    public static HeadlessChromium start(int width, int height) throws IOException {
        return start(width, height, ENGLISH);
    }

    /** Starts a browser that asks for {@code acceptLanguages} (an Accept-Language list, e.g. {@code zh-CN,zh}). */
    public static HeadlessChromium start(int width, int height, String acceptLanguages) throws IOException {
        return start(width, height, acceptLanguages, List.of());
    }

    /** A browser started with more command-line switches of Chromium's. */
    public static HeadlessChromium start(int width, int height, String acceptLanguages, List<String> arguments) throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium and ChromeDriver are not installed (apt-get install chromium chromium-driver)");
        return new HeadlessChromium(width, height, acceptLanguages, arguments);
    }

    public ChromeDriver driver() {
        return driver;
    }

    public WebDriverWait waiting(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout);
        wait.pollingEvery(Duration.ofMillis(50));
        // The page redraws rows as quotes arrive: an element a condition found may be replaced before it reads it.
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    /** Opens {@code url} and returns once the page and its scripts have loaded. */
    public void load(String url, WebDriverWait wait) {
        driver.get(url);
        waitForLoad(url, wait);
    }

    /** Waits until the page at {@code url} (a new one, after a form's redirect, say) has loaded. */
    public void waitForLoad(String url, WebDriverWait wait) {
        wait.until(page -> url.equals(page.getCurrentUrl())
                && "complete".equals(driver.executeScript("return document.readyState")));
    }

    /**
     * The text of the first element that matches {@code css}, or {@code null} if none does, read in one script:
     * the page redraws rows as quotes and events arrive, so an element found in one call may be gone by the next.
     */
    public String text(String css) {
        return (String) driver.executeScript(
                "const element = document.querySelector(arguments[0]); return element ? element.textContent.trim() : null;", css);
    }

    /** Saves what the top of the page looks like now under {@code target/screenshots/}. */
    public Path screenshot(String name) {
        driver.executeScript("window.scrollTo(0, 0)");
        return save(name, driver.getScreenshotAs(OutputType.FILE));
    }

    /** Saves what one element looks like now (scrolled into view) under {@code target/screenshots/}. */
    public Path screenshot(String name, String cssSelector) {
        return save(name, driver.findElement(By.cssSelector(cssSelector)).getScreenshotAs(OutputType.FILE));
    }

    private static Path save(String name, File taken) {
        try {
            Path target = Path.of("target", "screenshots", name + ".png");
            Files.createDirectories(target.getParent());
            return Files.copy(taken.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
