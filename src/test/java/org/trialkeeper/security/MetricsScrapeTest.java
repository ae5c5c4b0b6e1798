package org.trialkeeper.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.support.Api;
import org.trialkeeper.support.RecruitingTrial;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The administrator scrapes the service's meters in the Prometheus format; nobody else can. */
@MicronautTest(transactional = false)
class MetricsScrapeTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void theAdministratorScrapesRandomisationsSignInsPoolAndOutageMeters() {
        RecruitingTrial trial = new RecruitingTrial(http, ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, Api.unique("metrics")));
        trial.randomise(trial.enrol("M-1", "female"), "key-metrics-0001");
        assertThrows(HttpClientResponseException.class, () -> Api.login(http.toBlocking(), "admin", "not-the-password"));

        String scrape = http.toBlocking().retrieve(HttpRequest.GET("/prometheus").bearerAuth(trial.admin.token()));

        List<String> expected = List.of(
                "trialkeeper_randomisations_seconds_count{outcome=\"allocated\",trial=\"" + trial.id + "\"} 1",
                "trialkeeper_allocation_lock_wait_seconds_count",
                "trialkeeper_sign_ins_total{outcome=\"signed-in\"}",
                "trialkeeper_sign_ins_total{outcome=\"refused\"}",
                "trialkeeper_database_unreachable 0",
                "hikaricp_connections_pending",
                "http_server_requests_seconds_count");
        for (String meter : expected) {
            assertTrue(scrape.contains(meter), meter + " missing from the scrape");
        }
    }

    @Test
    void aReportIsTimed() {
        RecruitingTrial trial = new RecruitingTrial(http, ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, Api.unique("metrics-report")));
        http.toBlocking().retrieve(HttpRequest.GET(trial.path("/reports/consort.json")).bearerAuth(trial.investigator.token()));

        String scrape = http.toBlocking().retrieve(HttpRequest.GET("/prometheus").bearerAuth(trial.admin.token()));

        assertTrue(scrape.contains("trialkeeper_reports_seconds_count{report=\"consort.json\"}"), scrape);
    }

    @Test
    void nobodyButTheAdministratorReadsTheMeters() {
        Api admin = Api.admin(http);
        String member = Api.unique("metrics-member");
        admin.createMember(member);

        assertEquals(HttpStatus.UNAUTHORIZED, refusal(HttpRequest.GET("/prometheus")).getStatus());
        HttpClientResponseException forbidden = refusal(HttpRequest.GET("/prometheus").bearerAuth(Api.as(http, member).token()));
        assertEquals(HttpStatus.FORBIDDEN, forbidden.getStatus());
        assertEquals("urn:trialkeeper:problem:forbidden", forbidden.getResponse().getBody(Map.class).orElseThrow().get("type"));
    }

    private HttpClientResponseException refusal(MutableHttpRequest<?> request) {
        return assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(request, String.class));
    }
}
