package org.trialkeeper.assessment;

import io.micronaut.core.type.Argument;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import org.trialkeeper.audit.AuditEvent;
import org.trialkeeper.audit.AuditTrail;
import org.trialkeeper.participant.Candidate;
import org.trialkeeper.participant.Followed;
import org.trialkeeper.participant.ParticipantService;
import org.trialkeeper.participant.ParticipantStatus;
import org.trialkeeper.problem.ProblemCode;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.problem.Violation;
import org.trialkeeper.protocol.Instrument;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.protocol.Timepoint;
import org.trialkeeper.randomisation.AllocationTimes;
import org.trialkeeper.access.Actor;
import org.trialkeeper.trial.TrialService;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Blinded entry of outcome questionnaires. Everything here is answered without knowing the
 * arm: the only fact of randomisation it reads is when it happened, for the due dates.
 */
@Singleton
public class AssessmentService {

    private static final Argument<List<Integer>> ANSWERS = Argument.listOf(Integer.class);

    private final AssessmentRepository assessments;
    private final ParticipantService participants;
    private final TrialService trials;
    private final AllocationTimes allocationTimes;
    private final AuditTrail audit;
    private final JsonMapper json;
    private final JdbcOperations jdbc;
    private final Clock clock;

    AssessmentService(AssessmentRepository assessments, ParticipantService participants, TrialService trials,
                      AllocationTimes allocationTimes, AuditTrail audit, JsonMapper json, JdbcOperations jdbc, Clock clock) {
        this.assessments = assessments;
        this.participants = participants;
        this.trials = trials;
        this.allocationTimes = allocationTimes;
        this.audit = audit;
        this.json = json;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional
    public AssessmentView enter(Actor actor, long trialId, long participantId, AssessmentRequest request) {
        Protocol protocol = collecting(trialId);
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
        Scoring.Scores scores = Scoring.score(instrument, Responses.byItem(answers));
        Assessment saved;
        try {
            saved = assessments.save(new Assessment(null, trialId, participantId, instrument.id(), request.timepoint(),
                    write(answers), scores.total().value(), write(scores), guess, actor.userId(), clock.instant(),
                    null, 1));
        } catch (DataAccessException e) {
            if (e.getCause() instanceof SQLIntegrityConstraintViolationException) {
                throw duplicate(instrument.id(), request.timepoint());
            }
            throw e;
        }
        audit.record(AuditEvent.of(actor, trialId, "assessment.entered", "assessment", saved.id())
                .after(auditValue(candidate.code(), saved)));
        return view(saved, candidate.code());
    }

    @Transactional
    AssessmentView correct(Actor actor, long trialId, long participantId, long assessmentId, CorrectionRequest request) {
        Protocol protocol = collecting(trialId);
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
        Scoring.Scores scores = Scoring.score(instrument, Responses.byItem(answers));
        Assessment after = assessments.update(new Assessment(before.id(), trialId, participantId, before.instrument(),
                before.timepoint(), write(answers), scores.total().value(), write(scores), guess, before.enteredBy(),
                before.enteredAt(), clock.instant(), before.version() + 1));
        audit.record(AuditEvent.of(actor, trialId, "assessment.corrected", "assessment", before.id())
                .before(auditValue(candidate.code(), before)).after(auditValue(candidate.code(), after)).because(reason.strip()));
        return view(after, candidate.code());
    }

    @Transactional
    public List<AssessmentView> list(long trialId, long participantId) {
        String code = participants.candidate(trialId, participantId).code();
        return assessments.findByTrialIdAndParticipantIdOrderById(trialId, participantId).stream()
                .map(a -> view(a, code)).toList();
    }

    /** One assessment as entered, with its scores, for reports and exports. */
    public record Entered(long participantId, String instrument, String timepoint, List<Integer> responses,
                          Scoring.Scores scores, String guess, Instant enteredAt) {
    }

    /** Every assessment of the trial, oldest first. */
    @Transactional
    public List<Entered> all(long trialId) {
        return assessments.findByTrialIdOrderById(trialId).stream().map(a -> new Entered(a.participantId(),
                a.instrument(), a.timepoint(), read(a.responsesJson(), ANSWERS),
                read(a.scoresJson(), Argument.of(Scoring.Scores.class)), a.guess(), a.enteredAt())).toList();
    }

    /** One assessment's scores and guess, for reports. */
    public record Scored(long participantId, String instrument, String timepoint, Double total,
                         Map<String, Scoring.Score> subscales, String guess) {
    }

    /** Every assessment's scores, subscales too; each costs a parse, so reports of totals use {@link #totals}. */
    @Transactional
    public List<Scored> scores(long trialId) {
        return assessments.findByTrialIdOrderById(trialId).stream().map(a -> new Scored(a.participantId(),
                a.instrument(), a.timepoint(), a.total(), read(a.scoresJson(), Argument.of(Scoring.Scores.class))
                .subscales(), a.guess())).toList();
    }

    /** One participant's totals, in the order asked for (null where there is none), and their guess. */
    public record Totals(Double[] values, String guess) {
    }

    /**
     * The totals of the given (timepoint, instrument) pairs for every participant with any
     * assessment, grouped by the database: one row per participant however many assessments
     * there are. The guess is the one given with the first pair's assessment, else any other.
     */
    @Transactional
    public Map<Long, Totals> totals(long trialId, List<String[]> wanted) {
        StringBuilder sql = new StringBuilder("SELECT participant_id");
        for (int i = 0; i <= wanted.size(); i++) {
            sql.append(", MAX(CASE WHEN timepoint = ? AND instrument = ? THEN ").append(i < wanted.size() ? "total" : "guess")
                    .append(" END)");
        }
        sql.append(", MAX(guess) FROM assessment WHERE trial_id = ? GROUP BY participant_id");
        return jdbc.prepareStatement(sql.toString(), statement -> {
            int parameter = 1;
            for (int i = 0; i <= wanted.size(); i++) {
                String[] pair = i < wanted.size() ? wanted.get(i) : wanted.get(0);
                statement.setString(parameter++, pair[0]);
                statement.setString(parameter++, pair[1]);
            }
            statement.setLong(parameter, trialId);
            Map<Long, Totals> totals = new HashMap<>();
            try (java.sql.ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Double[] values = new Double[wanted.size()];
                    for (int i = 0; i < values.length; i++) {
                        double value = rows.getDouble(i + 2);
                        values[i] = rows.wasNull() ? null : value;
                    }
                    String guess = rows.getString(wanted.size() + 2);
                    totals.put(rows.getLong(1), new Totals(values, guess != null ? guess : rows.getString(wanted.size() + 3)));
                }
            }
            return totals;
        });
    }

