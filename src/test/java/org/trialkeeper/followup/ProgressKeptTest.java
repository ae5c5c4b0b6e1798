package org.trialkeeper.followup;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.trialkeeper.support.RecruitingTrial;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Progress is counted once for each state of the trial and shared by its readers: a reader
 * always sees what was recorded before it asked, readers at once all get the same count, and
 * one who may not see arms gets it pooled.
 */
@MicronautTest(transactional = false)
class ProgressKeptTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void eachReaderSeesEverythingRecordedBeforeItAsked() {
        RecruitingTrial trial = RecruitingTrial.ofSize(http, "progresskept", 30);
        for (int i = 0; i < 4; i++) {
            long id = trial.enrol("K-" + i, i % 2 == 0 ? "female" : "male");
            assertEquals(i + 1, recruitment(trial).get("screened"));
            assertEquals(i, recruitment(trial).get("randomised"));
            trial.randomise(id, "key-kept-" + i);
            assertEquals(i + 1, recruitment(trial).get("randomised"), "a randomisation is counted by the next read");
        }
        trial.screen("K-out", "female", false, "given");
        assertEquals(1, recruitment(trial).get("ineligible"));
        trial.move("FOLLOW_UP");
        assertEquals("FOLLOW_UP", trial.coordinator.retrieve(HttpRequest.GET(trial.path("/progress")), Map.class)
                .get("trialStatus"), "a change of status is a new state");
    }

    @Test
    void readersAtOnceGetOneCountAndTheBlindedGetItPooled() throws Exception {
        RecruitingTrial trial = RecruitingTrial.ofSize(http, "progressshared", 30);
        for (long id : trial.enrolAll("S-", 6)) {
            trial.randomise(id, "key-shared-" + id);
        }
        List<CompletableFuture<Map>> readers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            readers.add(CompletableFuture.supplyAsync(
                    () -> trial.coordinator.retrieve(HttpRequest.GET(trial.path("/progress")), Map.class)));
        }
        Map<?, ?> first = readers.get(0).get();
        for (CompletableFuture<Map> reader : readers) {
            assertEquals(first, reader.get());
        }
        assertEquals(true, first.get("byArm"));
        List<?> arms = (List<?>) first.get("arms");
        assertEquals(2, arms.size());
        Map<?, ?> pooled = trial.investigator.retrieve(HttpRequest.GET(trial.path("/progress")), Map.class);
        assertEquals(false, pooled.get("byArm"));
        assertNull(pooled.get("arms"));
        assertFalse(pooled.containsKey("arms"), "nothing by arm reaches a reader who may not see arms");
        assertEquals(first.get("overall"), pooled.get("overall"));
        assertTrue(((Map<?, ?>) pooled.get("recruitment")).get("randomised").equals(6));
    }

    private static Map<?, ?> recruitment(RecruitingTrial trial) {
        return (Map<?, ?>) trial.investigator.retrieve(HttpRequest.GET(trial.path("/progress")), Map.class).get("recruitment");
    }
}
