package org.trialkeeper.web;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The accessibility check every screenshot runs finds what it should, and nothing on a clean page. */
class AccessibilityTest {

    @Test
    void axeCoreFindsAnImageWithoutTextAndAFieldWithoutALabelButNothingOnACleanPage() {
        try (Browser browser = new Browser("data:text/html,")) {
            browser.driver.get("data:text/html,<!DOCTYPE html><html lang=en><head><title>t</title></head><body><main>"
                    + "<img src=missing.png><input id=x></main></body></html>");
            String found = Accessibility.violations(browser.driver);
            assertTrue(found.contains("image-alt") && found.contains("label"), found);

            browser.driver.get("data:text/html,<!DOCTYPE html><html lang=en><head><title>t</title></head><body><main>"
                    + "<h1>Clean</h1><img src=missing.png alt=Nothing><label for=x>Name</label><input id=x></main></body></html>");
            assertEquals("", Accessibility.violations(browser.driver));
        }
    }
}
