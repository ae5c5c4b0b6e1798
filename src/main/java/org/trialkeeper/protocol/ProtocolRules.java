package org.trialkeeper.protocol;

import org.trialkeeper.problem.Violation;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The rules a protocol's values must keep beyond their structure: values in range, references
 * that resolve, ids that are unique, and settings that fit the chosen scheme. The violations
 * come in the order of the protocol's parts. Each group of rules names the top-level parts it
 * reads, and runs whenever those parts were read whole, so a protocol that misses or mistypes
 * one part still hears about the rules it breaks in the others.
 */
final class ProtocolRules {

    private static final Pattern SHORT_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{2,63}");

    private record Group(Consumer<ProtocolCheck> rules, Set<String> reads) {
    }

    private static final List<Group> GROUPS = List.of(
            new Group(ProtocolRules::identity, Set.of("shortName", "registrations")),
            new Group(ProtocolRules::arms, Set.of("arms")),
            new Group(ProtocolRules::target, Set.of("arms", "targetSampleSize")),
            new Group(ProtocolRules::sites, Set.of("sites")),
            new Group(RandomisationRules::check, Set.of("randomisation", "arms", "baseline")),
            new Group(Limits::check, Set.of("targetSampleSize", "arms", "randomisation", "sites", "baseline")),
            new Group(ScreeningRules::eligibility, Set.of("eligibility")),
            new Group(ScreeningRules::baseline, Set.of("baseline")),
            new Group(InstrumentRules::check, Set.of("instruments")),
            new Group(OutcomeRules::timepoints, Set.of("timepoints", "instruments")),
            new Group(ProtocolRules::intervention, Set.of("intervention")),
            new Group(OutcomeRules::outcomes, Set.of("outcomes", "instruments", "timepoints")),
            new Group(ProtocolRules::analysis, Set.of("analysis")),
            new Group(AnalysisRules::check, Set.of("analysis", "arms", "baseline")),
            new Group(ProtocolRules::unblinding, Set.of("emergencyUnblinding")),
            new Group(HarmsRules::check, Set.of("harms")),
            new Group(MonitoringRules::check, Set.of("monitoring")),
            new Group(RegistryRules::check, Set.of("registry")));

    private ProtocolRules() {
    }

    static List<Violation> check(Protocol protocol) {
        return check(protocol, Set.of());
    }

    /**
     * The violations of every group of rules whose parts are readable; a group that reads one of
     * the {@code unreadable} parts (missing, or of the wrong type or value) is left out, since
     * it would only report what is already reported.
     */
    static List<Violation> check(Protocol protocol, Set<String> unreadable) {
        ProtocolCheck check = new ProtocolCheck(protocol);
        for (Group group : GROUPS) {
            if (Collections.disjoint(group.reads(), unreadable)) {
                group.rules().accept(check);
            }
        }
        return check.violations();
    }

    private static void identity(ProtocolCheck check) {
        if (!SHORT_NAME.matcher(check.protocol().shortName()).matches()) {
            check.fail("shortName", "pattern",
                    "must be 3-64 lower-case letters, digits or hyphens, starting with a letter or digit");
        }
        check.unique("registrations", check.protocol().registrations(), Registration::id);
    }

    private static void arms(ProtocolCheck check) {
        List<Arm> arms = check.protocol().arms();
        if (arms.size() < 2) {
            check.fail("arms", "min-items", "a trial needs at least two arms");
        }
        check.unique("arms", arms, Arm::code);
        for (int i = 0; i < arms.size(); i++) {
            Arm arm = arms.get(i);
            check.code("arms[" + i + "].code", arm.code());
            if (arm.ratio() < 1) {
                check.fail("arms[" + i + "].ratio", "min", "an allocation ratio must be at least 1");
            }
            if (arm.waitlist() && arm.role() != ArmRole.CONTROL) {
                check.fail("arms[" + i + "].waitlist", "waitlist-control-only", "only a control arm can be a waitlist");
            }
        }
        for (ArmRole role : ArmRole.values()) {
            if (arms.stream().noneMatch(arm -> arm.role() == role)) {
                check.fail("arms", "arm-roles", "needs at least one " + role.code() + " arm");
            }
        }
    }

    private static void target(ProtocolCheck check) {
        if (check.protocol().targetSampleSize() < check.protocol().arms().size()) {
            check.fail("targetSampleSize", "min", "must be at least the number of arms");
        }
    }

    private static void sites(ProtocolCheck check) {
        List<Site> sites = check.protocol().sites();
        if (sites.isEmpty()) {
            check.fail("sites", "min-items", "a trial needs at least one site");
        }
        check.unique("sites", sites, Site::code);
        for (int i = 0; i < sites.size(); i++) {
            check.code("sites[" + i + "].code", sites.get(i).code());
        }
    }

    private static void intervention(ProtocolCheck check) {
        Intervention intervention = check.protocol().intervention();
        check.positive("intervention.sessions", intervention.sessions());
        check.positive("intervention.sessionMinutes", intervention.sessionMinutes());
        check.positive("intervention.sessionsPerWeek", intervention.sessionsPerWeek());
        if (intervention.absencesExcludingPerProtocol() < 1
                || intervention.absencesExcludingPerProtocol() > intervention.sessions()) {
            check.fail("intervention.absencesExcludingPerProtocol", "range",
                    "must be between 1 and the number of sessions");
        }
    }

    private static void analysis(ProtocolCheck check) {
        double alpha = check.protocol().analysis().alpha();
        if (!(alpha > 0 && alpha <= 0.5)) {
            check.fail("analysis.alpha", "range", "must be greater than 0 and at most 0.5");
        }
    }

    private static void unblinding(ProtocolCheck check) {
        List<String> roles = check.protocol().emergencyUnblinding().roles();
        if (roles.isEmpty()) {
            check.fail("emergencyUnblinding.roles", "min-items", "at least one role must be able to unblind in an emergency");
        }
        for (int i = 0; i < roles.size(); i++) {
            if (!EmergencyUnblinding.ALLOWED.contains(roles.get(i))) {
                check.fail("emergencyUnblinding.roles[" + i + "]", "one-of", "must be one of " + EmergencyUnblinding.ALLOWED);
            }
        }
        check.unique("emergencyUnblinding.roles", roles, Function.identity());
    }
}
