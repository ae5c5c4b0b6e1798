package org.trialkeeper.web;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.trialkeeper.support.Api;
import org.trialkeeper.support.RecruitingTrial;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The assessor imports a CSV file on its page: a file with a bad row is refused whole, naming the row; a good one is stored. */
@MicronautTest(transactional = false)
class ImportPageBrowserTest extends PagesInABrowser {

    @Inject
    @Client("/")
    HttpClient http;

    private static Path csv(String code, int badItem) throws IOException {
        StringBuilder rows = new StringBuilder("participant,timepoint,instrument,item,value,guess\n");
        for (int item = 1; item <= 25; item++) {
            rows.append(code).append(",baseline,CDRISC,").append(item).append(',').append(item == badItem ? 9 : 2)
                    .append(",dont-know\n");
        }
        Path file = Files.createTempFile("assessments", ".csv");
        Files.writeString(file, rows);
        return file;
    }

    @Test
    void aFileWithABadRowIsRefusedWholeNamingTheRowAndAGoodFileIsStored() throws IOException {
        RecruitingTrial trial = RecruitingTrial.ofSize(http, "pages-import", 30);
        long id = trial.enrol("I-1", "female");
        trial.randomise(id, "pages-import-1");
        browser.signIn(trial.usernames.get("ASSESSOR"), Api.MEMBER_PASSWORD);
        browser.open("/app/trials/" + trial.id);
        browser.find("#import-link").click();

        browser.find("#file").sendKeys(csv("I-1", 7).toAbsolutePath().toString());
        browser.find("#import button.primary").click();
        assertTrue(shows("Please correct the following"), text());
        assertTrue(text().contains("rows[8].value"), "row 8 (the header is row 1) holds item 7: " + text());
        browser.screenshots("assessor-import-refused");
        assertEquals(List.of(), trial.assessor.retrieve(HttpRequest.GET(trial.path("/participants/" + id + "/assessments")),
                Argument.listOf(Map.class)), "nothing of a refused file is stored");

        browser.find("#file").sendKeys(csv("I-1", 0).toAbsolutePath().toString());
        browser.find("#import button.primary").click();
        assertTrue(shows("id=\"imported\""), text());
        assertEquals("1", browser.find("#imported strong").getText());
        List<Map> stored = trial.assessor.retrieve(HttpRequest.GET(trial.path("/participants/" + id + "/assessments")),
                Argument.listOf(Map.class));
        assertEquals(50.0, ((Number) ((Map<?, ?>) stored.get(0).get("total")).get("value")).doubleValue());
        browser.screenshots("assessor-import");
    }
}
