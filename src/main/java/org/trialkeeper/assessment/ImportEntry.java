package org.trialkeeper.assessment;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import org.trialkeeper.access.Actor;
import org.trialkeeper.audit.AuditEvent;
import org.trialkeeper.audit.AuditTrail;
import org.trialkeeper.participant.Candidate;
import org.trialkeeper.participant.Followed;
import org.trialkeeper.participant.ParticipantService;
import org.trialkeeper.participant.ParticipantStatus;
import org.trialkeeper.problem.ProblemCode;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.problem.Violation;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.trial.TrialService;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Entry of a whole file of assessments: all rows or none, every bad row listed before nothing is stored. */
@Singleton
public class ImportEntry {

    private final AssessmentRepository assessments;
    private final AssessmentJson json;
    private final ParticipantService participants;
    private final TrialService trials;
    private final AuditTrail audit;
    private final Clock clock;

    ImportEntry(AssessmentRepository assessments, AssessmentJson json, ParticipantService participants,
                TrialService trials, AuditTrail audit, Clock clock) {
        this.assessments = assessments;
        this.json = json;
        this.participants = participants;
        this.trials = trials;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public AssessmentService.Imported importCsv(Actor actor, long trialId, String csv) {
        Protocol protocol = trials.collecting(trialId, AssessmentService.ENTERED);
        Map<String, Long> ids = new HashMap<>();
        Map<String, ParticipantStatus> statuses = new HashMap<>();
        for (Followed followed : participants.followed(trialId)) {
            ids.put(followed.candidate().code(), followed.candidate().id());
            statuses.put(followed.candidate().code(), followed.candidate().status());
        }
        List<Violation> violations = new ArrayList<>();
        AssessmentImport.Result read = AssessmentImport.read(csv, protocol, statuses, violations);
        requireNone(violations);
        // locked, the participants cannot withdraw while their assessments are stored
        Map<Long, Candidate> locked = participants.lock(trialId, read.groups().stream()
                .map(g -> ids.get(g.participant())).collect(Collectors.toCollection(TreeSet::new)));
        List<Assessment> toSave = new ArrayList<>();
        Instant now = clock.instant();
        for (AssessmentImport.Group group : read.groups()) {
            Candidate candidate = locked.get(ids.get(group.participant()));
            refusal(candidate, group).ifPresentOrElse(violations::add, () -> toSave.add(Assessment.entered(trialId,
                    candidate.id(), group.instrument().id(), group.timepoint(),
                    json.scored(group.instrument(), group.answers(), group.guess()), actor.userId(), now)));
        }
        requireNone(violations);
        List<Assessment> saved = assessments.saveAll(toSave);
        audit.lock(trialId).recordAll(saved.stream().map(a -> AuditEvent.of(actor, trialId, "assessment.imported", "assessment",
                a.id()).after(json.auditValue(locked.get(a.participantId()).code(), a))).toList());
        return new AssessmentService.Imported(saved.size(), read.rows());
    }

    /** Why the group cannot be stored now that its participant is locked: withdrawn meanwhile, or entered already. */
    private Optional<Violation> refusal(Candidate candidate, AssessmentImport.Group group) {
        String at = "rows[" + group.firstLine() + "].";
        if (!candidate.status().acceptsAssessments()) {
            return Optional.of(new Violation(at + "participant", "withdrawn",
                    "'" + group.participant() + "' withdrew consent"));
        }
        if (assessments.existsByParticipantIdAndInstrumentAndTimepoint(candidate.id(), group.instrument().id(),
                group.timepoint())) {
            return Optional.of(new Violation(at + "instrument", "duplicate-assessment", group.instrument().id()
                    + " at " + group.timepoint() + " is already entered for '" + group.participant()
                    + "'; a change is a correction, with a reason"));
        }
        return Optional.empty();
    }

    private static void requireNone(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(ProblemCode.INVALID_IMPORT, violations);
        }
    }
}
