package org.trialkeeper.report;

import jakarta.inject.Singleton;
import org.trialkeeper.analysis.Cohort;
import org.trialkeeper.analysis.CohortBuilder;
import org.trialkeeper.analysis.HarmsTable;
import org.trialkeeper.analysis.ScoreKey;
import org.trialkeeper.analysis.TrialData;
import org.trialkeeper.assessment.AssessmentService;
import org.trialkeeper.followup.FollowUpService;
import org.trialkeeper.harms.HarmsService;
import org.trialkeeper.participant.ParticipantService;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.randomisation.AllocationTimes;
import org.trialkeeper.randomisation.Allocations;
import org.trialkeeper.trial.PlannedAnalyses;
import org.trialkeeper.trial.TrialService;
import org.trialkeeper.trial.TrialStatus;
import org.trialkeeper.trial.TrialView;
import org.trialkeeper.unblinding.EmergencyUnblinding;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@link TrialSnapshot} from the features it draws on, each read grouped for the
 * whole trial (never a query per participant). It opens no transaction of its own: the caller's
 * makes every number come from the same moment.
 */
@Singleton
record SnapshotReader(TrialService trials, ParticipantService participants, Allocations allocations,
                      AllocationTimes allocationTimes, EmergencyUnblinding unblinding, AssessmentService assessments,
                      FollowUpService followUp, HarmsService harms) {

    TrialSnapshot read(long trialId) {
        TrialView trial = trials.find(trialId);
        Protocol protocol = trials.protocol(trialId);
        List<TrialData.OutcomeInfo> outcomes = AnalysisTerms.outcomes(protocol);
        List<String> timepoints = AnalysisTerms.timepoints(protocol);
        List<TrialData.Characteristic> characteristics = AnalysisTerms.characteristics(protocol);
        CohortBuilder cohort = new CohortBuilder(characteristics);
        screened(trialId, protocol, cohort);
        GuessColumn guesses = new GuessColumn(protocol);
        allocations.inOrder(trialId, allocated -> {
            cohort.allocated(allocated.participantId(), allocated.arm());
            guesses.add(allocated);
        });
        followUp.events(trialId, (id, e) -> cohort.event(id, AnalysisTerms.eventKind(e.kind()), e.reason()));
        followUp.sessionsAttended(trialId, cohort::attended);
        if (outcomes.stream().anyMatch(o -> o.subscale() != null)) {
            everyScore(trialId, outcomes.get(0), cohort);
        } else {
            totals(trialId, outcomes, timepoints, cohort);
        }
        String baseline = AnalysisTerms.baselineTimepoint(protocol);
        Cohort people = cohort.build();
        TrialData data = new TrialData(trial.title(), trial.registryId(), AnalysisTerms.arms(protocol), characteristics,
                outcomes, baseline, timepoints, protocol.intervention().sessions(), people, unblinding.count(trialId),
                period(trialId, baseline));
        return new TrialSnapshot(trialId, trial.status(), labels(trial, protocol), data, PlannedAnalyses.of(protocol),
                harms(trialId), guesses.byPerson(people));
    }

    private TrialData.Period period(long trialId, String baselineTimepoint) {
        AllocationTimes.Span randomised = allocationTimes.span(trialId);
        return new TrialData.Period(day(randomised.first()), day(randomised.last()),
                day(assessments.lastFollowUp(trialId, baselineTimepoint)));
    }

    private static LocalDate day(Instant instant) {
        return instant == null ? null : LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    /**
     * Everyone screened with their arms and whether their data may be used, and no scores or
     * events: what an export that streams the scores joins each row to.
     */
    Cohort people(long trialId) {
        Protocol protocol = trials.protocol(trialId);
        CohortBuilder cohort = new CohortBuilder(AnalysisTerms.characteristics(protocol));
        screened(trialId, protocol, cohort);
        allocations.arms(trialId, cohort::allocated);
        return cohort.build();
    }

    /** Everyone screened, in the order of their ids; each set of failed criteria is put in words once. */
    private void screened(long trialId, Protocol protocol, CohortBuilder cohort) {
        Map<String, String> criteria = AnalysisTerms.criteria(protocol);
        Map<List<String>, List<String>> worded = new HashMap<>();
        participants.screened(trialId, p -> cohort.screened(p.id(), p.code(), p.site(), AnalysisTerms.status(p.status()),
                worded.computeIfAbsent(p.failedCriteria(), failed -> failed.stream().map(c -> criteria.getOrDefault(c, c)).toList()),
                p.keepData(), p.perProtocolExcluded(), p.baseline()));
    }

    private HarmsTable.Events harms(long trialId) {
        return new HarmsTable.Events(HarmsService.severities(), HarmsService.relatedness(), harms.reported(trialId).stream()
                .map(h -> new HarmsTable.Harm(h.participantId(), h.serious(), h.severity(), h.relatedness())).toList());
    }

    /** The trial's protocol as registered: for the checklist, which points into it. */
    Protocol protocol(long trialId) {
        return trials.protocol(trialId);
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

    /** Totals only: one row per participant, each joined to the participant as it arrives. */
    private void totals(long trialId, List<TrialData.OutcomeInfo> outcomes, List<String> timepoints, CohortBuilder cohort) {
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
        assessments.totals(trialId, wanted.stream().map(k -> new String[]{k.timepoint(), k.instrument()}).toList(),
                (id, totals) -> {
                    for (int k = 0; k < wanted.size(); k++) {
                        if (totals.values()[k] != null) {
                            cohort.score(id, wanted.get(k), totals.values()[k]);
                        }
                    }
                    if (totals.guess() != null) {
                        cohort.guess(id, AnalysisTerms.guess(totals.guess()), true);
                    }
                });
    }

    /**
     * Every score, subscales too, one assessment at a time: a later one of the same key replaces
     * an earlier. The guess given with the primary outcome's assessment wins, else the first given.
     */
    private void everyScore(long trialId, TrialData.OutcomeInfo primary, CohortBuilder cohort) {
        for (AssessmentService.Scored scored : assessments.scores(trialId)) {
            if (scored.total() != null) {
                cohort.score(scored.participantId(), ScoreKey.total(scored.timepoint(), scored.instrument()), scored.total());
            }
            scored.subscales().forEach((subscale, score) -> {
                if (score.value() != null) {
                    cohort.score(scored.participantId(), new ScoreKey(scored.timepoint(), scored.instrument(), subscale),
                            score.value());
                }
            });
            if (scored.guess() != null) {
                boolean ofPrimary = scored.instrument().equals(primary.instrument())
                        && scored.timepoint().equals(primary.timepoint());
                cohort.guess(scored.participantId(), AnalysisTerms.guess(scored.guess()), ofPrimary);
            }
        }
    }
}
