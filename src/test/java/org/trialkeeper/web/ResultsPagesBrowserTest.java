package org.trialkeeper.web;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.trialkeeper.analysis.SampleSize;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.report.ExportedTrial;
import org.trialkeeper.support.Api;
import org.trialkeeper.support.RecruitingTrial;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The results page in chromium: the sample size before the trial, the outcomes pooled while it
 * runs, and after lock the outcomes by arm, and for the statistician the sequence verified and
 * the design diagnostics.
 */
@MicronautTest(transactional = false)
class ResultsPagesBrowserTest extends PagesInABrowser {

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void theSampleSizeIsShownBeforeTheTrialAndTheOutcomesArePooledWhileItRuns() {
        RecruitingTrial trial = new RecruitingTrial(http, ProtocolFiles.seedVariantYaml(Api.unique("results"), tree -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> analysis = new LinkedHashMap<>((Map<String, Object>) tree.get("analysis"));
            analysis.put("sampleSize", Map.of("difference", 10, "sd", 15, "correlation", 0.5, "alpha", 0.05,
                    "power", 0.8, "dropout", 0.1));
            tree.put("analysis", analysis);
        }));
        browser.signIn(trial.usernames.get("INVESTIGATOR"), Api.MEMBER_PASSWORD);
        browser.open("/app/trials/" + trial.id);
        browser.find("#results-link").click();
        SampleSize.Result expected = SampleSize.of(new SampleSize.Plan(10, 15, 0.5, 0.05, 0.8, 0.1, 1, 1, 30));
        assertEquals(Integer.toString(expected.required()), browser.find("#required").getText());
        assertEquals(String.format(java.util.Locale.ROOT, "%.2f", expected.detectableDifference()),
                browser.find("#detectable").getText());
        assertTrue(text().contains("pooled over the arms"), text());
        for (String arm : List.of("BALINT", "WAITLIST", "Balint group training", "Waitlist control")) {
            assertFalse(browser.page().contains(arm), "a blinded results page names no arm: " + arm);
        }
        assertTrue(browser.driver.findElements(By.id("verification")).isEmpty());
        browser.screenshots("investigator-results-interim");
    }

    @Test
    void afterLockTheStatisticianSeesTheOutcomesByArmTheSequenceVerifiedAndTheDiagnostics() {
        ExportedTrial locked = new ExportedTrial(http);
        browser.signIn(locked.trial.usernames.get("STATISTICIAN"), Api.MEMBER_PASSWORD);
        browser.open("/app/trials/" + locked.trial.id);
        browser.find("#results-link").click();
        String baseline = browser.find("#baseline-table").getText();
        assertTrue(baseline.contains("Balint group training (n = 4)") && baseline.contains("Sex, n (%)"), baseline);
        String outcomes = browser.find("#outcomes-table").getText();
        assertTrue(outcomes.contains("Balint group training") && outcomes.contains("Waitlist control"), outcomes);
        assertTrue(outcomes.contains("F(1, "), "the ANCOVA's F with its degrees of freedom: " + outcomes);
        assertTrue(browser.find("#verification").getText().startsWith("Verified:"), browser.find("#verification").getText());
        assertTrue(browser.find("#diagnostics").getText().contains("Blackwell-Hodges"), text());
        assertTrue(text().contains("The protocol states no sample-size plan"), text());
        browser.screenshots("statistician-results");

        browser.driver.manage().deleteAllCookies();
        browser.signIn(locked.trial.usernames.get("INVESTIGATOR"), Api.MEMBER_PASSWORD);
        browser.open("/app/trials/" + locked.trial.id + "/results");
        assertTrue(browser.driver.findElements(By.id("verification")).isEmpty(), "the sequence is the statistician's");
        browser.driver.manage().deleteAllCookies();
        browser.signIn(locked.trial.usernames.get("ASSESSOR"), Api.MEMBER_PASSWORD);
        browser.open("/app/trials/" + locked.trial.id + "/results");
        assertTrue(browser.page().contains("Forbidden") || browser.page().contains("403"), browser.page());
    }
}
