package org.trialkeeper.web;

import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

/** One browser on the running service for a whole class of page tests, signed out before each test. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PagesInABrowser {

    @Inject
    EmbeddedServer server;

    Browser browser;

    @BeforeAll
    void startBrowser() {
        browser = new Browser(server.getURL().toString().replace("127.0.0.1", "localhost"));
    }

    @AfterAll
    void stopBrowser() {
        browser.close();
    }

    /** Waits for a page that holds the text (a submitted form's answer may still be on its way). */
    boolean shows(String text) {
        try {
            new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(driver -> driver.getPageSource().contains(text));
            return true;
        } catch (org.openqa.selenium.TimeoutException e) {
            return false;
        }
    }

    /** What the page's main part says. */
    String text() {
        return browser.find("main").getText();
    }

    @BeforeEach
    void signedOut() {
        browser.open("/app/login");
        browser.driver.manage().deleteAllCookies();
    }
}
