package org.trialkeeper.report;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import org.trialkeeper.analysis.ConsortReport;
import org.trialkeeper.analysis.TrialData;
import org.trialkeeper.assessment.AssessmentService;
import org.trialkeeper.audit.AuditEvent;
import org.trialkeeper.audit.AuditTrail;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.problem.ProblemKind;
import org.trialkeeper.security.Actor;
import org.trialkeeper.assessment.Scoring;
import org.trialkeeper.followup.FollowUpService;
import org.trialkeeper.participant.Followed;
import org.trialkeeper.participant.ParticipantService;
import org.trialkeeper.participant.ParticipantStatus;
import org.trialkeeper.participant.ParticipantView;
import org.trialkeeper.protocol.Arm;
import org.trialkeeper.protocol.ArmRole;
import org.trialkeeper.protocol.CharacteristicType;
import org.trialkeeper.protocol.Instrument;
import org.trialkeeper.protocol.Outcome;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.protocol.Subscale;
import org.trialkeeper.protocol.Timepoint;
import org.trialkeeper.protocol.TimepointKind;
import org.trialkeeper.randomisation.ArmLabels;
import org.trialkeeper.randomisation.RandomisationService;
import org.trialkeeper.trial.TrialService;
import org.trialkeeper.trial.TrialStatus;
import org.trialkeeper.trial.TrialView;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one consistent snapshot of a trial (one read-only transaction) and computes its CONSORT
 * report. Until the trial is LOCKED only the blinded interim report exists.
 */
@Singleton
public class ReportService {

    private final TrialService trials;
    private final ParticipantService participants;
    private final RandomisationService randomisation;
    private final ArmLabels armLabels;
    private final AssessmentService assessments;
    private final FollowUpService followUp;
    private final AuditTrail audit;
    private final JsonMapper json;
    private final Clock clock;

