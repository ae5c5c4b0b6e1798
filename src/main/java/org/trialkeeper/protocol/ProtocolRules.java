package org.trialkeeper.protocol;

import org.trialkeeper.problem.Violation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The rules a structurally complete protocol must also keep: values in range, references
 * that resolve, ids that are unique, and settings that fit the chosen scheme.
 */
final class ProtocolRules {

    private static final Pattern SHORT_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{2,63}");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");
    private static final int MAX_ITEMS = 500;

    private final Protocol protocol;
    private final List<Violation> violations = new ArrayList<>();

    private ProtocolRules(Protocol protocol) {
        this.protocol = protocol;
    }

    static List<Violation> check(Protocol protocol) {
        ProtocolRules rules = new ProtocolRules(protocol);
        rules.identity();
        rules.arms();
        rules.sites();
        rules.randomisation();
        rules.eligibility();
        rules.baseline();
        rules.instruments();
        rules.timepoints();
        rules.intervention();
        rules.outcomes();
        rules.analysis();
        rules.unblinding();
        return List.copyOf(rules.violations);
    }

    private void identity() {
        if (!SHORT_NAME.matcher(protocol.shortName()).matches()) {
            fail("shortName", "pattern", "must be 3-64 lower-case letters, digits or hyphens, starting with a letter or digit");
        }
        unique("registrations", protocol.registrations(), Registration::id);
    }

    private void arms() {
        List<Arm> arms = protocol.arms();
        if (arms.size() < 2) {
            fail("arms", "min-items", "a trial needs at least two arms");
        }
        unique("arms", arms, Arm::code);
        for (int i = 0; i < arms.size(); i++) {
            Arm arm = arms.get(i);
            code("arms[" + i + "].code", arm.code());
            if (arm.ratio() < 1) {
                fail("arms[" + i + "].ratio", "min", "an allocation ratio must be at least 1");
            }
            if (arm.waitlist() && arm.role() != ArmRole.CONTROL) {
                fail("arms[" + i + "].waitlist", "waitlist-control-only", "only a control arm can be a waitlist");
            }
        }
        for (ArmRole role : ArmRole.values()) {
            if (arms.stream().noneMatch(arm -> arm.role() == role)) {
                fail("arms", "arm-roles", "needs at least one " + role.code() + " arm");
            }
        }
        if (protocol.targetSampleSize() < arms.size()) {
            fail("targetSampleSize", "min", "must be at least the number of arms");
        }
    }

    private void sites() {
        if (protocol.sites().isEmpty()) {
            fail("sites", "min-items", "a trial needs at least one site");
        }
        unique("sites", protocol.sites(), Site::code);
        for (int i = 0; i < protocol.sites().size(); i++) {
            code("sites[" + i + "].code", protocol.sites().get(i).code());
        }
    }

    private void randomisation() {
        Randomisation randomisation = protocol.randomisation();
        Scheme scheme = randomisation.scheme();
        int ratioSum = protocol.arms().stream().mapToInt(Arm::ratio).sum();
        List<Integer> blockSizes = randomisation.blockSizes();
        if (scheme.usesBlocks()) {
            if (blockSizes.isEmpty()) {
                fail("randomisation.blockSizes", "required", "a block scheme needs at least one block size");
            }
            for (int i = 0; i < blockSizes.size(); i++) {
                int size = blockSizes.get(i);
                if (size < 1 || ratioSum < 1 || size % ratioSum != 0) {
                    fail("randomisation.blockSizes[" + i + "]", "block-size-multiple",
                            "a block size must be a positive multiple of the ratio sum " + ratioSum);
                }
            }
            unique("randomisation.blockSizes", blockSizes, Function.identity());
        } else {
            notApplicable("randomisation.blockSizes", !blockSizes.isEmpty(), scheme);
        }
        if (scheme == Scheme.STRATIFIED_BLOCKS) {
            if (randomisation.stratifyBy().isEmpty()) {
                fail("randomisation.stratifyBy", "required", "stratified blocks need at least one factor");
            }
            for (int i = 0; i < randomisation.stratifyBy().size(); i++) {
                factor("randomisation.stratifyBy[" + i + "]", randomisation.stratifyBy().get(i));
            }
            unique("randomisation.stratifyBy", randomisation.stratifyBy(), Function.identity());
        } else {
            notApplicable("randomisation.stratifyBy", !randomisation.stratifyBy().isEmpty(), scheme);
        }
        if (scheme == Scheme.MINIMISATION) {
            minimisation(randomisation);
        } else {
            notApplicable("randomisation.factors", !randomisation.factors().isEmpty(), scheme);
            notApplicable("randomisation.minimisingArmProbability",
                    randomisation.minimisingArmProbability() != null, scheme);
        }
    }

    private void minimisation(Randomisation randomisation) {
        List<MinimisationFactor> factors = randomisation.factors();
        if (factors.isEmpty()) {
            fail("randomisation.factors", "required", "minimisation needs at least one factor");
        }
        for (int i = 0; i < factors.size(); i++) {
            factor("randomisation.factors[" + i + "].factor", factors.get(i).factor());
            if (!(factors.get(i).weight() > 0)) {
                fail("randomisation.factors[" + i + "].weight", "min", "a factor weight must be greater than 0");
            }
        }
        unique("randomisation.factors", factors, MinimisationFactor::factor);
        Double probability = randomisation.minimisingArmProbability();
        if (probability == null) {
            fail("randomisation.minimisingArmProbability", "required", "minimisation needs the probability of the minimising arm");
        } else if (probability < 0.5 || probability > 1) {
            fail("randomisation.minimisingArmProbability", "range", "must be between 0.5 and 1");
        }
    }

    private void factor(String path, String factor) {
        if (Randomisation.SITE_FACTOR.equals(factor)) {
            return;
        }
        protocol.characteristic(factor).ifPresentOrElse(characteristic -> {
            if (characteristic.type() != CharacteristicType.CATEGORY) {
                fail(path, "not-categorical", "'" + factor + "' is not a categorical baseline characteristic");
            }
        }, () -> fail(path, "unknown-factor", "'" + factor + "' is neither 'site' nor a baseline characteristic"));
    }

    private void eligibility() {
        Eligibility eligibility = protocol.eligibility();
        if (eligibility.inclusion().isEmpty()) {
            fail("eligibility.inclusion", "min-items", "at least one inclusion criterion is required");
        }
        List<Criterion> all = new ArrayList<>(eligibility.inclusion());
        all.addAll(eligibility.exclusion());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < all.size(); i++) {
            boolean inclusion = i < eligibility.inclusion().size();
            String path = inclusion ? "eligibility.inclusion[" + i + "].id"
                    : "eligibility.exclusion[" + (i - eligibility.inclusion().size()) + "].id";
            code(path, all.get(i).id());
            if (!seen.add(all.get(i).id())) {
                fail(path, "duplicate-id", "'" + all.get(i).id() + "' is used by another criterion");
            }
        }
    }

    private void baseline() {
        List<BaselineCharacteristic> baseline = protocol.baseline();
        unique("baseline", baseline, BaselineCharacteristic::id);
        for (int i = 0; i < baseline.size(); i++) {
            BaselineCharacteristic characteristic = baseline.get(i);
            String path = "baseline[" + i + "]";
            code(path + ".id", characteristic.id());
            if (characteristic.type() == CharacteristicType.NUMBER) {
                notApplicable(path + ".levels", !characteristic.levels().isEmpty(), characteristic.type());
                if (characteristic.min() != null && characteristic.max() != null
                        && characteristic.max() <= characteristic.min()) {
                    fail(path + ".max", "range", "must be greater than min");
                }
            } else {
                notApplicable(path + ".min", characteristic.min() != null, characteristic.type());
                notApplicable(path + ".max", characteristic.max() != null, characteristic.type());
                if (characteristic.levels().size() < 2) {
                    fail(path + ".levels", "min-items", "a category needs at least two levels");
                }
                unique(path + ".levels", characteristic.levels(), Function.identity());
            }
        }
    }

    private void instruments() {
        List<Instrument> instruments = protocol.instruments();
        if (instruments.isEmpty()) {
            fail("instruments", "min-items", "at least one instrument is required");
        }
        unique("instruments", instruments, Instrument::id);
        for (int i = 0; i < instruments.size(); i++) {
            instrument("instruments[" + i + "]", instruments.get(i));
        }
    }

    private void instrument(String path, Instrument instrument) {
        code(path + ".id", instrument.id());
        if (instrument.items() < 1 || instrument.items() > MAX_ITEMS) {
            fail(path + ".items", "range", "must be between 1 and " + MAX_ITEMS);
        }
        if (instrument.itemMax() <= instrument.itemMin()) {
            fail(path + ".itemMax", "item-range", "must be greater than itemMin");
        }
        itemNumbers(path + ".reversed", instrument.reversed(), instrument.items());
        unique(path + ".subscales", instrument.subscales(), Subscale::id);
        for (int s = 0; s < instrument.subscales().size(); s++) {
            Subscale subscale = instrument.subscales().get(s);
            code(path + ".subscales[" + s + "].id", subscale.id());
            if (subscale.items().isEmpty()) {
                fail(path + ".subscales[" + s + "].items", "min-items", "a subscale needs at least one item");
            }
            itemNumbers(path + ".subscales[" + s + "].items", subscale.items(), instrument.items());
        }
        if (instrument.maxProratedItems() < 0 || instrument.maxProratedItems() >= Math.max(1, instrument.items())) {
            fail(path + ".maxProratedItems", "range", "must be between 0 and items - 1");
        }
    }

    private void itemNumbers(String path, List<Integer> items, int itemCount) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) < 1 || items.get(i) > itemCount) {
                fail(path + "[" + i + "]", "item-out-of-range", "item " + items.get(i)
                        + " is not between 1 and " + itemCount);
            }
        }
        unique(path, items, Function.identity());
    }

    private void timepoints() {
        List<Timepoint> timepoints = protocol.timepoints();
        unique("timepoints", timepoints, Timepoint::id);
        long baselines = timepoints.stream().filter(t -> t.kind() == TimepointKind.BASELINE).count();
        if (baselines != 1) {
            fail("timepoints", "one-baseline", "exactly one timepoint must be of kind baseline");
        }
        if (timepoints.stream().noneMatch(t -> t.kind() == TimepointKind.POST)) {
            fail("timepoints", "post-required", "at least one timepoint must be of kind post");
        }
        int baselineWeek = timepoints.stream().filter(t -> t.kind() == TimepointKind.BASELINE)
                .mapToInt(Timepoint::week).min().orElse(0);
        for (int i = 0; i < timepoints.size(); i++) {
            Timepoint timepoint = timepoints.get(i);
            String path = "timepoints[" + i + "]";
            code(path + ".id", timepoint.id());
            if (timepoint.week() < 0) {
                fail(path + ".week", "min", "must not be negative");
            } else if (timepoint.kind() != TimepointKind.BASELINE && timepoint.week() <= baselineWeek) {
                fail(path + ".week", "week-order", "must come after the baseline week");
            }
            for (int j = 0; j < timepoint.instruments().size(); j++) {
                String instrument = timepoint.instruments().get(j);
                if (protocol.instrument(instrument).isEmpty()) {
                    fail(path + ".instruments[" + j + "]", "unknown-instrument", "no instrument has id '" + instrument + "'");
                }
            }
            unique(path + ".instruments", timepoint.instruments(), Function.identity());
        }
    }

    private void intervention() {
        Intervention intervention = protocol.intervention();
        positive("intervention.sessions", intervention.sessions());
        positive("intervention.sessionMinutes", intervention.sessionMinutes());
        positive("intervention.sessionsPerWeek", intervention.sessionsPerWeek());
        if (intervention.absencesExcludingPerProtocol() < 1
                || intervention.absencesExcludingPerProtocol() > intervention.sessions()) {
            fail("intervention.absencesExcludingPerProtocol", "range", "must be between 1 and the number of sessions");
        }
    }

    private void outcomes() {
        Outcomes outcomes = protocol.outcomes();
        if (outcomes.primary().isEmpty()) {
            fail("outcomes.primary", "min-items", "at least one primary outcome is required");
        }
        Set<Outcome> seen = new HashSet<>();
        outcomeList("outcomes.primary", outcomes.primary(), seen);
        outcomeList("outcomes.secondary", outcomes.secondary(), seen);
    }

    private void outcomeList(String path, List<Outcome> outcomes, Set<Outcome> seen) {
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome outcome = outcomes.get(i);
            String at = path + "[" + i + "]";
            if (!seen.add(outcome)) {
                fail(at, "duplicate-outcome", "the same outcome is named twice");
            }
            protocol.instrument(outcome.instrument()).ifPresentOrElse(instrument -> {
                if (outcome.subscale() != null
                        && instrument.subscales().stream().noneMatch(s -> s.id().equals(outcome.subscale()))) {
                    fail(at + ".subscale", "unknown-subscale", "instrument '" + instrument.id()
                            + "' has no subscale '" + outcome.subscale() + "'");
                }
            }, () -> fail(at + ".instrument", "unknown-instrument", "no instrument has id '" + outcome.instrument() + "'"));
            protocol.timepoint(outcome.timepoint()).ifPresentOrElse(timepoint -> {
                if (timepoint.kind() == TimepointKind.BASELINE) {
                    fail(at + ".timepoint", "outcome-at-baseline", "an outcome is compared after baseline");
                } else if (!measuredAt(outcome.instrument(), timepoint) || !measuredAtBaseline(outcome.instrument())) {
                    fail(at + ".instrument", "not-measured", "the instrument must be given at baseline and at '"
                            + timepoint.id() + "' for the baseline-adjusted analysis");
                }
            }, () -> fail(at + ".timepoint", "unknown-timepoint", "no timepoint has id '" + outcome.timepoint() + "'"));
        }
    }

    private boolean measuredAt(String instrument, Timepoint timepoint) {
        return timepoint.instruments().contains(instrument);
    }

    private boolean measuredAtBaseline(String instrument) {
        return protocol.timepoints().stream()
                .anyMatch(t -> t.kind() == TimepointKind.BASELINE && measuredAt(instrument, t));
    }

    private void analysis() {
        double alpha = protocol.analysis().alpha();
        if (!(alpha > 0 && alpha <= 0.5)) {
            fail("analysis.alpha", "range", "must be greater than 0 and at most 0.5");
        }
    }

    private void unblinding() {
        List<String> roles = protocol.emergencyUnblinding().roles();
        if (roles.isEmpty()) {
            fail("emergencyUnblinding.roles", "min-items", "at least one role must be able to unblind in an emergency");
        }
        for (int i = 0; i < roles.size(); i++) {
            if (!EmergencyUnblinding.ALLOWED.contains(roles.get(i))) {
                fail("emergencyUnblinding.roles[" + i + "]", "one-of", "must be one of " + EmergencyUnblinding.ALLOWED);
            }
        }
        unique("emergencyUnblinding.roles", roles, Function.identity());
    }

    private void positive(String path, int value) {
        if (value < 1) {
            fail(path, "min", "must be at least 1");
        }
    }

    private void code(String path, String value) {
        if (value != null && !CODE.matcher(value).matches()) {
            fail(path, "pattern", "must be 1-32 letters, digits, '_' or '-', starting with a letter or digit");
        }
    }

    private void notApplicable(String path, boolean present, ProtocolCode context) {
        if (present) {
            fail(path, "not-applicable", "does not apply to " + context.code());
        }
    }

    private <T, K> void unique(String path, List<T> items, Function<T, K> key) {
        Set<K> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            K value = key.apply(items.get(i));
            if (value != null && !seen.add(value)) {
                fail(path + "[" + i + "]", "duplicate-id", "'" + value + "' appears more than once");
            }
        }
    }

    private void fail(String path, String rule, String message) {
        violations.add(new Violation(path, rule, message));
    }
}
