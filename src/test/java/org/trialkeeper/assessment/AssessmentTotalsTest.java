package org.trialkeeper.assessment;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.support.Api;
import org.trialkeeper.support.RecruitingTrial;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The totals reports of totals read: one row per participant, streamed from the database. */
@MicronautTest(transactional = false)
class AssessmentTotalsTest {

    private static final List<String[]> WANTED = List.of(new String[] {"post", "QWL"}, new String[] {"baseline", "QWL"},
            new String[] {"baseline", "CDRISC"});

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    AssessmentService assessments;

    @Test
    void aMissingTotalStaysMissingAndTheEarliestGuessCountsWhenThePrimaryAssessmentHasNone() {
        RecruitingTrial trial = new RecruitingTrial(http, ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, Api.unique("totals")));
        long participant = trial.enrol("N-1", "female");
        trial.randomise(participant, "key-n1-totals");
        List<Object> mostlyUnanswered = new ArrayList<>(Collections.nCopies(35, null));
        mostlyUnanswered.set(0, 3);
        enter(trial, participant, "QWL", "baseline", mostlyUnanswered, "control");
        enter(trial, participant, "CDRISC", "baseline", new ArrayList<>(Collections.nCopies(25, 2)), "intervention");

        AssessmentService.Totals totals = totals(trial).get(participant);
        assertNull(totals.values()[0], "no post-test yet");
        assertNull(totals.values()[1], "a total the scoring left missing is read as missing, not as 0");
        assertEquals(50.0, totals.values()[2]);
        assertEquals("control", totals.guess(), "the guess of the earliest assessment, not the greatest code");

        enter(trial, participant, "QWL", "post", new ArrayList<>(Collections.nCopies(35, 3)), "dont-know");
        assertEquals("dont-know", totals(trial).get(participant).guess(),
                "the guess given with the primary outcome's assessment counts first");
    }

    private Map<Long, AssessmentService.Totals> totals(RecruitingTrial trial) {
        Map<Long, AssessmentService.Totals> read = new HashMap<>();
        assessments.totals(trial.id, WANTED, read::put);
        return read;
    }

    private static void enter(RecruitingTrial trial, long participant, String instrument, String timepoint,
                              List<Object> responses, String guess) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("instrument", instrument);
        body.put("timepoint", timepoint);
        body.put("responses", responses);
        body.put("guess", guess);
        trial.assessor.retrieve(HttpRequest.POST(trial.path("/participants/" + participant + "/assessments"), body),
                Map.class);
    }
}