    /** Which instruments are entered for each participant of the trial, as "timepoint/instrument", by participant id. */
    @Transactional
    public Map<Long, Set<String>> entered(long trialId) {
        Map<Long, Set<String>> entered = new HashMap<>();
        for (Assessment assessment : assessments.findByTrialIdOrderById(trialId)) {
            entered.computeIfAbsent(assessment.participantId(), id -> new TreeSet<>())
                    .add(assessment.timepoint() + "/" + assessment.instrument());
        }
        return entered;
    }

    /** Which instruments are entered for one participant, as "timepoint/instrument". */
    @Transactional
    public Set<String> entered(long trialId, long participantId) {
        Set<String> entered = new TreeSet<>();
        assessments.findByTrialIdAndParticipantIdOrderById(trialId, participantId)
                .forEach(a -> entered.add(a.timepoint() + "/" + a.instrument()));
        return entered;
    }

    /**
     * Everyone who may still be assessed, by code, with each timepoint's due date (weeks from
     * randomisation) and the instruments done and to do.
     */
    @Transactional
    public List<WorklistEntry> worklist(long trialId) {
        Protocol protocol = trials.protocol(trialId);
        Map<Long, Instant> randomisedAt = allocationTimes.of(trialId);
        Map<Long, Set<String>> done = entered(trialId);
        List<WorklistEntry> entries = new ArrayList<>();
        for (Followed followed : participants.followed(trialId)) {
            Candidate candidate = followed.candidate();
            Instant at = randomisedAt.get(candidate.id());
            if (!candidate.status().acceptsAssessments() || at == null) {
                continue;
            }
            LocalDate randomisedOn = LocalDate.ofInstant(at, ZoneOffset.UTC);
            Set<String> theirs = done.getOrDefault(candidate.id(), Set.of());
            List<WorklistEntry.Due> timepoints = new ArrayList<>();
            for (Timepoint timepoint : protocol.timepoints()) {
                List<String> finished = new ArrayList<>();
                List<String> toDo = new ArrayList<>();
                for (String instrument : timepoint.instruments()) {
                    (theirs.contains(timepoint.id() + "/" + instrument) ? finished : toDo).add(instrument);
                }
                timepoints.add(new WorklistEntry.Due(timepoint.id(), randomisedOn.plusWeeks(timepoint.week()), finished, toDo));
            }
            entries.add(new WorklistEntry(candidate.id(), candidate.code(), candidate.site(), timepoints));
        }
        entries.sort(Comparator.comparing(WorklistEntry::code));
        return entries;
    }

