package org.trialkeeper.report;

import org.trialkeeper.analysis.EventKind;
import org.trialkeeper.analysis.Guess;
import org.trialkeeper.analysis.Status;
import org.trialkeeper.analysis.TrialData;
import org.trialkeeper.participant.ParticipantStatus;
import org.trialkeeper.protocol.ArmRole;
import org.trialkeeper.protocol.CharacteristicType;
import org.trialkeeper.protocol.Instrument;
import org.trialkeeper.protocol.Outcome;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.protocol.Subscale;
import org.trialkeeper.protocol.Timepoint;
import org.trialkeeper.protocol.TimepointKind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The feature packages' values in the analysis package's own terms, which know nothing of the
 * service. Statuses and event kinds are mapped by a switch over every value, so that one added
 * to a feature does not compile until the report says how to count it.
 */
final class AnalysisTerms {

    private static final Map<String, Guess> GUESSES = Arrays.stream(Guess.values())
            .collect(Collectors.toMap(Guess::code, guess -> guess));

    private AnalysisTerms() {
    }

    static Status status(ParticipantStatus status) {
        return switch (status) {
            case INELIGIBLE -> Status.INELIGIBLE;
            case DECLINED -> Status.DECLINED;
            case ENROLLED -> Status.ENROLLED;
            case RANDOMISED -> Status.RANDOMISED;
            case DID_NOT_RECEIVE -> Status.DID_NOT_RECEIVE;
            case DISCONTINUED -> Status.DISCONTINUED;
            case LOST_TO_FOLLOW_UP -> Status.LOST_TO_FOLLOW_UP;
            case WITHDRAWN -> Status.WITHDRAWN;
            case EXCLUDED_FROM_ANALYSIS -> Status.EXCLUDED_FROM_ANALYSIS;
        };
    }

    static EventKind eventKind(org.trialkeeper.followup.EventKind kind) {
        return switch (kind) {
            case DID_NOT_RECEIVE -> EventKind.DID_NOT_RECEIVE;
            case DISCONTINUED -> EventKind.DISCONTINUED;
            case LOST_TO_FOLLOW_UP -> EventKind.LOST_TO_FOLLOW_UP;
            case WITHDREW_CONSENT -> EventKind.WITHDREW_CONSENT;
            case EXCLUDED_FROM_ANALYSIS -> EventKind.EXCLUDED_FROM_ANALYSIS;
            case DELAYED_INTERVENTION_OFFERED, DELAYED_INTERVENTION_STARTED -> EventKind.DELAYED_INTERVENTION;
        };
    }

    /** A guess as assessment stores it, by its code (which assessment checks on entry); null stays null. */
    static Guess guess(String code) {
        if (code == null) {
            return null;
        }
        Guess guess = GUESSES.get(code);
        if (guess == null) {
            throw new IllegalStateException("an assessment holds an unknown guess");
        }
        return guess;
    }

    static List<TrialData.ArmInfo> arms(Protocol protocol) {
        return protocol.arms().stream()
                .map(a -> new TrialData.ArmInfo(a.code(), a.label(), a.role() == ArmRole.INTERVENTION)).toList();
    }

    static List<TrialData.Characteristic> characteristics(Protocol protocol) {
        return protocol.baseline().stream()
                .map(c -> {
                    List<String> levels = c.levels() == null ? List.of() : c.levels();
                    return new TrialData.Characteristic(c.id(), c.label(), c.type() == CharacteristicType.NUMBER, levels,
                            levels.stream().map(c::levelLabel).toList());
                }).toList();
    }

    /** The outcomes the protocol names, primary first, each shown by its instrument's name (and subscale's), never a code. */
    static List<TrialData.OutcomeInfo> outcomes(Protocol protocol) {
        List<Outcome> named = new ArrayList<>(protocol.outcomes().primary());
        if (protocol.outcomes().secondary() != null) {
            named.addAll(protocol.outcomes().secondary());
        }
        List<TrialData.OutcomeInfo> outcomes = new ArrayList<>();
        for (Outcome outcome : named) {
            outcomes.add(outcome(protocol, outcome, outcomes.size() < protocol.outcomes().primary().size()));
        }
        return outcomes;
    }

    private static TrialData.OutcomeInfo outcome(Protocol protocol, Outcome outcome, boolean primary) {
        Instrument instrument = protocol.instrument(outcome.instrument()).orElseThrow();
        if (outcome.subscale() == null || outcome.subscale().isEmpty()) {
            return new TrialData.OutcomeInfo(instrument.id(), null, instrument.name(), outcome.timepoint(), primary);
        }
        String name = instrument.subscales().stream().filter(s -> s.id().equals(outcome.subscale())).map(Subscale::name)
                .findFirst().orElse(outcome.subscale());
        return new TrialData.OutcomeInfo(instrument.id(), outcome.subscale(), instrument.name() + ": " + name,
                outcome.timepoint(), primary);
    }

    /** The baseline timepoint, or the first if none is marked as such. */
    static String baselineTimepoint(Protocol protocol) {
        return protocol.timepoints().stream().filter(t -> t.kind() == TimepointKind.BASELINE)
                .map(Timepoint::id).findFirst().orElse(protocol.timepoints().get(0).id());
    }

    static List<String> timepoints(Protocol protocol) {
        return protocol.timepoints().stream().map(Timepoint::id).toList();
    }

    /** Each eligibility criterion as a reason: its id and text, by id. */
    static Map<String, String> criteria(Protocol protocol) {
        Map<String, String> criteria = new HashMap<>();
        protocol.eligibility().inclusion().forEach(c -> criteria.put(c.id(), c.id() + ": " + c.text()));
        protocol.eligibility().exclusion().forEach(c -> criteria.put(c.id(), c.id() + ": " + c.text()));
        return criteria;
    }
}
