package org.trialkeeper.assessment;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import org.trialkeeper.access.Actor;
import org.trialkeeper.audit.AuditEvent;
import org.trialkeeper.audit.AuditTrail;
import org.trialkeeper.participant.Candidate;
import org.trialkeeper.participant.ParticipantService;
import org.trialkeeper.problem.ProblemCode;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.problem.Violation;
import org.trialkeeper.protocol.Instrument;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.reads.Page;
import org.trialkeeper.trial.TrialService;

import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Blinded entry of outcome questionnaires, and the assessments as reports read them. Everything
 * here is answered without knowing the arm: the only fact of randomisation it reads is when it
 * happened, for the due dates.
 */
@Singleton
public class AssessmentService {

    /** What is refused while the trial is not collecting data. */
    static final String ENTERED = "Assessments are entered";

    private final AssessmentRepository assessments;
    private final AssessmentJson json;
    private final TotalsQuery totals;
    private final ScoresQuery scorecards;
    private final ParticipantService participants;
    private final TrialService trials;
    private final WorklistQuery worklists;
    private final AuditTrail audit;
    private final Clock clock;

    AssessmentService(AssessmentRepository assessments, AssessmentJson json, TotalsQuery totals,
                      ScoresQuery scorecards, ParticipantService participants, TrialService trials, WorklistQuery worklists,
                      AuditTrail audit, Clock clock) {
        this.assessments = assessments;
        this.json = json;
        this.totals = totals;
        this.scorecards = scorecards;
        this.participants = participants;
        this.trials = trials;
        this.worklists = worklists;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public AssessmentView enter(Actor actor, long trialId, long participantId, AssessmentRequest request) {
        Protocol protocol = trials.collecting(trialId, ENTERED);
        List<Violation> violations = new ArrayList<>();
        Instrument instrument = Responses.instrumentAt(protocol, request.instrument(), request.timepoint(),
                "instrument", "timepoint", violations).orElse(null);
        List<Integer> answers = instrument == null ? null
                : Responses.answers(instrument, request.responses(), "responses", violations);
        String guess = Responses.guess(request.guess(), violations);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(ProblemCode.INVALID_ASSESSMENT, violations);
        }
        Candidate candidate = participants.lock(trialId, participantId);
        requireAccepting(candidate);
        if (assessments.existsByParticipantIdAndInstrumentAndTimepoint(participantId, instrument.id(), request.timepoint())) {
            throw duplicate(instrument.id(), request.timepoint());
        }
        Assessment saved = save(Assessment.entered(trialId, participantId, instrument.id(), request.timepoint(),
                json.scored(instrument, answers, guess), actor.userId(), clock.instant()));
        audit.record(AuditEvent.of(actor, trialId, "assessment.entered", "assessment", saved.id())
                .after(json.auditValue(candidate.code(), saved)));
        return json.view(saved, candidate.code());
    }

