package org.trialkeeper.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.trialkeeper.support.Api;
import org.trialkeeper.support.RecruitingTrial;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The coordinator's paths in chromium: the participant's page with the arm, attendance in one
 * form and events by name; the session register for the whole intervention arm; the participant
 * list searched, filtered and sorted; recruitment over time; and no forms once the trial is locked.
 */
@MicronautTest(transactional = false)
class CoordinatorPagesBrowserTest extends PagesInABrowser {

    @Inject
    @Client("/")
    HttpClient http;

    /** Participants randomised until each arm has at least {@code each}; their codes by arm code. */
    private static Map<String, List<String>> randomised(RecruitingTrial trial, int each) {
        Map<String, List<String>> byArm = new LinkedHashMap<>(Map.of("BALINT", new ArrayList<>(), "WAITLIST", new ArrayList<>()));
        for (int i = 0; byArm.values().stream().anyMatch(codes -> codes.size() < each); i++) {
            String code = "C-" + (char) ('A' + i % 26) + i;
            long id = trial.enrol(code, i % 2 == 0 ? "female" : "male");
            byArm.get((String) trial.randomise(id, "pages-key-" + i).get("arm")).add(code);
        }
        return byArm;
    }

    private void openTrial(RecruitingTrial trial) {
        browser.signIn(trial.usernames.get("COORDINATOR"), Api.MEMBER_PASSWORD);
        browser.open("/app/trials/" + trial.id);
    }

