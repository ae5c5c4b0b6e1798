package org.trialkeeper.web;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.trialkeeper.support.Api;
import org.trialkeeper.support.Sessions;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * In Debian's headless chromium: an administrator manages accounts on the users page, and a page
 * warns a minute before its session ends and keeps it on request. Screenshots go to target/screenshots.
 */
@MicronautTest(transactional = false)
class AccountPagesBrowserTest extends PagesInABrowser {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    DataSource dataSource;

    @Test
    void anAdministratorDisablesAUserGivesAOneTimePasswordAndGrantsAdministration() {
        String username = Api.unique("nurse");
        Api.admin(http).createMember(username);
        browser.open("/app/login");
        browser.screenshots("login");
        browser.signIn("admin", Api.ADMIN_PASSWORD);
        browser.open("/app/admin/users");
        String row = "#user-" + username;

        browser.find("[aria-label='Disable " + username + "']").click();
        assertTrue(shows(username + " is disabled and signed out"), text());
        assertEquals("disabled", browser.find(row + " td:nth-child(4)").getText());
        browser.find("[aria-label='Enable " + username + "']").click();
        assertTrue(shows(username + " is enabled"), text());

        WebElement reset = browser.find(row + " input[name=password]");
        reset.sendKeys("a-one-time-password-1");
        reset.submit();
        assertTrue(shows("has a one-time password"), text());
        assertEquals("one-time password", browser.find(row + " td:nth-child(4)").getText());

        browser.find("[aria-label='Make administrator " + username + "']").click();
        assertTrue(shows(username + " is an administrator"), text());
        assertEquals("yes", browser.find(row + " td:nth-child(3)").getText());
        browser.screenshot("admin-accounts");
        browser.find("[aria-label='Remove administration of " + username + "']").click();
        assertTrue(shows(username + " is no longer an administrator"), text());

        // the user signs in with the one-time password and is sent to replace it first
        browser.driver.manage().deleteAllCookies();
        browser.open("/app/login");
        browser.find("#username").sendKeys(username);
        browser.find("#password").sendKeys("a-one-time-password-1");
        browser.find("button[type=submit]").click();
        new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith("/app/password"));
        browser.screenshots("password");
    }

    @Test
    void aRefusedNewUserKeepsTheUsernameTypedWithTheRuleBesideIt() {
        browser.signIn("admin", Api.ADMIN_PASSWORD);
        browser.open("/app/admin/users");
        browser.find("#new-username").sendKeys("Nurse Ward 4");
        browser.find("#new-password").sendKeys("a-first-password-123");
        browser.find("#new-password").submit();

        assertTrue(shows("username-errors"), text());
        assertTrue(browser.find("#username-errors").getText().contains("lower-case letters"), text());
        assertEquals("username-errors", browser.find("#new-username").getAttribute("aria-describedby"));
        assertEquals("Nurse Ward 4", browser.find("#new-username").getAttribute("value"), "the username as typed");
        assertEquals("", browser.find("#new-password").getAttribute("value"), "a password is never sent back");
        browser.screenshots("admin-user-refused");
    }

    @Test
    void aPageWarnsAMinuteBeforeItsSessionEndsAndStaysSignedInOnRequest() {
        String username = Api.unique("warned");
        Api.admin(http).createMember(username);
        Instant now = Instant.now();
        String ending = Sessions.sign(username, Sessions.account(dataSource, username), "browser-sign-in",
                now.minusSeconds(60), now.plusSeconds(63));
        browser.driver.manage().addCookie(new Cookie(WebSession.COOKIE, ending, "/"));
        browser.open("/app");

        new WebDriverWait(browser.driver, Duration.ofSeconds(15)).until(d -> browser.find("#expiry-warning").isDisplayed());
        assertTrue(browser.find("#expiry-warning").getText().contains("Your session ends in"), text());
        browser.screenshot("session-warning");
        browser.find("#stay-signed-in").click();

        new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(d -> !browser.find("#expiry-warning").isDisplayed());
        assertNotEquals(ending, browser.driver.manage().getCookieNamed(WebSession.COOKIE).getValue(), "a fresh cookie");
        browser.open("/app");
        assertTrue(shows("Signed in as"), browser.page());
    }
}
