package org.trialkeeper.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.support.Api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * In Debian's headless chromium, the administrator's way through a trial's protocol and life:
 * registration from a file, a refused protocol shown with each broken rule by its field path,
 * an amendment with its reason, the step to RECRUITING behind a confirmation that says what it
 * freezes, and the audit trail read as changes, filtered and paged. Each page is also drawn at
 * 360 pixels wide, where nothing may reach past the screen's edge; screenshots go to
 * target/screenshots.
 */
@MicronautTest(transactional = false)
class AdminTrialPagesBrowserTest extends PagesInABrowser {

    @Inject
    @Client("/")
    HttpClient http;

    /** A page that fails to render is a failure in seconds, not a wait for the driver's default. */
    @BeforeAll
    void pagesLoadQuickly() {
        browser.driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @Test
    void anAdministratorRegistersATrialFromItsProtocolFile() {
        String shortName = Api.unique("upload");
        browser.signIn("admin", Api.ADMIN_PASSWORD);
        browser.driver.findElement(By.linkText("Trial administration")).click();
        browser.find("#file").sendKeys(file(shortName, ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, shortName)).toString());
        browser.find("#register button[type=submit]").click();

        assertTrue(shows("Registered " + shortName + " as DRAFT (protocol version 1)"), text());
        assertEquals("DRAFT", browser.find("#status").getText());
        assertEquals(shortName, browser.find("h1").getText());
        browser.screenshots("admin-trial");
        browser.driver.findElement(By.linkText("All trials")).click();
        assertTrue(browser.driver.findElement(By.linkText(shortName)).isDisplayed());
        browser.screenshots("admin-trials");
    }

    @Test
    void aBrokenProtocolIsRefusedWithEachRuleByItsFieldPathAndTheFormKeepsItsText() {
        String shortName = Api.unique("broken");
        String broken = ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, shortName)
                .replace("    role: control\n", "    role: placebo\n");
        browser.signIn("admin", Api.ADMIN_PASSWORD);
        browser.open("/app/admin/trials");
        browser.find("#file").sendKeys(file(shortName, broken).toString());
        browser.find("#register button[type=submit]").click();

        assertTrue(shows("protocol-errors"), text());
        String beside = browser.find("#protocol-errors").getText();
        assertTrue(beside.contains("arms[1].role"), beside);
        assertEquals("protocol-errors", browser.find("#protocol").getAttribute("aria-describedby"),
                "the rules are tied to the field they are about");
        assertEquals(broken, browser.find("#protocol").getAttribute("value"), "the protocol sent is in the form again");
        assertTrue(browser.find(".errors").getText().contains("Invalid protocol"), text());
        browser.screenshots("admin-register-refused");