    @Transactional
    public AssessmentView correct(Actor actor, long trialId, long participantId, long assessmentId, CorrectionRequest request) {
        Protocol protocol = trials.collecting(trialId, ENTERED);
        Candidate candidate = participants.lock(trialId, participantId);
        Assessment before = assessments.findByIdAndParticipantIdAndTrialId(assessmentId, participantId, trialId)
                .orElseThrow(() -> ProblemException.notFound("Assessment", assessmentId));
        Instrument instrument = protocol.instrument(before.instrument())
                .orElseThrow(() -> new IllegalStateException("instrument " + before.instrument() + " left the protocol"));
        List<Violation> violations = new ArrayList<>();
        List<Integer> answers = Responses.answers(instrument, request.responses(), "responses", violations);
        String guess = request.guess() == null ? before.guess() : Responses.guess(request.guess(), violations);
        String reason = request.reason();
        if (reason == null || reason.isBlank() || reason.length() > 2000) {
            violations.add(new Violation("reason", reason == null || reason.isBlank() ? "required" : "max-length",
                    "a correction needs a reason of at most 2000 characters"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(ProblemCode.INVALID_CORRECTION, violations);
        }
        Assessment after = assessments.update(before.corrected(json.scored(instrument, answers, guess), clock.instant()));
        audit.record(AuditEvent.of(actor, trialId, "assessment.corrected", "assessment", before.id())
                .before(json.auditValue(candidate.code(), before)).after(json.auditValue(candidate.code(), after))
                .because(reason.strip()));
        return json.view(after, candidate.code());
    }

    @Transactional
    public List<AssessmentView> list(long trialId, long participantId) {
        String code = participants.candidate(trialId, participantId).code();
        return assessments.findByTrialIdAndParticipantIdOrderById(trialId, participantId).stream()
                .map(a -> json.view(a, code)).toList();
    }

    /** One assessment as entered, with its scores, for reports and exports. */
    public record Entered(long participantId, String instrument, String timepoint, List<Integer> responses,
                          Scoring.Scores scores, String guess, Instant enteredAt) {
    }

    /** Every assessment of the trial, oldest first. */
    @Transactional
    public List<Entered> all(long trialId) {
        return assessments.findByTrialIdOrderById(trialId).stream().map(a -> new Entered(a.participantId(),
                a.instrument(), a.timepoint(), json.responses(a), json.scores(a), a.guess(), a.enteredAt())).toList();
    }

    /** When the last assessment after baseline was entered: the trial's last follow-up, or null before any. */
    @Transactional
    public Instant lastFollowUp(long trialId, String baselineTimepoint) {
        return assessments.findMaxEnteredAtByTrialIdAndTimepointNotEqual(trialId, baselineTimepoint);
    }

    /** One assessment's scores and guess, for reports. */
    public record Scored(long participantId, String instrument, String timepoint, Double total,
                         Map<String, Scoring.Score> subscales, String guess) {
    }

    /** Every assessment's scores, subscales too; each costs a parse, so reports of totals use {@link #totals}. */
    @Transactional
    public List<Scored> scores(long trialId) {
        return assessments.findByTrialIdOrderById(trialId).stream().map(a -> new Scored(a.participantId(),
                a.instrument(), a.timepoint(), a.total(), json.scores(a).subscales(), a.guess())).toList();
    }

    /** One assessment's total and subscales as the protocol's rules scored them, for exports. */
    public record Scorecard(long participantId, String timepoint, String instrument, Scoring.Scores scores) {
    }

    /**
     * Every assessment's scores in participant order, then in order of entry, streamed to
     * {@code each}, which must not use the database.
     */
    @Transactional
    public void scorecards(long trialId, Consumer<Scorecard> each) {
        scorecards.scores(trialId, each);
    }

    /** One participant's totals, in the order asked for (null where there is none), and their guess. */
    public record Totals(Double[] values, String guess) {
    }

    /**
     * The totals of the given (timepoint, instrument) pairs for every participant with any
     * assessment, in participant order, streamed to {@code each}, which must not use the
     * database. The guess is the one given with the first pair's assessment, else the earliest entered.
     */
    @Transactional
    public void totals(long trialId, List<String[]> wanted, BiConsumer<Long, Totals> each) {
        totals.totals(trialId, wanted, each);
    }

    /** Which instruments are entered for each participant of the trial, as "timepoint/instrument", by participant id. */
    @Transactional
    public Map<Long, Set<String>> entered(long trialId) {
        return worklists.entered(trialId);
    }

    /** Which instruments are entered for one participant, as "timepoint/instrument". */
    @Transactional
    public Set<String> entered(long trialId, long participantId) {
        Set<String> entered = new TreeSet<>();
        assessments.findByTrialIdAndParticipantIdOrderById(trialId, participantId)
                .forEach(a -> entered.add(a.timepoint() + "/" + a.instrument()));
        return entered;
    }

    /** What an import stored. */
    @Serdeable
    public record Imported(int assessments, long rows) {
    }

    /**
     * Who may still be assessed, by code, after {@code afterCode} ("" from the first), with each
     * timepoint's due date (weeks from randomisation) and the instruments done and to do.
     */
    @Transactional
    public Page<WorklistEntry> worklist(long trialId, String afterCode, int limit) {
        Protocol protocol = trials.protocol(trialId);
        List<WorklistQuery.Assessable> assessable = worklists.page(trialId, afterCode, limit + 1);
        Map<Long, Set<String>> done = worklists.entered(trialId,
                assessable.stream().map(WorklistQuery.Assessable::participantId).toList());
        return Page.of(Worklist.of(protocol, assessable, done), limit, WorklistEntry::code);
    }

    /** Two entries of one assessment at once: the unique key lets exactly one through. */
    private Assessment save(Assessment entered) {
        try {
            return assessments.save(entered);
        } catch (DataAccessException e) {
            if (e.getCause() instanceof SQLIntegrityConstraintViolationException) {
                throw duplicate(entered.instrument(), entered.timepoint());
            }
            throw e;
        }
    }

    private static void requireAccepting(Candidate candidate) {
        if (!candidate.status().randomised()) {
            throw new ProblemException(ProblemCode.NOT_RANDOMISED,
                    "Assessments are entered for randomised participants only");
        }
        if (!candidate.status().acceptsAssessments()) {
            throw new ProblemException(ProblemCode.WITHDRAWN,
                    "This participant withdrew consent; no further assessments are entered");
        }
    }

    private static ProblemException duplicate(String instrument, String timepoint) {
        return new ProblemException(ProblemCode.DUPLICATE_ASSESSMENT,
                instrument + " at " + timepoint + " is already entered for this participant; a change is a correction (PUT), with a reason");
    }
}