    ReportService(TrialService trials, ParticipantService participants, RandomisationService randomisation,
                  ArmLabels armLabels, AssessmentService assessments, FollowUpService followUp, AuditTrail audit,
                  JsonMapper json, Clock clock) {
        this.trials = trials;
        this.participants = participants;
        this.randomisation = randomisation;
        this.armLabels = armLabels;
        this.assessments = assessments;
        this.followUp = followUp;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    /** The report and what identifies its data: a SHA-256 of its numbers, and when it was made. */
    @io.micronaut.serde.annotation.Serdeable
    public record Document(ConsortReport report, String wording, String trialStatus, String sha256, Instant generatedAt) {
    }

    /** In one repeatable-read transaction, so that every number comes from the same moment. */
    @io.micronaut.transaction.annotation.Transactional(readOnly = true,
            isolation = io.micronaut.transaction.TransactionDefinition.Isolation.REPEATABLE_READ)
    public Document report(long trialId, String wording, boolean baselineTests) {
        TrialView trial = trials.find(trialId);
        Protocol protocol = trials.protocol(trialId);
        boolean unblinded = trial.status() == TrialStatus.LOCKED;
        TrialData data = snapshot(trialId, trial, protocol);
        Map<String, String> labels = new LinkedHashMap<>();
        if (unblinded) {
            protocol.arms().forEach(arm -> labels.put(arm.code(), arm.label()));
        } else {
            labels.putAll(armLabels.neutral(trialId, protocol.arms().stream().map(Arm::code).toList()));
        }
        ConsortReport report = ConsortReport.compute(data, labels, unblinded, baselineTests);
        return new Document(report, wording, trial.status().name(), sha256(write(report)), clock.instant());
    }

    /** The participants of a LOCKED trial, one row each; the export is audited. */
    @Transactional
    public String participantsCsv(Actor actor, long trialId) {
        TrialView trial = locked(trialId);
        TrialData data = snapshot(trialId, trial, trials.protocol(trialId));
        Map<String, Long> numbers = new HashMap<>();
        Map<Long, String> codes = codes(trialId);
        randomisation.numbers(trialId).forEach((id, number) -> numbers.put(codes.get(id), number.longValue()));
        audit.record(AuditEvent.of(actor, trialId, "export.participants", "trial", trialId, null,
                "{\"rows\":" + data.people().size() + "}"));
        return Exports.participants(data, numbers);
    }

    /** Every item response of a LOCKED trial, in long format; the export is audited. */
    @Transactional
    public String assessmentsCsv(Actor actor, long trialId) {
        locked(trialId);
        Map<Long, String> codes = codes(trialId);
        java.util.Set<Long> usable = new java.util.HashSet<>();
        participants.followed(trialId).forEach(f -> {
            if (f.keepData()) {
                usable.add(f.candidate().id());
            }
        });
        List<AssessmentService.Entered> entered = assessments.all(trialId);
        audit.record(AuditEvent.of(actor, trialId, "export.assessments", "trial", trialId, null,
                "{\"assessments\":" + entered.size() + "}"));
        return Exports.assessments(entered, codes, randomisation.arms(trialId), usable);
    }

    private Map<Long, String> codes(long trialId) {
        Map<Long, String> codes = new HashMap<>();
        participants.followed(trialId).forEach(f -> codes.put(f.candidate().id(), f.candidate().code()));
        return codes;
    }

    private TrialView locked(long trialId) {
        TrialView trial = trials.find(trialId);
        if (trial.status() != TrialStatus.LOCKED) {
            throw new ProblemException(ProblemKind.CONFLICT, "not-locked", "Not locked",
                    "Participant- and item-level data are exported once the trial's database is LOCKED");
        }
        return trial;
    }

    /** Everything the report is computed from, as the database holds it now. */
    @Transactional
    public TrialData snapshot(long trialId, TrialView trial, Protocol protocol) {
        Map<Long, Followed> followed = new HashMap<>();
        participants.followed(trialId).forEach(f -> followed.put(f.candidate().id(), f));
        Map<Long, String> arms = randomisation.arms(trialId);
        Map<Long, List<TrialData.Event>> events = followUp.eventsByParticipant(trialId);
        Map<Long, Integer> attended = followUp.sessionsAttended(trialId);
        Outcome primary = protocol.outcomes().primary().get(0);
        Map<Long, Map<String, Double>> scores = new HashMap<>();
        Map<Long, String> guesses = new HashMap<>();
        Map<Long, String> primaryGuesses = new HashMap<>();
        for (AssessmentService.Entered entered : assessments.all(trialId)) {
            Map<String, Double> theirs = scores.computeIfAbsent(entered.participantId(), id -> new HashMap<>());
            String at = entered.timepoint() + "/" + entered.instrument();
            Scoring.Scores computed = entered.scores();
            if (computed.total().value() != null) {
                theirs.put(at, computed.total().value());
            }
            computed.subscales().forEach((subscale, score) -> {
                if (score.value() != null) {
                    theirs.put(at + "/" + subscale, score.value());
                }
            });
            if (entered.guess() != null) {
                guesses.put(entered.participantId(), entered.guess());
                if (entered.instrument().equals(primary.instrument()) && entered.timepoint().equals(primary.timepoint())) {
                    primaryGuesses.put(entered.participantId(), entered.guess());
                }
            }
        }
        Map<String, String> criteria = new HashMap<>();
        protocol.eligibility().inclusion().forEach(c -> criteria.put(c.id(), c.id() + ": " + c.text()));
        protocol.eligibility().exclusion().forEach(c -> criteria.put(c.id(), c.id() + ": " + c.text()));
        List<TrialData.Person> people = new ArrayList<>();
        for (ParticipantView view : participants.list(trialId)) {
            Followed f = followed.get(view.id());
            String screening = view.status() == ParticipantStatus.INELIGIBLE || view.status() == ParticipantStatus.DECLINED
                    ? view.status().name() : ParticipantStatus.ENROLLED.name();
            people.add(new TrialData.Person(view.code(), view.site(), screening,
                    view.failedCriteria().stream().map(c -> criteria.getOrDefault(c, c)).toList(),
                    arms.get(view.id()), view.status().name(), events.getOrDefault(view.id(), List.of()),
                    f == null || f.keepData(), view.baseline(), scores.getOrDefault(view.id(), Map.of()),
                    primaryGuesses.getOrDefault(view.id(), guesses.get(view.id())), attended.get(view.id()),
                    f != null && f.perProtocolExcluded()));
        }
        List<TrialData.ArmInfo> armInfo = protocol.arms().stream()
                .map(a -> new TrialData.ArmInfo(a.code(), a.label(), a.role() == ArmRole.INTERVENTION)).toList();
        List<TrialData.Characteristic> characteristics = protocol.baseline().stream()
                .map(c -> new TrialData.Characteristic(c.id(), c.label(), c.type() == CharacteristicType.NUMBER,
                        c.levels() == null ? List.of() : c.levels())).toList();
        List<TrialData.OutcomeInfo> outcomes = new ArrayList<>();
        protocol.outcomes().primary().forEach(o -> outcomes.add(outcome(protocol, o, true)));
        if (protocol.outcomes().secondary() != null) {
            protocol.outcomes().secondary().forEach(o -> outcomes.add(outcome(protocol, o, false)));
        }
        String baseline = protocol.timepoints().stream().filter(t -> t.kind() == TimepointKind.BASELINE)
                .map(Timepoint::id).findFirst().orElse(protocol.timepoints().get(0).id());
        return new TrialData(trial.title(), trial.registryId(), armInfo, characteristics, outcomes, baseline,
                protocol.timepoints().stream().map(Timepoint::id).toList(), protocol.intervention().sessions(), people,
                armLabels.unblindings(trialId));
    }

    private static TrialData.OutcomeInfo outcome(Protocol protocol, Outcome outcome, boolean primary) {
        Instrument instrument = protocol.instrument(outcome.instrument()).orElseThrow();
        if (outcome.subscale() == null || outcome.subscale().isEmpty()) {
            return new TrialData.OutcomeInfo(instrument.id(), instrument.id() + " total", outcome.timepoint(), primary);
        }
        String name = instrument.subscales().stream().filter(s -> s.id().equals(outcome.subscale())).map(Subscale::name)
                .findFirst().orElse(outcome.subscale());
        return new TrialData.OutcomeInfo(instrument.id() + "/" + outcome.subscale(), instrument.id() + " " + name,
                outcome.timepoint(), primary);
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
