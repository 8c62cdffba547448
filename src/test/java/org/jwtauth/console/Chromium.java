package org.jwtauth.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The system's headless Chromium driven through its own chromedriver (Debian packages chromium and
 * chromium-driver): never a driver or browser that Selenium Manager would download.
 */
final class Chromium implements AutoCloseable {

    static final Path CHROMEDRIVER = Path.of(System.getProperty("console.chromedriver", "/usr/bin/chromedriver"));
    static final Path CHROMIUM = Path.of(System.getProperty("console.chromium", "/usr/bin/chromium"));
    static final Path SCREENSHOTS = Path.of("target/screenshots");
    static final int DESKTOP_WIDTH = 1280;
    static final int PHONE_WIDTH = 390;
    private static final int VIEW_HEIGHT = 900;

    final ChromeDriver driver;
    private final WebDriverWait wait;

    Chromium() {
        if (!Files.isExecutable(CHROMEDRIVER) || !Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException("The browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": install the Debian packages chromium and chromium-driver (.ci/run does so as root).");
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=" + DESKTOP_WIDTH + "," + VIEW_HEIGHT, "--lang=en-GB", "--no-first-run");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement find(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    WebElement byId(String id) {
        return find("#" + id);
    }

    void click(String css) {
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
    }

    void type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
    }

    /** Waits until the element's text contains the fragment; answers the whole text. */
    String waitForText(String css, String fragment) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), fragment));
        return driver.findElement(By.cssSelector(css)).getText();
    }

    /** The condition is asked again when the page re-renders what it read (a stale element is not an answer). */
    void waitUntil(Duration timeout, BooleanSupplier condition) {
        new WebDriverWait(driver, timeout).ignoring(StaleElementReferenceException.class)
                .until(d -> condition.getAsBoolean());
    }

    void waitForUrl(String fragment) {
        wait.until(ExpectedConditions.urlContains(fragment));
    }

    void waitUntilHidden(String css) {
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(css)));
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /**
     * Screenshots of the page as it is at desktop width and at a 390-pixel phone width, whole page;
     * fails when the phone would have to scroll sideways.
     */
    void screenshots(String name) throws IOException {
        shoot(name + "-desktop", DESKTOP_WIDTH, false);
        shoot(name + "-phone", PHONE_WIDTH, true);
        long width = ((Number) script("return document.documentElement.scrollWidth;")).longValue();
        viewport(DESKTOP_WIDTH, VIEW_HEIGHT, false);
        if (width > PHONE_WIDTH) {
            throw new AssertionError(name + " is " + width + " px wide on a " + PHONE_WIDTH + " px phone");
        }
    }

    private void shoot(String name, int width, boolean mobile) throws IOException {
        viewport(width, VIEW_HEIGHT, mobile);
        long height = ((Number) script("return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight);"))
                .longValue();
        viewport(width, (int) Math.min(Math.max(height, VIEW_HEIGHT), 6000), mobile);
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    private void viewport(int width, int height, boolean mobile) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
    }

    /** What the page wrote to the browser's console since the last call: CSP violations land here. */
    List<String> consoleMessages() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    /** The console messages that mean a broken page: a refused script or style, an uncaught error. */
    List<String> policyViolationsAndScriptErrors() {
        return consoleMessages().stream()
                .filter(m -> m.contains("Content Security Policy") || m.contains("Refused to") || m.contains("Uncaught"))
                .toList();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
