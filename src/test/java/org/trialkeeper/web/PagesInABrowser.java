package org.trialkeeper.web;

import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

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

    @BeforeEach
    void signedOut() {
        browser.open("/app/login");
        browser.driver.manage().deleteAllCookies();
    }
}