    /** What an import stored. */
    @io.micronaut.serde.annotation.Serdeable
    record Imported(int assessments, long rows) {
    }

    /** All rows or none: every bad row is listed, and then nothing is stored. */
    @Transactional
    Imported importCsv(Actor actor, long trialId, String csv) {
        Protocol protocol = collecting(trialId);
        Map<String, ParticipantStatus> statuses = new HashMap<>();
        Map<String, Long> ids = new HashMap<>();
        for (Followed followed : participants.followed(trialId)) {
            statuses.put(followed.candidate().code(), followed.candidate().status());
            ids.put(followed.candidate().code(), followed.candidate().id());
        }
        List<Violation> violations = new ArrayList<>();
        AssessmentImport.Result read = AssessmentImport.read(csv, protocol, statuses, violations);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(ProblemCode.INVALID_IMPORT, violations);
        }
        // locked, the participants cannot withdraw while their assessments are stored
        Map<Long, Candidate> locked = participants.lock(trialId, read.groups().stream()
                .map(g -> ids.get(g.participant())).collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
        List<Assessment> toSave = new ArrayList<>();
        Instant now = clock.instant();
        for (AssessmentImport.Group group : read.groups()) {
            Candidate candidate = locked.get(ids.get(group.participant()));
            String at = "rows[" + group.firstLine() + "].";
            if (!candidate.status().acceptsAssessments()) {
                violations.add(new Violation(at + "participant", "withdrawn", "'" + group.participant() + "' withdrew consent"));
            } else if (assessments.existsByParticipantIdAndInstrumentAndTimepoint(candidate.id(), group.instrument().id(),
                    group.timepoint())) {
                violations.add(new Violation(at + "instrument", "duplicate-assessment", group.instrument().id() + " at "
                        + group.timepoint() + " is already entered for '" + group.participant()
                        + "'; a change is a correction, with a reason"));
            } else {
                Scoring.Scores scores = Scoring.score(group.instrument(), Responses.byItem(group.answers()));
                toSave.add(new Assessment(null, trialId, candidate.id(), group.instrument().id(), group.timepoint(),
                        write(group.answers()), scores.total().value(), write(scores), group.guess(), actor.userId(), now,
                        null, 1));
            }
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(ProblemCode.INVALID_IMPORT, violations);
        }
        List<Assessment> saved = assessments.saveAll(toSave);
        Map<Long, String> codes = new HashMap<>();
        locked.values().forEach(c -> codes.put(c.id(), c.code()));
        audit.lock().recordAll(saved.stream().map(a -> AuditEvent.of(actor, trialId, "assessment.imported", "assessment",
                a.id()).after(auditValue(codes.get(a.participantId()), a))).toList());
        return new Imported(saved.size(), read.rows());
    }

    private Protocol collecting(long trialId) {
        return trials.collecting(trialId, "Assessments are entered");
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

    private AssessmentView view(Assessment assessment, String code) {
        Scoring.Scores scores = read(assessment.scoresJson(), Argument.of(Scoring.Scores.class));
        return new AssessmentView(assessment.id(), assessment.participantId(), code, assessment.instrument(),
                assessment.timepoint(), read(assessment.responsesJson(), ANSWERS), scores.total(), scores.subscales(),
                assessment.guess(), assessment.enteredAt(), assessment.correctedAt(), assessment.version());
    }

    private Map<String, Object> auditValue(String code, Assessment assessment) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("participant", code);
        value.put("instrument", assessment.instrument());
        value.put("timepoint", assessment.timepoint());
        value.put("responses", read(assessment.responsesJson(), ANSWERS));
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
