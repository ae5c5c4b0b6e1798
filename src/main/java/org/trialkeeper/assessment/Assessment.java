package org.trialkeeper.assessment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** One instrument at one timepoint for one participant: the answers as entered and the scores computed from them. */
@MappedEntity("assessment")
record Assessment(@Id @GeneratedValue Long id, Long trialId, Long participantId, String instrument, String timepoint,
                  String responsesJson, @Nullable Double total, String scoresJson, @Nullable String guess,
                  @Nullable Long enteredBy, Instant enteredAt, @Nullable Instant correctedAt, int version) {

    /** The answers as stored, the scores computed from them, and the assessor's guess of the arm if given. */
    record Answers(String responsesJson, @Nullable Double total, String scoresJson, @Nullable String guess) {
    }

    /** A first entry, by form or by import: version 1, not corrected. */
    static Assessment entered(long trialId, long participantId, String instrument, String timepoint, Answers answers,
                              Long enteredBy, Instant enteredAt) {
        return new Assessment(null, trialId, participantId, instrument, timepoint, answers.responsesJson(),
                answers.total(), answers.scoresJson(), answers.guess(), enteredBy, enteredAt, null, 1);
    }

    /** This assessment with corrected answers: who entered it and when stay, the version counts on. */
    Assessment corrected(Answers corrected, Instant at) {
        return new Assessment(id, trialId, participantId, instrument, timepoint, corrected.responsesJson(),
                corrected.total(), corrected.scoresJson(), corrected.guess(), enteredBy, enteredAt, at, version + 1);
    }
}
