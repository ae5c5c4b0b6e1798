package org.trialkeeper.report;

import org.trialkeeper.analysis.ConsortReport;
import org.trialkeeper.analysis.SampleSize;
import org.trialkeeper.protocol.Arm;
import org.trialkeeper.protocol.Criterion;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.protocol.Randomisation;
import org.trialkeeper.protocol.Registration;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** What the protocol and the report say towards the checklist's items, in a sentence each. */
record ChecklistFacts(Protocol protocol, ConsortReport report) {

    ConsortChecklist.Answer titleSaysRandomised() {
        boolean says = protocol.title().toLowerCase(Locale.ROOT).matches("(?s).*randomi[sz]ed.*");
        return says ? new ConsortChecklist.Answer(ConsortChecklist.Source.PROTOCOL, "The protocol's title calls it randomised")
                : new ConsortChecklist.Answer(ConsortChecklist.Source.AUTHORS, "The protocol's title does not say randomised:"
                + " the authors' title should");
    }

    ConsortChecklist.Answer registration() {
        List<Registration> registrations = protocol.registrations();
        if (registrations == null || registrations.isEmpty()) {
            return new ConsortChecklist.Answer(ConsortChecklist.Source.AUTHORS, "The protocol names no registry");
        }
        return new ConsortChecklist.Answer(ConsortChecklist.Source.PROTOCOL, registrations.stream()
                .map(r -> r.registry() + " " + r.id()).collect(Collectors.joining(", "))
                + "; the registry's address and the date of registration are the authors' to add");
    }

    /**
     * Before LOCK the report names no arm, not even from the protocol, so that nothing in it can
     * be matched to a label; the protocol view names them.
     */
    String design() {
        List<Arm> arms = protocol.arms();
        String named = report.unblinded() ? " (" + arms.stream().map(Arm::label).collect(Collectors.joining(", ")) + ")" : "";
        return "Parallel groups, " + arms.size() + " arms" + named + ", allocation ratio " + arms.stream().map(a -> Integer.toString(a.ratio())).collect(Collectors.joining(":"))
                + "; the framework (superiority or other) is the authors' to state";
    }

    String sites() {
        return protocol.sites().stream().map(s -> s.name()).collect(Collectors.joining("; ")) + "; numbers by site in Table "
                + tables().sites();
    }

    String eligibility() {
        return protocol.eligibility().inclusion().size() + " inclusion and " + protocol.eligibility().exclusion().size()
                + " exclusion criteria (" + ids(protocol.eligibility().inclusion()) + ", " + ids(protocol.eligibility().exclusion())
                + "); those failed at screening are counted in Figure 1";
    }

    private static String ids(List<Criterion> criteria) {
        return criteria.stream().map(Criterion::id).collect(Collectors.joining(", "));
    }

    String intervention() {
        var i = protocol.intervention();
        String comparator = protocol.arms().stream().filter(Arm::waitlist).findFirst()
                .map(a -> "; comparator a waitlist, offered the intervention after the post-test").orElse("");
        return (report.unblinded() ? i.name() : "The intervention") + ": " + i.sessions() + " sessions of " + i.sessionMinutes() + " minutes, " + i.sessionsPerWeek()
                + " a week, " + i.delivery().code() + comparator + "; materials are the authors' to point to";
    }

    String outcomes() {
        return report.outcomes().stream().map(o -> (o.primary() ? "primary: " : "secondary: ") + o.label() + " at "
                + o.timepoint()).collect(Collectors.joining("; ")) + "; each a score from its questionnaire's items";
    }

    String scheme() {
        Randomisation r = protocol.randomisation();
        String how = switch (r.scheme()) {
            case SIMPLE -> "Simple randomisation, no restriction";
            case PERMUTED_BLOCKS -> "Permuted blocks of sizes " + r.blockSizes();
            case STRATIFIED_BLOCKS -> "Permuted blocks of sizes " + r.blockSizes() + " within strata by " + r.stratifyBy();
            case MINIMISATION -> "Minimisation with a random element (probability " + r.minimisingArmProbability()
                    + " of the minimising arm)";
        };
        return how;
    }

    String method() {
        return protocol.analysis().method().code().toUpperCase(Locale.ROOT) + " of each outcome at follow-up on its baseline score"
                + " and the arm, alpha " + protocol.analysis().alpha() + "; see the note of Table 2. Harms are counted, not"
                + " tested" + (tables().harms() == null ? "" : ", in Table " + tables().harms());
    }

