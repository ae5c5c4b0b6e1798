package org.trialkeeper.report;

import jakarta.inject.Singleton;
import org.trialkeeper.analysis.Guess;
import org.trialkeeper.analysis.ScoreKey;
import org.trialkeeper.analysis.Scores;
import org.trialkeeper.analysis.TrialData;
import org.trialkeeper.assessment.AssessmentService;
import org.trialkeeper.followup.FollowUpService;
import org.trialkeeper.participant.ParticipantService;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.randomisation.Allocations;
import org.trialkeeper.trial.TrialService;
import org.trialkeeper.trial.TrialStatus;
import org.trialkeeper.trial.TrialView;
import org.trialkeeper.unblinding.EmergencyUnblinding;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/**
 * Reads a {@link TrialSnapshot} from the features it draws on, each read grouped for the
 * whole trial (never a query per participant). It opens no transaction of its own: the caller's
 * makes every number come from the same moment.
 */
@Singleton
record SnapshotReader(TrialService trials, ParticipantService participants, Allocations allocations,
                      EmergencyUnblinding unblinding, AssessmentService assessments, FollowUpService followUp) {

    /** A participant's scores and the guess that stands for them. */
    private record Assessed(Map<ScoreKey, Double> scores, Guess guess) {
    }

    TrialSnapshot read(long trialId) {
        TrialView trial = trials.find(trialId);
        Protocol protocol = trials.protocol(trialId);
        Map<Long, String> arms = allocations.arms(trialId);
        Map<Long, List<TrialData.Event>> events = events(trialId);
        Map<Long, Integer> attended = followUp.sessionsAttended(trialId);
        List<TrialData.OutcomeInfo> outcomes = AnalysisTerms.outcomes(protocol);
        List<String> timepoints = AnalysisTerms.timepoints(protocol);
        Map<Long, Assessed> assessed = outcomes.stream().anyMatch(o -> o.subscale() != null)
                ? everyScore(trialId, outcomes.get(0)) : totals(trialId, outcomes, timepoints);
        Map<String, String> criteria = AnalysisTerms.criteria(protocol);
        Assessed none = new Assessed(Map.of(), null);
        List<TrialData.Person> people = new ArrayList<>();
        LongStream.Builder ids = LongStream.builder();
        participants.screened(trialId, p -> {
            Assessed theirs = assessed.getOrDefault(p.id(), none);
            ids.add(p.id());
            people.add(new TrialData.Person(p.code(), p.site(),
                    p.failedCriteria().stream().map(c -> criteria.getOrDefault(c, c)).toList(),
                    arms.get(p.id()), AnalysisTerms.status(p.status()), events.getOrDefault(p.id(), List.of()), p.keepData(),
                    p.baseline(), theirs.scores(), theirs.guess(), attended.get(p.id()), p.perProtocolExcluded()));
        });
        TrialData data = new TrialData(trial.title(), trial.registryId(), AnalysisTerms.arms(protocol),
                AnalysisTerms.characteristics(protocol), outcomes, AnalysisTerms.baselineTimepoint(protocol), timepoints,
                protocol.intervention().sessions(), people, unblinding.count(trialId));
        return new TrialSnapshot(trialId, trial.status(), labels(trial, protocol), data, ids.build().toArray());
    }

    /** Every randomised participant's allocation number, by participant id: for the participants export only. */
    Map<Long, Integer> allocationNumbers(long trialId) {
        return allocations.numbers(trialId);
    }

    /** Every assessment's item responses, oldest first: for the assessments export only. */
    List<AssessmentService.Entered> itemResponses(long trialId) {
        return assessments.all(trialId);
    }

    /** The arms' own labels once the trial is LOCKED; before, none, since a blinded report shows nothing by arm. */
    private static Map<String, String> labels(TrialView trial, Protocol protocol) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (trial.status() == TrialStatus.LOCKED) {
            protocol.arms().forEach(arm -> labels.put(arm.code(), arm.label()));
        }
        return labels;
    }

    private Map<Long, List<TrialData.Event>> events(long trialId) {
        Map<Long, List<TrialData.Event>> events = new HashMap<>();
        followUp.eventsByParticipant(trialId).forEach((id, recorded) -> events.put(id, recorded.stream()
                .map(e -> new TrialData.Event(AnalysisTerms.eventKind(e.kind()), e.reason())).toList()));
        return events;
    }

    /** Totals only: one row per participant, each kept as an array beside the keys every participant shares. */
    private Map<Long, Assessed> totals(long trialId, List<TrialData.OutcomeInfo> outcomes, List<String> timepoints) {
        TrialData.OutcomeInfo primary = outcomes.get(0);
        List<ScoreKey> wanted = new ArrayList<>();
        wanted.add(ScoreKey.total(primary.timepoint(), primary.instrument()));
        for (TrialData.OutcomeInfo outcome : outcomes) {
            for (String timepoint : timepoints) {
                ScoreKey key = ScoreKey.total(timepoint, outcome.instrument());
                if (!wanted.contains(key)) {
                    wanted.add(key);
                }
            }
        }
        Map<Long, Assessed> assessed = new HashMap<>();
        assessments.totals(trialId, wanted.stream().map(k -> new String[]{k.timepoint(), k.instrument()}).toList(),
                (id, totals) -> assessed.put(id, new Assessed(Scores.of(wanted, totals.values()),
                        AnalysisTerms.guess(totals.guess()))));
        return assessed;
    }

    /** Every score, subscales too, one assessment at a time; the guess given with the primary outcome's assessment wins. */
    private Map<Long, Assessed> everyScore(long trialId, TrialData.OutcomeInfo primary) {
        Map<Long, Map<ScoreKey, Double>> scores = new HashMap<>();
        Map<Long, Guess> guesses = new HashMap<>();
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
        Map<Long, Assessed> assessed = new HashMap<>();
        scores.forEach((id, theirs) -> assessed.put(id, new Assessed(theirs, guesses.get(id))));
        return assessed;
    }
}
