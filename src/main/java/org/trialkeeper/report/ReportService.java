package org.trialkeeper.report;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import org.trialkeeper.analysis.ConsortReport;
import org.trialkeeper.analysis.Guess;
import org.trialkeeper.analysis.ScoreKey;
import org.trialkeeper.analysis.TrialData;
import org.trialkeeper.assessment.AssessmentService;
import org.trialkeeper.audit.AuditEvent;
import org.trialkeeper.audit.AuditTrail;
import org.trialkeeper.problem.ProblemCode;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.access.Actor;
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
import org.trialkeeper.randomisation.Allocations;
import org.trialkeeper.unblinding.EmergencyUnblinding;
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
    private final Allocations randomisation;
    private final ArmLabels armLabels;
    private final EmergencyUnblinding unblinding;
    private final AssessmentService assessments;
    private final FollowUpService followUp;
    private final AuditTrail audit;
    private final JsonMapper json;
    private final Clock clock;

    ReportService(TrialService trials, ParticipantService participants, Allocations randomisation,
                  ArmLabels armLabels, EmergencyUnblinding unblinding, AssessmentService assessments,
                  FollowUpService followUp, AuditTrail audit, JsonMapper json, Clock clock) {
        this.trials = trials;
        this.participants = participants;
        this.randomisation = randomisation;
        this.armLabels = armLabels;
        this.unblinding = unblinding;
        this.assessments = assessments;
        this.followUp = followUp;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    /** The report and what identifies its data: a SHA-256 of its numbers, and when it was made. */
    @io.micronaut.serde.annotation.Serdeable
    public record Document(ConsortReport report, Wording wording, String trialStatus, String sha256, Instant generatedAt) {
    }

    /** A report and the time spent reading its snapshot from the database, for the benchmark. */
    public record Timed(Document document, long readNanos) {
    }

    @io.micronaut.transaction.annotation.Transactional(readOnly = true,
            isolation = io.micronaut.transaction.TransactionDefinition.Isolation.REPEATABLE_READ)
    public Timed timedReport(long trialId) {
        long start = System.nanoTime();
        TrialView trial = trials.find(trialId);
        Protocol protocol = trials.protocol(trialId);
        TrialData data = snapshot(trialId, trial, protocol);
        long read = System.nanoTime() - start;
        return new Timed(compute(trialId, trial, protocol, data, Wording.CONSORT_2010, false), read);
    }

    /** In one repeatable-read transaction, so that every number comes from the same moment. */
    @io.micronaut.transaction.annotation.Transactional(readOnly = true,
            isolation = io.micronaut.transaction.TransactionDefinition.Isolation.REPEATABLE_READ)
    public Document report(long trialId, Wording wording, boolean baselineTests) {
        TrialView trial = trials.find(trialId);
        Protocol protocol = trials.protocol(trialId);
        return compute(trialId, trial, protocol, snapshot(trialId, trial, protocol), wording, baselineTests);
    }

    private Document compute(long trialId, TrialView trial, Protocol protocol, TrialData data, Wording wording,
                             boolean baselineTests) {
        boolean unblinded = trial.status() == TrialStatus.LOCKED;
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
        audit.record(AuditEvent.of(actor, trialId, "export.participants", "trial", trialId)
                .after(AuditEvent.fields("rows", data.people().size())));
        return Exports.participants(data, numbers);
    }

    /** Every item response of a LOCKED trial, in long format; the export is audited. */
    @Transactional
    public String assessmentsCsv(Actor actor, long trialId) {
        locked(trialId);
        Map<Long, String> codes = new HashMap<>();
        java.util.Set<Long> usable = new java.util.HashSet<>();
        participants.followed(trialId).forEach(f -> {
            codes.put(f.candidate().id(), f.candidate().code());
            if (f.keepData()) {
                usable.add(f.candidate().id());
            }
        });
        List<AssessmentService.Entered> entered = assessments.all(trialId);
        audit.record(AuditEvent.of(actor, trialId, "export.assessments", "trial", trialId)
                .after(AuditEvent.fields("assessments", entered.size())));
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
            throw new ProblemException(ProblemCode.NOT_LOCKED,
                    "Participant- and item-level data are exported once the trial's database is LOCKED");
        }
        return trial;
    }

    /** Everything the report is computed from, as the database holds it now. */
    @Transactional
    public TrialData snapshot(long trialId, TrialView trial, Protocol protocol) {
        Map<Long, String> arms = randomisation.arms(trialId);
        Map<Long, List<TrialData.Event>> events = new HashMap<>();
        followUp.eventsByParticipant(trialId).forEach((id, recorded) -> events.put(id, recorded.stream()
                .map(e -> new TrialData.Event(AnalysisTerms.eventKind(e.kind()), e.reason())).toList()));
        Map<Long, Integer> attended = followUp.sessionsAttended(trialId);
        Outcome primary = protocol.outcomes().primary().get(0);
        List<Outcome> named = new ArrayList<>(protocol.outcomes().primary());
        if (protocol.outcomes().secondary() != null) {
            named.addAll(protocol.outcomes().secondary());
        }
        boolean subscales = named.stream().anyMatch(o -> o.subscale() != null && !o.subscale().isEmpty());
        Map<Long, Map<ScoreKey, Double>> scores = new HashMap<>();
        Map<Long, Guess> guesses = new HashMap<>();
        if (subscales) {
            readScores(trialId, primary, scores, guesses);
        } else {
            // totals only: the database groups them, one row per participant
            List<ScoreKey> wanted = new ArrayList<>();
            wanted.add(ScoreKey.total(primary.timepoint(), primary.instrument()));
            for (Outcome outcome : named) {
                for (Timepoint timepoint : protocol.timepoints()) {
                    ScoreKey key = ScoreKey.total(timepoint.id(), outcome.instrument());
                    if (!wanted.contains(key)) {
                        wanted.add(key);
                    }
                }
            }
            assessments.totals(trialId, wanted.stream().map(k -> new String[]{k.timepoint(), k.instrument()}).toList())
                    .forEach((id, totals) -> {
                Map<ScoreKey, Double> theirs = new HashMap<>();
                for (int i = 0; i < wanted.size(); i++) {
                    if (totals.values()[i] != null) {
                        theirs.put(wanted.get(i), totals.values()[i]);
                    }
                }
                scores.put(id, theirs);
                if (totals.guess() != null) {
                    guesses.put(id, AnalysisTerms.guess(totals.guess()));
                }
            });
        }
        Map<String, String> criteria = new HashMap<>();
        protocol.eligibility().inclusion().forEach(c -> criteria.put(c.id(), c.id() + ": " + c.text()));
        protocol.eligibility().exclusion().forEach(c -> criteria.put(c.id(), c.id() + ": " + c.text()));
        List<TrialData.Person> people = new ArrayList<>();
        for (ParticipantService.Screened p : participants.screened(trialId)) {
            people.add(new TrialData.Person(p.code(), p.site(),
                    p.failedCriteria().stream().map(c -> criteria.getOrDefault(c, c)).toList(),
                    arms.get(p.id()), AnalysisTerms.status(p.status()), events.getOrDefault(p.id(), List.of()), p.keepData(),
                    p.baseline(), scores.getOrDefault(p.id(), Map.of()),
                    guesses.get(p.id()), attended.get(p.id()),
                    p.perProtocolExcluded()));
        }
        List<TrialData.ArmInfo> armInfo = protocol.arms().stream()
                .map(a -> new TrialData.ArmInfo(a.code(), a.label(), a.role() == ArmRole.INTERVENTION)).toList();
        List<TrialData.Characteristic> characteristics = protocol.baseline().stream()
                .map(c -> new TrialData.Characteristic(c.id(), c.label(), c.type() == CharacteristicType.NUMBER,
                        c.levels() == null ? List.of() : c.levels())).toList();
        List<TrialData.OutcomeInfo> outcomes = new ArrayList<>();
        for (Outcome outcome : named) {
            outcomes.add(outcome(protocol, outcome, outcomes.size() < protocol.outcomes().primary().size()));
        }
        String baseline = protocol.timepoints().stream().filter(t -> t.kind() == TimepointKind.BASELINE)
                .map(Timepoint::id).findFirst().orElse(protocol.timepoints().get(0).id());
        return new TrialData(trial.title(), trial.registryId(), armInfo, characteristics, outcomes, baseline,
                protocol.timepoints().stream().map(Timepoint::id).toList(), protocol.intervention().sessions(), people,
                unblinding.count(trialId));
    }

    /** Every score, subscales too, one assessment at a time; the guess given with the primary outcome's assessment wins. */
    private void readScores(long trialId, Outcome primary, Map<Long, Map<ScoreKey, Double>> scores, Map<Long, Guess> guesses) {
        Map<Long, Guess> primaryGuesses = new HashMap<>();
        for (AssessmentService.Scored scored : assessments.scores(trialId)) {
            Map<ScoreKey, Double> theirs = scores.computeIfAbsent(scored.participantId(), id -> new HashMap<>());
            if (scored.total() != null) {
                theirs.put(ScoreKey.total(scored.timepoint(), scored.instrument()), scored.total());
            }
            scored.subscales().forEach((subscale, score) -> {
                if (score.value() != null) {
                    theirs.put(new ScoreKey(scored.timepoint(), scored.instrument(), subscale), score.value());
                }
            });
            if (scored.guess() != null) {
                Guess guess = AnalysisTerms.guess(scored.guess());
                guesses.putIfAbsent(scored.participantId(), guess);
                if (scored.instrument().equals(primary.instrument()) && scored.timepoint().equals(primary.timepoint())) {
                    primaryGuesses.put(scored.participantId(), guess);
                }
            }
        }
        guesses.putAll(primaryGuesses);
    }

    private static TrialData.OutcomeInfo outcome(Protocol protocol, Outcome outcome, boolean primary) {
        Instrument instrument = protocol.instrument(outcome.instrument()).orElseThrow();
        if (outcome.subscale() == null || outcome.subscale().isEmpty()) {
            return new TrialData.OutcomeInfo(instrument.id(), null, instrument.id() + " total", outcome.timepoint(), primary);
        }
        String name = instrument.subscales().stream().filter(s -> s.id().equals(outcome.subscale())).map(Subscale::name)
                .findFirst().orElse(outcome.subscale());
        return new TrialData.OutcomeInfo(instrument.id(), outcome.subscale(), instrument.id() + " " + name,
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
