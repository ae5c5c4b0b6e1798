package org.trialkeeper.assessment;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.trialkeeper.protocol.Instrument;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An assessment's answers and scores, stored as JSON, and read back for views and the audit trail. */
@Singleton
class AssessmentJson {

    private static final Argument<List<Integer>> ANSWERS = Argument.listOf(Integer.class);
    private static final Argument<Scoring.Scores> SCORES = Argument.of(Scoring.Scores.class);

    private final JsonMapper json;

    AssessmentJson(JsonMapper json) {
        this.json = json;
    }

    /** Scores the answers, one per item (null where unanswered), and keeps them with the guess. */
    Assessment.Answers scored(Instrument instrument, List<Integer> answers, String guess) {
        Scoring.Scores scores = Scoring.score(instrument, Responses.byItem(answers));
        return new Assessment.Answers(write(answers), scores.total().value(), write(scores), guess);
    }

    List<Integer> responses(Assessment assessment) {
        return read(assessment.responsesJson(), ANSWERS);
    }

    Scoring.Scores scores(Assessment assessment) {
        return scores(assessment.scoresJson());
    }

    Scoring.Scores scores(String scoresJson) {
        return read(scoresJson, SCORES);
    }

    AssessmentView view(Assessment assessment, String code) {
        Scoring.Scores scores = scores(assessment);
        return new AssessmentView(assessment.id(), assessment.participantId(), code, assessment.instrument(),
                assessment.timepoint(), responses(assessment), scores.total(), scores.subscales(),
                assessment.guess(), assessment.enteredAt(), assessment.correctedAt(), assessment.version());
    }

    /** What the audit trail keeps of an assessment: whose, which, the answers, the total and the guess. */
    Map<String, Object> auditValue(String code, Assessment assessment) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("participant", code);
        value.put("instrument", assessment.instrument());
        value.put("timepoint", assessment.timepoint());
        value.put("responses", responses(assessment));
        value.put("total", assessment.total());
        value.put("guess", assessment.guess());
        return value;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T read(String text, Argument<T> type) {
        try {
            return json.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
