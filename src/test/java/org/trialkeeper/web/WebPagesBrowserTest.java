package org.trialkeeper.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.support.Api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One end-to-end task per role, in Debian's headless chromium: a coordinator screens and
 * randomises a nurse and records follow-up; an assessor enters a questionnaire by keyboard and
 * never sees an arm; an investigator sees the CONSORT diagram and the downloads; an
 * administrator manages users and sees the audit trail verified. Screenshots are written to
 * target/screenshots.
 */
@MicronautTest(transactional = false)
class WebPagesBrowserTest extends PagesInABrowser {

    private static final List<String> ARM_WORDS = List.of("BALINT", "WAITLIST", "Balint group training", "Waitlist control");

    @Inject
    @Client("/")
    HttpClient http;

    /** A recruiting seed trial with members of the given roles, each a user named after the role. */
    private record Trial(long id, String shortName, Map<String, String> users) {
    }

    private Trial trial(String... roles) {
        Api admin = Api.admin(http);
        String shortName = Api.unique("web");
        long id = admin.register(ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, shortName));
        Map<String, String> users = new LinkedHashMap<>();
        for (String role : roles) {
            String username = Api.unique(role.toLowerCase());
            admin.assign(id, admin.createMember(username), role);
            users.put(role, username);
        }
        admin.retrieve(HttpRequest.POST("/api/trials/" + id + "/status", Map.of("status", "RECRUITING")), Map.class);
        return new Trial(id, shortName, users);
    }

    private long enrol(Api coordinator, long trialId, String code) {
        Map<String, Object> body = Map.of("code", code, "site", "RAZI", "consent", "given",
                "baseline", Map.of("age", 30, "sex", "female", "marital", "single", "education", "bachelor"),
                "eligibility", Map.of("I1", true, "I2", true, "E1", false, "E2", false));
        Map<?, ?> screened = coordinator.retrieve(HttpRequest.POST("/api/trials/" + trialId + "/participants", body), Map.class);
        long id = ((Number) screened.get("id")).longValue();
        coordinator.retrieve(HttpRequest.POST("/api/trials/" + trialId + "/participants/" + id + "/randomisation", "")
                .header("Idempotency-Key", "web-test-" + code), Map.class);
        return id;
    }

    private Object script(String code, Object... arguments) {
        return ((JavascriptExecutor) browser.driver).executeScript(code, arguments);
    }

    @Test
    void aCoordinatorScreensRandomisesOnceAndRecordsFollowUp() {
        Trial trial = trial("COORDINATOR");
        browser.signIn(trial.users().get("COORDINATOR"), Api.MEMBER_PASSWORD);
        Cookie cookie = browser.driver.manage().getCookieNamed(WebSession.COOKIE);
        assertTrue(cookie.isHttpOnly(), "the session cookie is out of reach of scripts");
        assertEquals("Strict", cookie.getSameSite());
        browser.driver.findElement(By.linkText(trial.shortName())).click();
        browser.driver.findElement(By.linkText("Screen a person")).click();

        browser.find("#code").sendKeys("W-1");
        browser.find("[id='baseline.age']").sendKeys("34");
        new Select(browser.find("[id='baseline.sex']")).selectByValue("female");
        new Select(browser.find("[id='baseline.marital']")).selectByValue("married");
        new Select(browser.find("[id='baseline.education']")).selectByValue("bachelor");
        for (String answer : List.of("I1.yes", "I2.yes", "E1.no", "E2.no")) {
            browser.find("[id='eligibility." + answer + "']").click();
        }
        browser.find("[id='consent.given']").click();
        browser.screenshots("coordinator-screening");
        browser.find("button.primary").click();
        assertTrue(shows("Screened <strong>W-1</strong>"), text());
        assertEquals("Screened W-1: ENROLLED", browser.find("[role=status]").getText());

        browser.find("a[aria-label='Randomise W-1']").click();
        assertTrue(shows("Randomise <span>W-1</span>?"), text());
        browser.screenshots("coordinator-randomise-confirm");
        WebElement form = browser.find("#randomise");
        String action = form.getAttribute("action");
        String key = browser.find("input[name=key]").getAttribute("value");
        String csrf = browser.find("input[name=_csrf]").getAttribute("value");
        browser.find("#confirm").click();
        String arm = browser.find("#arm").getText();
        assertTrue(List.of("Balint group training", "Waitlist control").contains(arm), arm);
        assertTrue(text().contains("Allocation number 1"), text());
        assertTrue(browser.find("#receipt-hash").getText().matches("[0-9a-f]{64}"), text());
        browser.screenshots("coordinator-allocation");
        // the same confirmation sent again answers the same allocation, never a second one
        String again = (String) script("var form = new URLSearchParams(); form.append('_csrf', arguments[1]);"
                + " form.append('key', arguments[2]); var request = new XMLHttpRequest();"
                + " request.open('POST', arguments[0], false); request.send(form); return request.responseText;",
                action, csrf, key);
        assertTrue(again.contains("Allocation number <span>1</span>") && again.contains(arm), again);

        browser.driver.findElement(By.linkText("Back to the trial")).click();
        browser.find("a[aria-label='Participant W-1']").click();
        assertEquals(arm, browser.find("#arm").getText(), "the coordinator sees the arm on the participant's page");
        if (arm.equals("Balint group training")) {
            browser.find("[id='session.1.absent']").click();
            browser.find("#attendance button.primary").click();
            assertTrue(shows("<td>absent</td>"), text());
        }
        new Select(browser.find("#kind")).selectByValue("lost-to-follow-up");
        browser.find("#reason").sendKeys("moved to another city");
        new Select(browser.find("#timepoint")).selectByValue("post");
        browser.find("#event button.primary").click();
        assertTrue(shows("moved to another city"), text());
        assertTrue(shows("LOST_TO_FOLLOW_UP") && shows("<td>Lost to follow-up</td>"), text());
        browser.screenshots("coordinator-follow-up");
    }

    @Test
    void anAssessorEntersAQuestionnaireByKeyboardAndNoPageEverShowsAnArm() {
        Trial trial = trial("COORDINATOR", "ASSESSOR");
        Api coordinator = Api.as(http, trial.users().get("COORDINATOR"));
        enrol(coordinator, trial.id(), "A-1");
        long a2 = enrol(coordinator, trial.id(), "A-2");
        List<String> pages = new ArrayList<>();
        browser.signIn(trial.users().get("ASSESSOR"), Api.MEMBER_PASSWORD);
        pages.add(browser.page());
        browser.screenshots("assessor-trials");
        browser.driver.findElement(By.linkText(trial.shortName())).click();
        assertTrue(shows("Participants due for assessment") && shows("A-1") && shows("A-2"), text());
        pages.add(browser.page());
        browser.screenshots("assessor-worklist");

        browser.find("a[aria-label='Enter Connor-Davidson Resilience Scale (CD-RISC-25) at baseline for A-2']").click();
        assertEquals("item.1", browser.driver.switchTo().activeElement().getAttribute("id"), "the first item has the focus");
        Actions typing = new Actions(browser.driver);
        int expected = 0;
        for (int item = 1; item <= 25; item++) {
            int value = item == 3 ? 7 : item % 5;
            typing.sendKeys(Integer.toString(value)).sendKeys(Keys.TAB);
            expected += item == 3 ? 0 : value;
        }
        typing.perform();
        WebElement problem = browser.find("#problem");
        assertTrue(problem.isDisplayed() && problem.getText().contains("item 3"), "an out-of-range answer is shown at once");
        browser.screenshots("assessor-range-check");
        WebElement third = browser.find("[id='item.3']");
        third.sendKeys(Keys.BACK_SPACE, "3");
        expected += 3;
        assertFalse(browser.find("#problem").isDisplayed());
        assertEquals(Integer.toString(expected), browser.find("#total").getText(), "the total before saving");
        assertTrue(browser.driver.findElements(By.cssSelector("[name=guess]")).isEmpty(),
                "the protocol asks the arm guess at the post-test, not at baseline");
        pages.add(browser.page());
        browser.screenshots("assessor-entry");
        browser.find("#save").sendKeys(Keys.ENTER);
        assertEquals(expected + ".0", browser.find("#score").getText(), browser.page());
        browser.screenshots("assessor-saved");
        pages.add(browser.page());
        browser.driver.findElement(By.linkText("Back to the participants due")).click();
        assertTrue(shows(">Connor-Davidson Resilience Scale (CD-RISC-25)</a></li>"), "the work list shows what is done, by name");
        // what was entered opens as entered, and a correction needs a reason
        browser.find("a[aria-label='Correct Connor-Davidson Resilience Scale (CD-RISC-25) at baseline for A-2']").click();
        assertTrue(shows("Correct Connor-Davidson"), text());
        assertEquals("3", browser.find("[id='item.3']").getAttribute("value"), "the form shows what was entered");
        browser.find("[id='item.3']").clear();
        browser.find("[id='item.3']").sendKeys("4");
        browser.find("#save").click();
        assertTrue(browser.find("#reason").getAttribute("validationMessage").length() > 0, "the reason is required");
        browser.find("#reason").sendKeys("item 3 misread from the paper form");
        browser.find("#save").click();
        assertTrue(shows("id=\"score\""), text());
        assertEquals((expected + 1) + ".0", browser.find("#score").getText(), browser.page());
        pages.add(browser.page());
        browser.driver.findElement(By.linkText("Back to the participants due")).click();
        assertFalse(shows("Enter CDRISC"), "instruments are named, not coded");
        pages.add(browser.page());

        browser.open("/app/trials/" + trial.id() + "/participants/" + a2 + "/assess?instrument=CDRISC&timepoint=post");
        assertTrue(browser.find("[id='guess.dont-know']").isDisplayed(), "the arm guess is asked at the post-test");
        pages.add(browser.page());

        for (String page : pages) {
            for (String word : ARM_WORDS) {
                assertFalse(page.contains(word), "an assessor's page holds '" + word + "'");
            }
        }
    }

    @Test
    void anInvestigatorSeesTheConsortDiagramAndTheDownloadsTheyMayHave() {
        Trial trial = trial("COORDINATOR", "INVESTIGATOR");
        Api coordinator = Api.as(http, trial.users().get("COORDINATOR"));
        enrol(coordinator, trial.id(), "I-1");
        enrol(coordinator, trial.id(), "I-2");
        browser.signIn(trial.users().get("INVESTIGATOR"), Api.MEMBER_PASSWORD);
        browser.driver.findElement(By.linkText(trial.shortName())).click();
        WebElement diagram = browser.find("img[alt^='CONSORT flow diagram']");
        assertEquals(Boolean.TRUE, script("return arguments[0].complete && arguments[0].naturalWidth > 300;", diagram),
                "the diagram is drawn");
        assertTrue(text().contains("Randomised 2 of a target of 30"), text());
        assertTrue(browser.page().contains("Blinded interim report"));
        assertFalse(browser.page().contains("Participants (CSV)"), "exports only after LOCKED");
        String pdf = (String) script("var request = new XMLHttpRequest(); request.open('GET', arguments[0], false);"
                + " request.send(); return request.status + ' ' + request.getResponseHeader('Content-Type');",
                browser.driver.findElement(By.linkText("CONSORT report (PDF)")).getAttribute("href"));
        assertEquals("200 application/pdf", pdf);
        String svg = (String) script("var request = new XMLHttpRequest(); request.open('GET', arguments[0], false);"
                + " request.send(); return request.responseText;", diagram.getAttribute("src"));
        assertTrue(svg.contains("Randomised (n = 2)") && svg.contains("Allocated to any arm (pooled until LOCKED) (n = 2)")
                && !svg.contains("Arm A"), svg);
        assertFalse(svg.contains("Balint group training") || svg.contains("Waitlist control"), "blinded before LOCKED");
        browser.screenshots("investigator-trial");
    }

    @Test
    void anAdministratorManagesUsersAndRolesAndSeesTheAuditTrailVerified() {
        Trial trial = trial();
        browser.signIn("admin", Api.ADMIN_PASSWORD);
        browser.driver.findElement(By.linkText("Users and roles")).click();
        String username = Api.unique("nurse");
        browser.find("#new-username").sendKeys(username);
        browser.find("#new-password").sendKeys("a-first-password-123");
        browser.find("#new-password").submit();
        assertTrue(shows("Created user " + username), text());
        new Select(browser.find("#member-user")).selectByVisibleText(username);
        new Select(browser.find("#member-trial")).selectByVisibleText(trial.shortName());
        browser.find("[id='role.COORDINATOR']").click();
        browser.find("[id='role.COORDINATOR']").submit();
        assertTrue(shows(username + " now holds [COORDINATOR] in trial " + trial.id()), text());
        browser.screenshots("admin-users");

        // a form sent without the session's CSRF token changes nothing
        String refused = (String) script("var request = new XMLHttpRequest(); request.open('POST', '/app/admin/users', false);"
                + " request.setRequestHeader('Content-Type', 'application/x-www-form-urlencoded');"
                + " request.send('username=intruder&password=a-password-of-mine'); return request.status + ' ' + request.responseText;");
        assertTrue(refused.startsWith("403") && refused.contains("urn:trialkeeper:problem:csrf"), refused);

        browser.driver.findElement(By.linkText("Audit trail")).click();
        assertTrue(browser.find("#verification").getText().startsWith("The hash chains verify"), browser.page());
        assertTrue(browser.page().contains("membership.roles-set"));
        assertFalse(browser.page().contains("intruder"));
        browser.screenshots("admin-audit");

        // more records than one page holds: a page at a time, newest first
        Api admin = Api.admin(http);
        for (int i = 0; i < 101; i++) {
            admin.createMember(Api.unique("filler"));
        }
        browser.driver.findElement(By.linkText("Audit trail")).click();
        List<Long> newest = shownSeqs();
        assertEquals(100, newest.size(), "one page of the trail");
        assertEquals(newest.get(0) - 99, newest.get(99), "the newest records, newest first, none missing");
        browser.find("#older").click();
        List<Long> older = shownSeqs();
        assertEquals(newest.get(99) - 1, older.get(0), "the next page starts where the first ended");
        browser.find("#newest").click();
        assertEquals(newest.get(0), shownSeqs().get(0));

        browser.find("header button").click();
        assertTrue(shows("<h1>Sign in</h1>") && browser.driver.getCurrentUrl().endsWith("/app/login"), "signed out");
        assertEquals(null, browser.driver.manage().getCookieNamed(WebSession.COOKIE), "the session cookie is gone");
        browser.open("/app");
        assertTrue(shows("<h1>Sign in</h1>") && browser.driver.getCurrentUrl().endsWith("/app/login"),
                "a page without a session leads to sign-in");
    }

    @Test
    void onlyARoleTheProtocolNamesUnblindsOnAPageThatShowsTheArmOnce() {
        Trial trial = trial("COORDINATOR", "INVESTIGATOR", "ASSESSOR");
        Api coordinator = Api.as(http, trial.users().get("COORDINATOR"));
        long participant = enrol(coordinator, trial.id(), "U-1");
        String arm = (String) coordinator.retrieve(HttpRequest.GET("/api/trials/" + trial.id() + "/participants/"
                + participant + "/randomisation"), Map.class).get("armLabel");
        String page = "/app/trials/" + trial.id() + "/participants/" + participant + "/unblinding";
        String link = "a[aria-label='Emergency unblinding of U-1']";

        // the seed protocol names INVESTIGATOR only: a coordinator gets no link, and the page says no
        browser.signIn(trial.users().get("COORDINATOR"), Api.MEMBER_PASSWORD);
        browser.driver.findElement(By.linkText(trial.shortName())).click();
        assertTrue(shows("Participants") && browser.driver.findElements(By.cssSelector(link)).isEmpty(), text());
        browser.open(page);
        assertTrue(browser.find(".errors").getText().contains("Unblinding not permitted"), text());
        assertTrue(browser.driver.findElements(By.id("unblinding")).isEmpty(), "no form for a role the protocol does not name");

        // a coordinator who is an investigator too finds the link in the participant list
        Api admin = Api.admin(http);
        String both = Api.unique("both");
        admin.assign(trial.id(), admin.createMember(both), "COORDINATOR", "INVESTIGATOR");
        signInAfresh(both);
        browser.driver.findElement(By.linkText(trial.shortName())).click();
        browser.find(link).click();
        assertTrue(shows("Emergency unblinding of <span>U-1</span>") && browser.find("#unblinding").isDisplayed(), text());

        signInAfresh(trial.users().get("INVESTIGATOR"));
        browser.driver.findElement(By.linkText(trial.shortName())).click();
        browser.find(link).click();
        browser.find("#reason").sendKeys("anaphylaxis after session 2");
        browser.find("#password").sendKeys("not-my-password");
        browser.find("#unblind").click();
        assertTrue(shows("Password required"), text());
        assertArmless(browser.page());
        assertEquals("anaphylaxis after session 2", browser.find("#reason").getAttribute("value"), "the reason is kept");
        browser.find("#password").sendKeys(Api.MEMBER_PASSWORD);
        browser.find("#unblind").click();
        assertEquals(arm, browser.find("#arm").getText(), text());
        assertTrue(browser.find("#recorded").getText().contains("recorded"), text());
        assertFalse(browser.driver.getCurrentUrl().contains(arm.split(" ")[0]), browser.driver.getCurrentUrl());
        browser.screenshots("investigator-unblinding");
        browser.open(page);
        assertTrue(shows("Your password, entered again"), text());
        browser.screenshots("investigator-unblinding-form");
        browser.open("/app/trials/" + trial.id() + "/no-such-page");
        assertTrue(shows("id=\"problem-detail\""), text());
        browser.screenshots("error-page");
        browser.open(page);
        assertArmless(browser.page());
        browser.driver.findElement(By.linkText("Cancel")).click();
        assertTrue(shows("Randomised participants"), text());
        assertArmless(browser.page());

        // the blinded assessor: no link, and the page is refused
        signInAfresh(trial.users().get("ASSESSOR"));
        browser.driver.findElement(By.linkText(trial.shortName())).click();
        assertTrue(shows("Participants due for assessment") && browser.driver.findElements(By.cssSelector(link)).isEmpty());
        Object status = script("var request = new XMLHttpRequest(); request.open('GET', arguments[0], false);"
                + " request.send(); return request.status + ' ' + request.responseText;", page);
        assertTrue(status.toString().startsWith("403"), status.toString());
        assertArmless(status.toString());
    }

    private void signInAfresh(String username) {
        browser.driver.manage().deleteAllCookies();
        browser.signIn(username, Api.MEMBER_PASSWORD);
    }

    private static void assertArmless(String page) {
        for (String word : ARM_WORDS) {
            assertFalse(page.contains(word), "the page holds '" + word + "'");
        }
    }

    private List<Long> shownSeqs() {
        return browser.driver.findElements(By.cssSelector("tbody tr td:first-child")).stream()
                .map(cell -> Long.parseLong(cell.getText())).toList();
    }
}
