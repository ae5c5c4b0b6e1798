package org.trialkeeper.database;

import io.micronaut.context.annotation.Property;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.trialkeeper.support.RecruitingTrial;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every pooled connection is in use while the database runs: a request that gets none in time
 * is answered 503 {@code busy} with Retry-After, not {@code unavailable}, and the service does
 * not take the database for unreachable; once connections come free, requests are served again.
 */
@MicronautTest(transactional = false)
@Property(name = "datasources.default.maximum-pool-size", value = "3")
@Property(name = "datasources.default.connection-timeout", value = "400")
class BusyPoolTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    DataSource dataSource;

    @Inject
    ConnectionPool pool;

    @Test
    void aRequestThatGetsNoConnectionInTimeIsToldTheServiceIsBusyNotThatTheDatabaseIsGone() throws Exception {
        RecruitingTrial trial = RecruitingTrial.ofSize(http, "busy", 30);
        long participant = trial.enrol("B-1", "female");
        DataSource hikari = dataSource instanceof DelegatingDataSource d ? d.getTargetDataSource() : dataSource;
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                held.add(hikari.getConnection());
            }
            for (Runnable request : List.<Runnable>of(
                    () -> trial.coordinator.retrieve(HttpRequest.GET(trial.path("/participants"))),
                    () -> trial.randomise(participant, "key-busy-1"))) {
                HttpClientResponseException refused = assertThrows(HttpClientResponseException.class, request::run);
                assertEquals(HttpStatus.SERVICE_UNAVAILABLE, refused.getStatus());
                assertEquals("1", refused.getResponse().getHeaders().get("Retry-After"));
                Map<?, ?> problem = refused.getResponse().getBody(Map.class).orElseThrow();
                assertEquals("urn:trialkeeper:problem:busy", problem.get("type"), problem::toString);
                assertTrue(problem.get("detail").toString().contains("busy"), problem::toString);
                assertFalse(problem.get("detail").toString().contains("cannot be reached"), problem::toString);
            }
            assertFalse(pool.unreachable(), "a full pool is not an unreachable database");
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
        assertEquals(1, trial.randomise(participant, "key-busy-1").get("number"),
                "served once connections are free, the retried key made once");
    }
}
