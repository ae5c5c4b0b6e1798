package org.trialkeeper.participant;

import java.time.Instant;

/** A participant as follow-up counts them: who, their status, and whether their data may be used. */
public record Followed(Candidate candidate, Instant screenedAt, boolean perProtocolExcluded, boolean keepData) {
}