        // corrected in the form itself, the same text is registered
        setValue("#protocol", broken.replace("    role: placebo\n", "    role: control\n"));
        browser.find("#register button[type=submit]").click();
        assertTrue(shows("Registered " + shortName + " as DRAFT"), text());
        assertFalse(browser.page().contains("protocol-errors"));
    }

    @Test
    void anAmendmentAfterDraftNeedsAReasonAndKeepsWhatWasTypedUntilItHasOne() {
        String shortName = Api.unique("amend");
        Api admin = Api.admin(http);
        long trialId = recruiting(admin, shortName);
        browser.signIn("admin", Api.ADMIN_PASSWORD);
        browser.open("/app/admin/trials/" + trialId);
        String current = browser.find("#protocol").getAttribute("value");
        assertTrue(current.contains("shortName: " + shortName), "the current protocol is in the form to change");
        String amended = current.replace("targetSampleSize: 30", "targetSampleSize: 32");
        setValue("#protocol", amended);
        browser.find("#amend button[type=submit]").click();

        assertTrue(shows("reason-errors"), text());
        assertTrue(browser.find("#reason-errors").getText().contains("an amendment after DRAFT needs a reason"), text());
        assertEquals(amended, browser.find("#protocol").getAttribute("value"), "the amended text is kept");
        assertEquals("1", browser.find("#version").getText(), "nothing was stored");
        browser.screenshots("admin-amend-refused");

        browser.find("#reason").sendKeys("two more nurses joined the ward");
        browser.find("#amend button[type=submit]").click();
        assertTrue(shows("Amended the protocol: version 2 is now current"), text());
        assertTrue(text().contains("two more nurses joined the ward"), "the versions list the reason");
        assertEquals(32, ((Number) admin.retrieve(HttpRequest.GET("/api/trials/" + trialId + "/protocol"), Map.class)
                .get("targetSampleSize")).intValue());
    }

    @Test
    void movingADraftToRecruitingIsConfirmedOnAPageThatNamesWhatItFreezes() {
        String shortName = Api.unique("life");
        long trialId = Api.admin(http).register(ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, shortName));
        browser.signIn("admin", Api.ADMIN_PASSWORD);
        browser.open("/app/admin/trials/" + trialId);
        browser.find("#next-step").click();

        assertTrue(shows("What this step freezes"), text());
        assertTrue(browser.find("#move").getText().contains("from DRAFT to RECRUITING"), text());
        String freezes = browser.find("#freezes").getText();
        assertTrue(freezes.contains("arms, randomisation scheme") && freezes.contains("frozen")
                && freezes.contains("needs a reason"), freezes);
        assertEquals("DRAFT", Api.admin(http).retrieve(HttpRequest.GET("/api/trials/" + trialId), Map.class).get("status"),
                "nothing moves before the confirmation");
        browser.screenshots("admin-status-confirm");
        String csrf = browser.find("#confirm-step input[name=_csrf]").getAttribute("value");
        browser.find("#confirm").click();

        assertTrue(shows(shortName + " is now RECRUITING"), text());
        assertEquals("RECRUITING", browser.find("#status").getText());
        assertTrue(browser.find("#next-step").getText().contains("End recruitment"), text());

        // the same confirmation sent again is refused: it never takes a second step
        Object again = ((JavascriptExecutor) browser.driver).executeScript("var request = new XMLHttpRequest();"
                + " request.open('POST', arguments[0], false);"
                + " request.setRequestHeader('Content-Type', 'application/x-www-form-urlencoded');"
                + " request.send('_csrf=' + encodeURIComponent(arguments[1]) + '&status=RECRUITING');"
                + " return request.status + ' ' + request.responseText;", "/app/admin/trials/" + trialId + "/status", csrf);
        assertTrue(again.toString().startsWith("409") && !again.toString().contains("confirm-step"), again.toString());
        assertEquals("RECRUITING", Api.admin(http).retrieve(HttpRequest.GET("/api/trials/" + trialId), Map.class).get("status"));
    }

    @Test
    void theAuditTrailReadsAsChangesFilteredByTrialUserActionAndDayAPageAtATime() {
        String shortName = Api.unique("audited");
        Api admin = Api.admin(http);
        long trialId = recruiting(admin, shortName);
        String nurse = Api.unique("nurse");
        long nurseId = admin.createMember(nurse);
        for (int i = 0; i < 101; i++) {
            admin.assign(trialId, nurseId, i % 2 == 0 ? "COORDINATOR" : "INVESTIGATOR");
        }
        browser.signIn("admin", Api.ADMIN_PASSWORD);
        browser.driver.findElement(By.linkText("Audit trail")).click();
        assertTrue(browser.find("#verification").getText().startsWith("The hash chains verify"), text());

        new Select(browser.find("#trial")).selectByVisibleText(shortName);
        browser.find("#action").sendKeys("trial.");
        browser.find("#filter button[type=submit]").click();
        assertTrue(shows("that match the filter"), text());
        List<String> actions = column(6);
        assertEquals(List.of("trial.status-changed", "trial.registered"), actions.stream()
                .map(action -> action.split(" ")[0]).toList(), text());
        assertEquals("status: DRAFT → RECRUITING", browser.find("tbody tr:first-child ul.changes").getText());
        assertTrue(browser.find("tbody tr:last-child ul.changes").getText().contains("protocolVersion: — → 1"), text());
        assertEquals(List.of(shortName, shortName), column(5), "trials by name");
        assertFalse(browser.page().contains("{\""), "no raw JSON");
        assertEquals(shortName, new Select(browser.find("#trial")).getFirstSelectedOption().getText(), "the filter is kept");
        browser.screenshots("admin-audit-filtered");

        // the user's and the day's filters, and a page at a time, each page keeping the filter
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        browser.open("/app/admin/audit?trial=" + trialId + "&user=admin&action=membership.&from=" + today + "&to=" + today);
        List<Long> first = seqs();
        assertEquals(100, first.size(), text());
        assertTrue(column(4).stream().allMatch(who -> who.startsWith("admin")), "only the admin's records");
        assertTrue(column(6).stream().allMatch(action -> action.startsWith("membership.roles-set")), "only that action");
        assertTrue(browser.find("tbody tr:first-child ul.changes").getText().matches("membership: \\[[A-Z]+] → \\[[A-Z]+]"), text());
        browser.find("#older").click();
        List<Long> second = seqs();
        assertEquals(1, second.size(), "the 101st role change, and nothing outside the filter: " + text());
        assertTrue(second.get(0) < first.get(99));
        assertEquals("membership.", browser.find("#action").getAttribute("value"));
        browser.find("#newest").click();
        assertEquals(first, seqs());

        browser.open("/app/admin/audit?trial=" + trialId + "&from=" + LocalDate.now(ZoneOffset.UTC).plusDays(1));
        assertTrue(shows("No record matches the filter."), text());

        browser.open("/app/admin/audit?action=Trial%25");
        assertTrue(browser.find("#action-errors").getText().contains("lower-case letters"), text());
        assertEquals("Trial%", browser.find("#action").getAttribute("value"), "the filter as typed");
        browser.screenshots("admin-audit-refused");
    }

    /** The seed trial under the short name, registered and moved to RECRUITING through the API; answers its id. */
    private static long recruiting(Api admin, String shortName) {
        long trialId = admin.register(ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, shortName));
        admin.retrieve(HttpRequest.POST("/api/trials/" + trialId + "/status", Map.of("status", "RECRUITING")), Map.class);
        return trialId;
    }

    private Path file(String shortName, String text) {
        try {
            Path directory = Files.createDirectories(Path.of("target", "protocol-uploads"));
            return Files.writeString(directory.resolve(shortName + ".yaml"), text).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void setValue(String css, String value) {
        ((JavascriptExecutor) browser.driver).executeScript("arguments[0].value = arguments[1];", browser.find(css), value);
    }

    private List<String> column(int index) {
        return browser.driver.findElements(By.cssSelector("tbody tr td:nth-child(" + index + ")")).stream()
                .map(cell -> cell.getText()).toList();
    }

    private List<Long> seqs() {
        return column(1).stream().map(Long::parseLong).toList();
    }
}