    String population() {
        return "Population named: " + protocol.analysis().population().code() + "; the report analyses complete cases in"
                + " the arm allocated, as the note of Table 2 says";
    }

    String dates() {
        return report.recruitment().firstRandomised() == null ? " (no one randomised yet)"
                : " (" + report.recruitment().firstRandomised() + " to " + report.recruitment().lastRandomised() + ")";
    }

    String figure2() {
        return PdfMeansFigure.hasPanels(report) ? " and Figure 2" : "";
    }

    String byArmAfterLock() {
        return report.unblinded() ? "" : "; by arm once the trial is LOCKED";
    }

    /** How allocations were concealed, and where the test of selection bias is once there is one. */
    String concealment() {
        Integer table = tables().selectionBias();
        return "Central computer: an allocation is revealed only once the participant is irrevocably enrolled, and only"
                + " for them" + (table == null ? "; the test of selection bias is shown once the trial is LOCKED"
                : "; Berger and Exner's test of selection bias is in Table " + table);
    }

    TableNumbers tables() {
        return TableNumbers.of(report);
    }

    String harmsCollected() {
        return "Coordinators record each adverse event as it is reported: onset, description, seriousness by the ICH E2A"
                + " criteria, severity, relatedness to the intervention and outcome; serious ones are notified at once to "
                + String.join(", ", protocol.harms().notifiedRoles()) + ". How events were sought is the authors' to state";
    }

    String sampleSize() {
        SampleSize.Result s = report.prespecified() == null ? null : report.prespecified().sampleSize();
        if (s == null) {
            return "Target of " + protocol.targetSampleSize() + " participants; the reasoning behind it is the authors' to give";
        }
        return "Target of " + s.target() + "; the protocol plans a difference of " + s.difference() + " (SD " + s.sd()
                + ", baseline-post correlation " + s.correlation() + ", power " + s.power() + ", alpha " + s.alpha()
                + ", dropout " + s.dropout() + "), which needs " + s.required() + " enrolled; the calculation follows the"
                + " tables of this report";
    }

    ConsortChecklist.Answer furtherAnalyses() {
        boolean perProtocol = protocol.analysis().sensitivity() != null && !protocol.analysis().sensitivity().isEmpty();
        List<String> subgroups = protocol.analysis().subgroups() == null ? List.of() : protocol.analysis().subgroups();
        if (!perProtocol && subgroups.isEmpty()) {
            return new ConsortChecklist.Answer(ConsortChecklist.Source.AUTHORS, "The protocol plans none; any other is the"
                    + " authors' to describe");
        }
        String planned = (perProtocol ? "the same ANCOVA in the per-protocol population" : "")
                + (perProtocol && !subgroups.isEmpty() ? "; " : "")
                + (subgroups.isEmpty() ? "" : "subgroups by " + String.join(", ", subgroups) + ", each as the arm-by-subgroup"
                + " interaction of post ~ baseline + arm * subgroup (type III F) with the difference per level");
        return new ConsortChecklist.Answer(ConsortChecklist.Source.PROTOCOL, "Pre-specified: " + planned);
    }

    ConsortChecklist.Answer harms() {
        if (tables().harms() == null) {
            return new ConsortChecklist.Answer(ConsortChecklist.Source.AUTHORS, "For the authors to write");
        }
        return new ConsortChecklist.Answer(ConsortChecklist.Source.REPORT, "Table " + tables().harms() + byArmAfterLock());
    }

    ConsortChecklist.Answer otherAnalyses() {
        Integer table = tables().prespecified();
        if (table != null) {
            return new ConsortChecklist.Answer(ConsortChecklist.Source.REPORT, "Table " + table + "; any analysis not"
                    + " pre-specified is the authors' to report as such");
        }
        if (furtherAnalyses().source() == ConsortChecklist.Source.PROTOCOL) {
            return new ConsortChecklist.Answer(ConsortChecklist.Source.REPORT, "The pre-specified analyses are by arm and"
                    + " are shown once the trial is LOCKED");
        }
        return new ConsortChecklist.Answer(ConsortChecklist.Source.AUTHORS, "For the authors to write");
    }
}
