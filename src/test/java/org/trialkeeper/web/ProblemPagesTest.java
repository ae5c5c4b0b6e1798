package org.trialkeeper.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.support.Api;
import org.trialkeeper.support.RecruitingTrial;
import org.trialkeeper.support.Sessions;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A browser refused a page gets an HTML page with the same status; other clients keep problem+json. */
@MicronautTest(transactional = false)
class ProblemPagesTest {

    private static final Pattern TITLE = Pattern.compile("\"title\":\"([^\"]+)\"");

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    DataSource dataSource;

    @Test
    void aRefusedOrMissingPageIsAnHtmlPageForABrowserAndProblemJsonForAnyOtherClient() {
        RecruitingTrial trial = new RecruitingTrial(http, ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, Api.unique("pages")));
        String username = Api.unique("outsider");
        Api.admin(http).createMember(username);
        Instant now = Instant.now();
        String session = Sessions.sign(username, Sessions.account(dataSource, username), "sign-in-pages",
                now.minus(Duration.ofMinutes(1)), now.plus(Duration.ofMinutes(10)));

        for (String path : List.of("/app/trials/" + trial.id, "/app/trials/" + trial.id + "/participants/1/unblinding",
                "/app/no-such-page")) {
            HttpResponse<String> asJson = Sessions.send(http, HttpRequest.GET(path).header("Accept", "*/*"), session);
            HttpResponse<String> asPage = Sessions.send(http, HttpRequest.GET(path)
                    .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"), session);
            int status = asJson.getStatus().getCode();
            assertTrue(status == 403 || status == 404, path + " " + status);
            assertTrue(asJson.getContentType().orElseThrow().toString().startsWith("application/problem+json"), path);
            Matcher title = TITLE.matcher(asJson.getBody().orElseThrow());
            assertTrue(title.find(), asJson.getBody().orElseThrow());

            assertEquals(status, asPage.getStatus().getCode(), path);
            assertTrue(asPage.getContentType().orElseThrow().toString().startsWith("text/html"), path);
            String page = asPage.getBody().orElseThrow();
            assertTrue(page.startsWith("<!DOCTYPE html>"), page);
            assertTrue(page.contains("<h1>" + title.group(1) + "</h1>"), page);
            assertTrue(page.contains("Back to your trials"), page);
            assertFalse(page.contains("urn:trialkeeper:problem") || page.contains("<script>"), page);
            assertTrue(asPage.getHeaders().get("Content-Security-Policy", String.class).isPresent(), "the pages' policy applies");
        }
    }
}