    @Test
    void theParticipantPageShowsTheArmRecordsSessionsInOneFormAndOffersEventsByName() {
        RecruitingTrial trial = RecruitingTrial.ofSize(http, "pages-followup", 30);
        Map<String, List<String>> arms = randomised(trial, 1);
        String intervention = arms.get("BALINT").get(0);
        String waitlisted = arms.get("WAITLIST").get(0);
        openTrial(trial);

        browser.find("a[aria-label='Participant " + intervention + "']").click();
        assertEquals("Balint group training", browser.find("#arm").getText());
        for (int session = 1; session <= 3; session++) {
            browser.find("[id='session." + session + (session == 2 ? ".absent" : ".present") + "']").click();
        }
        browser.find("#attendance button.primary").click();
        assertTrue(shows("<td>absent</td>"), text());
        assertTrue(browser.find("[id='session.2.absent']").isSelected(), "a recorded absence opens as absent");
        assertTrue(browser.find("[id='session.1.present']").isSelected());
        assertFalse(browser.find("[id='session.4.present']").isSelected() || browser.find("[id='session.4.absent']").isSelected(),
                "a session not recorded has nothing chosen");
        browser.screenshots("coordinator-participant");

        // a change without a reason is refused, and the page keeps what was chosen
        browser.find("[id='session.2.present']").click();
        browser.find("#attendance button.primary").click();
        assertTrue(shows("reason:"), text());
        assertTrue(browser.find("[id='session.2.present']").isSelected(), "the refused choice is kept");
        browser.find("#attendance-reason").sendKeys("marked absent by mistake");
        WebElement save = browser.find("#attendance button.primary");
        save.click();
        // the page the change leads back to, not the refused one it replaces
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, java.time.Duration.ofSeconds(10))
                .until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(save));
        assertTrue(shows("Per-protocol analysis") && !browser.page().contains("Please correct the following"), text());
        assertTrue(browser.find("[id='session.2.present']").isSelected());

        Select kinds = new Select(browser.find("#kind"));
        assertEquals("", kinds.getFirstSelectedOption().getAttribute("value"), "no event is chosen for the coordinator");
        List<String> offered = kinds.getOptions().stream().map(WebElement::getText).toList();
        assertTrue(offered.contains("Lost to follow-up") && offered.contains("Withdrew consent"), offered.toString());
        assertFalse(offered.stream().anyMatch(o -> o.contains("waitlist")), "the waitlist's events are not offered to the intervention arm");

        browser.open("/app/trials/" + trial.id);
        browser.find("a[aria-label='Participant " + waitlisted + "']").click();
        assertEquals("Waitlist control", browser.find("#arm").getText());
        assertTrue(text().contains("This arm has no sessions during the trial"), text());
        assertTrue(browser.driver.findElements(By.id("attendance")).isEmpty(), "no attendance form for the waitlist");
        assertTrue(new Select(browser.find("#kind")).getOptions().stream()
                .anyMatch(o -> o.getText().equals("Delayed intervention offered (waitlist)")));
        // a refused event keeps what was typed: a date before randomisation
        new Select(browser.find("#kind")).selectByValue("lost-to-follow-up");
        ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript(
                "document.getElementById('date').value = '2001-01-01'");
        browser.find("#reason").sendKeys("moved abroad");
        browser.find("#event button.primary").click();
        assertTrue(shows("Please correct the following"), text());
        assertEquals("moved abroad", browser.find("#reason").getAttribute("value"));
        assertEquals("lost-to-follow-up", new Select(browser.find("#kind")).getFirstSelectedOption().getAttribute("value"));
        browser.screenshots("coordinator-event-refused");
    }

    @Test
    void theSessionRegisterRecordsOneSessionForTheWholeInterventionArm() {
        RecruitingTrial trial = RecruitingTrial.ofSize(http, "pages-register", 30);
        Map<String, List<String>> arms = randomised(trial, 3);
        List<String> balint = arms.get("BALINT");
        openTrial(trial);

        browser.driver.findElement(By.linkText("Session 4")).click();
        assertTrue(shows("Register of session <span>4</span>"), text());
        String page = text();
        balint.forEach(code -> assertTrue(page.contains(code), page));
        arms.get("WAITLIST").forEach(code -> assertFalse(page.contains(code), "the waitlist is not on the register"));
        browser.find("input[aria-label='" + balint.get(0) + " absent']").click();
        browser.find("#restPresent").click();
        browser.screenshots("coordinator-register");
        browser.find("#register button.primary").click();
        assertTrue(shows("is saved"), text());

        long absent = 0;
        long present = 0;
        for (WebElement row : browser.driver.findElements(By.cssSelector("#register tbody tr"))) {
            String recorded = row.findElements(By.tagName("td")).get(1).getText();
            absent += recorded.equals("absent") ? 1 : 0;
            present += recorded.equals("present") ? 1 : 0;
        }
        assertEquals(1, absent);
        assertEquals(balint.size() - 1, present);
        Map<?, ?> register = trial.coordinator.retrieve(HttpRequest.GET(trial.path("/sessions/4/attendance")), Map.class);
        assertTrue(register.toString().contains("present=false"), register.toString());
    }

    @Test
    void theParticipantListIsSearchedFilteredAndSortedAndRecruitmentIsDrawnAgainstTheTarget() {
        RecruitingTrial trial = RecruitingTrial.ofSize(http, "pages-list", 30);
        trial.enrol("Z-9", "female");
        trial.enrol("B-2", "male");
        long randomised = trial.enrol("M-5", "female");
        trial.randomise(randomised, "pages-list-1");
        openTrial(trial);

        assertEquals(List.of("Z-9", "B-2", "M-5"), codes(), "as screened by default");
        new Select(browser.find("#search-sort")).selectByValue("code");
        browser.find("form.filters button").click();
        assertTrue(shows("by code"));
        assertEquals(List.of("B-2", "M-5", "Z-9"), codes());
        new Select(browser.find("#search-status")).selectByValue("RANDOMISED");
        browser.find("form.filters button").click();
        assertTrue(shows("M-5"));
        assertEquals(List.of("M-5"), codes());
        browser.find("#search-code").sendKeys("Q");
        browser.find("form.filters button").click();
        assertTrue(shows("No participant matches."), text());
        browser.screenshots("coordinator-list");

        String svg = (String) ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript(
                "var r = new XMLHttpRequest(); r.open('GET', arguments[0], false); r.send(); return r.status + ' ' + r.responseText;",
                "/app/trials/" + trial.id + "/recruitment.svg");
        assertTrue(svg.startsWith("200 <svg"), svg);
        assertTrue(svg.contains("Target (30)") && svg.contains("Site RAZI") && svg.contains("<polyline"), svg);
        assertFalse(svg.contains("BALINT") || svg.contains("WAITLIST"), "recruitment says nothing of arms");
    }

    @Test
    void theStatusGridShowsEachParticipantByTimepointAndInstrument() {
        RecruitingTrial trial = RecruitingTrial.ofSize(http, "pages-status", 30);
        long first = trial.enrol("S-1", "female");
        trial.randomise(first, "pages-status-1");
        trial.randomise(trial.enrol("S-2", "male"), "pages-status-2");
        trial.assessor.retrieve(HttpRequest.POST(trial.path("/participants/" + first + "/assessments"),
                Map.of("instrument", "CDRISC", "timepoint", "baseline", "responses", java.util.Collections.nCopies(25, 2))),
                Map.class);
        openTrial(trial);
        browser.find("#status-link").click();
        List<String> headers = browser.driver.findElements(By.cssSelector("#status-grid thead th")).stream()
                .map(WebElement::getText).toList();
        int column = headers.indexOf("baseline: Connor-Davidson Resilience Scale (CD-RISC-25)");
        assertTrue(column > 1, headers.toString());
        List<WebElement> rows = browser.driver.findElements(By.cssSelector("#status-grid tbody tr"));
        assertEquals(2, rows.size());
        assertEquals("S-1", rows.get(0).findElement(By.tagName("th")).getText());
        assertEquals("done", rows.get(0).findElements(By.cssSelector("th, td")).get(column).getText());
        assertEquals("due", rows.get(1).findElements(By.cssSelector("th, td")).get(column).getText());
        assertTrue(browser.find("#status-grid tbody").getText().contains("due 20"), "post-tests are due later, with a date");
        for (String arm : List.of("BALINT", "WAITLIST", "Balint group training", "Waitlist control")) {
            assertFalse(browser.page().contains(arm), "the grid names no arm");
        }
        browser.screenshots("coordinator-status");
    }

    @Test
    void aLockedTrialShowsWhatWasRecordedWithoutForms() {
        RecruitingTrial trial = RecruitingTrial.ofSize(http, "pages-locked", 30);
        String intervention = randomised(trial, 1).get("BALINT").get(0);
        trial.move("FOLLOW_UP");
        trial.move("LOCKED");
        openTrial(trial);

        assertTrue(browser.driver.findElements(By.cssSelector("a[aria-label^='Randomise']")).isEmpty());
        browser.find("a[aria-label='Participant " + intervention + "']").click();
        assertTrue(text().contains("can no longer be changed"), text());
        assertTrue(browser.driver.findElements(By.cssSelector("main form")).isEmpty(), "no forms on a locked trial");
        browser.open("/app/trials/" + trial.id + "/sessions/1");
        assertTrue(browser.driver.findElements(By.cssSelector("main input[type=radio]")).isEmpty());
        browser.screenshots("coordinator-locked");
    }

    private List<String> codes() {
        return browser.driver.findElements(By.cssSelector("#participant-list tbody tr td:first-child")).stream()
                .map(WebElement::getText).toList();
    }
}
