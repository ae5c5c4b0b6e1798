package org.trialkeeper.participant;

/** A participant as follow-up counts them: who, their status, and whether their data may be used. */
public record Followed(Candidate candidate, boolean perProtocolExcluded, boolean keepData) {
}
