package org.trialkeeper.participant;

import java.util.Map;

/** What randomisation needs of a participant: who, where, and the categorical characteristics. */
public record Candidate(long id, String code, String site, ParticipantStatus status, Map<String, String> categories) {
}
