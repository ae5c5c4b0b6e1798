package org.trialkeeper.harms;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import org.trialkeeper.access.Actor;
import org.trialkeeper.audit.AuditEvent;
import org.trialkeeper.audit.AuditTrail;
import org.trialkeeper.participant.Candidate;
import org.trialkeeper.participant.ParticipantService;
import org.trialkeeper.problem.ProblemCode;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.randomisation.AllocationTimes;
import org.trialkeeper.trial.TrialService;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Adverse events of randomised participants, recorded and corrected by coordinators while the
 * trial collects data. Every change is audited as revealing the allocation: an event and its
 * relatedness to the intervention often tell the arm.
 */
@Singleton
public class HarmsService {

    private final TrialService trials;
    private final ParticipantService participants;
    private final AllocationTimes allocationTimes;
    private final AdverseEventRepository events;
    private final AuditTrail audit;
    private final Clock clock;

    HarmsService(TrialService trials, ParticipantService participants, AllocationTimes allocationTimes,
                 AdverseEventRepository events, AuditTrail audit, Clock clock) {
        this.trials = trials;
        this.participants = participants;
        this.allocationTimes = allocationTimes;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    AdverseEventView record(Actor actor, long trialId, long participantId, AdverseEventRequest request) {
        trials.collecting(trialId, "Adverse events are recorded");
        AdverseEventCheck.Checked event = AdverseEventCheck.check(request, today(), false);
        Candidate candidate = lockRandomised(trialId, participantId, event);
        AdverseEvent saved = events.save(AdverseEvent.recorded(trialId, participantId, event, actor.userId(),
                clock.instant()));
        AdverseEventView view = AdverseEventView.of(saved, candidate.code());
        audit.record(AuditEvent.of(actor, trialId, "adverse-event.recorded", "adverse-event", saved.id())
                .after(view).revealingAllocation());
        return view;
    }

    /** A correction keeps nothing of the earlier values but the audit trail's record of them. */
    @Transactional
    AdverseEventView correct(Actor actor, long trialId, long participantId, long eventId, AdverseEventRequest request) {
        trials.collecting(trialId, "Adverse events are corrected");
        AdverseEventCheck.Checked event = AdverseEventCheck.check(request, today(), true);
        Candidate candidate = lockRandomised(trialId, participantId, event);
        AdverseEvent before = events.findByIdAndTrialIdAndParticipantIdForUpdate(eventId, trialId, participantId)
                .orElseThrow(() -> ProblemException.notFound("Adverse event", eventId));
        AdverseEvent after = events.update(before.corrected(event, clock.instant()));
        AdverseEventView view = AdverseEventView.of(after, candidate.code());
        audit.record(AuditEvent.of(actor, trialId, "adverse-event.corrected", "adverse-event", eventId)
                .before(AdverseEventView.of(before, candidate.code())).after(view)
                .because(request.reason().strip()).revealingAllocation());
        return view;
    }

    @Transactional
    List<AdverseEventView> list(long trialId, long participantId) {
        String code = participants.candidate(trialId, participantId).code();
        return events.findByTrialIdAndParticipantIdOrderById(trialId, participantId).stream()
                .map(event -> AdverseEventView.of(event, code)).toList();
    }

    /** One adverse event as a report counts it. */
    public record Reported(long participantId, boolean serious, String severity, String relatedness) {
    }

    /** Every adverse event of the trial, oldest first, in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Reported> reported(long trialId) {
        return events.findByTrialIdOrderById(trialId).stream().map(event -> new Reported(event.participantId(),
                event.serious(), event.severity().code(), event.relatedness().code())).toList();
    }

    /** The severities' codes, mildest first. */
    public static List<String> severities() {
        return Coded.codes(Severity.class);
    }

    /** The relatedness codes, from not related to definite. */
    public static List<String> relatedness() {
        return Coded.codes(Relatedness.class);
    }

    private Candidate lockRandomised(long trialId, long participantId, AdverseEventCheck.Checked event) {
        Candidate candidate = participants.lock(trialId, participantId);
        if (!candidate.status().randomised()) {
            throw new ProblemException(ProblemCode.NOT_RANDOMISED,
                    "Adverse events are recorded for randomised participants only");
        }
        LocalDate randomisedOn = LocalDate.ofInstant(allocationTimes.of(trialId).get(participantId), ZoneOffset.UTC);
        if (event.onset().isBefore(randomisedOn)) {
            throw ProblemException.invalidRequest("onset", "before-randomisation",
                    "must not be before the participant's randomisation, " + randomisedOn);
        }
        return candidate;
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }
}
