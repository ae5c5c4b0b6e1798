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
}
