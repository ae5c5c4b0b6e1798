package org.trialkeeper.registry;

import org.trialkeeper.protocol.Arm;
import org.trialkeeper.protocol.ArmRole;
import org.trialkeeper.protocol.Criterion;
import org.trialkeeper.protocol.Instrument;
import org.trialkeeper.protocol.Intervention;
import org.trialkeeper.protocol.Outcome;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.protocol.RegistryDetails;
import org.trialkeeper.protocol.Subscale;
import org.trialkeeper.protocol.Timepoint;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The design items of a registry record in words, from the protocol: arms, criteria, study type, outcomes. */
record RegistryDesign(Protocol protocol) {

    /** One line per arm: the intervention's schedule, or what the comparator receives. */
    List<String> interventions() {
        Intervention intervention = protocol.intervention();
        return protocol.arms().stream().map(arm -> arm.role() == ArmRole.INTERVENTION
                ? arm.label() + ": " + intervention.name() + ", " + intervention.sessions() + " sessions of "
                + intervention.sessionMinutes() + " minutes, " + intervention.sessionsPerWeek() + " a week, "
                + intervention.delivery().code()
                : arm.label() + (arm.waitlist() ? ": waitlist, offered " + intervention.name() + " after the post-test"
                : ": comparator")).toList();
    }

    List<String> criteria() {
        List<String> criteria = new ArrayList<>();
        protocol.eligibility().inclusion().forEach(c -> criteria.add("Inclusion " + line(c)));
        if (protocol.eligibility().exclusion() != null) {
            protocol.eligibility().exclusion().forEach(c -> criteria.add("Exclusion " + line(c)));
        }
        return criteria;
    }

    /** Interventional, randomised, parallel, with outcome assessors blinded, as every trial this service runs. */
    List<String> studyType(RegistryDetails details) {
        String ratio = protocol.arms().stream().map(arm -> String.valueOf(arm.ratio())).collect(Collectors.joining(":"));
        boolean waitlist = protocol.arms().stream().anyMatch(Arm::waitlist);
        List<String> type = new ArrayList<>(List.of("Interventional",
                "Allocation: randomised (" + protocol.randomisation().scheme().code() + "), ratio " + ratio,
                "Assignment: parallel, " + protocol.arms().size() + " arms",
                "Masking: outcome assessor blinded",
                "Control: " + (waitlist ? "waitlist" : "no intervention or another intervention, as the arms say")));
        if (details.purpose() != null) {
            type.add("Purpose: " + details.purpose());
        }
        if (details.phase() != null) {
            type.add("Phase: " + details.phase());
        }
        return type;
    }

    /** Each outcome with its instrument, and when it is measured. */
    List<String> outcomes(List<Outcome> outcomes) {
        if (outcomes == null) {
            return List.of();
        }
        return outcomes.stream().map(this::outcome).toList();
    }

    private String outcome(Outcome outcome) {
        Instrument instrument = protocol.instrument(outcome.instrument()).orElseThrow();
        String what = outcome.subscale() == null || outcome.subscale().isEmpty() ? instrument.name() + " total score"
                : instrument.name() + ", " + instrument.subscales().stream().filter(s -> s.id().equals(outcome.subscale()))
                .map(Subscale::name).findFirst().orElse(outcome.subscale()) + " subscale score";
        Timepoint timepoint = protocol.timepoint(outcome.timepoint()).orElseThrow();
        return what + ", at " + timepoint.id() + " (week " + timepoint.week() + "), adjusted for its score at baseline";
    }

    private static String line(Criterion criterion) {
        return criterion.id() + ": " + criterion.text();
    }
}
