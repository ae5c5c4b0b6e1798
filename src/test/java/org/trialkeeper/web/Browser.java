package org.trialkeeper.web;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Debian's chromium, headless, driven through Debian's chromedriver (both installed by .ci/run),
 * with the flags this network needs: nothing reaches out beyond localhost.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final WebDriver driver;
    private final String base;
    private final Path profile;

    Browser(String base) {
        this.base = base;
        try {
            profile = Files.createTempDirectory("chromium-profile");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
    }

    void open(String path) {
        driver.get(base + path);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    void signIn(String username, String password) {
        open("/app/login");
        find("#username").sendKeys(username);
        find("#password").sendKeys(password);
        find("button[type=submit]").click();
        // signed in once the browser has left the login page
        new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(10))
                .until(d -> !d.getCurrentUrl().endsWith("/app/login"));
    }

    String page() {
        return driver.getPageSource();
    }

    /**
     * Writes the page as a PNG for people to look at, and checks it with axe-core: a serious or
     * critical accessibility violation fails the test that took it.
     */
    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String violations = Accessibility.violations(driver);
        if (!violations.isEmpty()) {
            throw new AssertionError("axe-core finds on page " + name + ":\n" + violations);
        }
    }

    /** The page at desktop width and at 360 pixels, where it must not be wider than the screen. */
    void screenshots(String name) {
        JavascriptExecutor script = (JavascriptExecutor) driver;
        for (int width : List.of(1280, 360)) {
            driver.manage().window().setSize(new Dimension(width, 900));
            long height = ((Number) script.executeScript("return document.documentElement.scrollHeight;")).longValue();
            driver.manage().window().setSize(new Dimension(width, (int) Math.min(height + 140, 4000)));
            long wide = ((Number) script.executeScript("return document.documentElement.scrollWidth;")).longValue();
            long view = ((Number) script.executeScript("return document.documentElement.clientWidth;")).longValue();
            screenshot(name + "-" + width);
            assertTrue(wide <= view, () -> name + " is " + wide + " pixels wide in a window " + view + " wide: "
                    + script.executeScript("return Array.from(document.querySelectorAll('body *'))"
                    + ".filter(e => e.getBoundingClientRect().right > arguments[0])"
                    + ".map(e => e.tagName + '#' + e.id + '.' + e.className + ':' + Math.round(e.getBoundingClientRect().width)).join(' ');", view));
        }
        driver.manage().window().setSize(new Dimension(1280, 1000));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
