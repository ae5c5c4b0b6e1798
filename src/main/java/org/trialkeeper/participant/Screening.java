package org.trialkeeper.participant;

import org.trialkeeper.problem.Violation;
import org.trialkeeper.protocol.BaselineCharacteristic;
import org.trialkeeper.protocol.CharacteristicType;
import org.trialkeeper.protocol.Criterion;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.protocol.Site;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a screening record against the protocol and decides its outcome: eligible when every
 * inclusion criterion is met and no exclusion criterion applies; then enrolled if consent was
 * given, declined otherwise.
 */
final class Screening {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");

    record Outcome(ParticipantStatus status, List<String> failedCriteria, Map<String, Object> baseline,
                   Map<String, Boolean> answers, Consent consent) {
    }

    private Screening() {
    }

    static Outcome decide(Protocol protocol, ScreeningRequest request, List<Violation> violations) {
        if (request.code() == null || !CODE.matcher(request.code()).matches()) {
            violations.add(new Violation("code", "pattern",
                    "a pseudonymous code of 1-32 letters, digits, '_' or '-' (never a name)"));
        }
        if (request.site() == null || protocol.sites().stream().map(Site::code).noneMatch(request.site()::equals)) {
            violations.add(new Violation("site", "one-of", "must be one of the protocol's sites "
                    + protocol.sites().stream().map(Site::code).toList()));
        }
        Map<String, Object> baseline = baseline(protocol, request.baseline(), violations);
        Map<String, Boolean> answers = answers(protocol, request.eligibility(), violations);
        Consent consent = consent(request.consent(), violations);
        if (!violations.isEmpty()) {
            return null;
        }
        List<String> failed = new ArrayList<>();
        protocol.eligibility().inclusion().stream().filter(c -> !answers.get(c.id())).forEach(c -> failed.add(c.id()));
        protocol.eligibility().exclusion().stream().filter(c -> answers.get(c.id())).forEach(c -> failed.add(c.id()));
        ParticipantStatus status = !failed.isEmpty() ? ParticipantStatus.INELIGIBLE
                : consent == Consent.GIVEN ? ParticipantStatus.ENROLLED : ParticipantStatus.DECLINED;
        return new Outcome(status, failed, baseline, answers, consent);
    }

    private static Map<String, Object> baseline(Protocol protocol, Map<String, Object> given, List<Violation> violations) {
        Map<String, Object> values = given == null ? Map.of() : given;
        Map<String, Object> checked = new LinkedHashMap<>();
        for (String key : values.keySet()) {
            if (protocol.characteristic(key).isEmpty()) {
                violations.add(new Violation("baseline." + key, "unknown-key", "is not a baseline characteristic of the protocol"));
            }
        }
        for (BaselineCharacteristic characteristic : protocol.baseline()) {
            String path = "baseline." + characteristic.id();
            Object value = values.get(characteristic.id());
            if (value == null) {
                violations.add(new Violation(path, "required", "is required"));
            } else if (characteristic.type() == CharacteristicType.NUMBER) {
                if (!(value instanceof Number number) || !Double.isFinite(number.doubleValue())) {
                    violations.add(new Violation(path, "type", "must be a number"));
                } else if ((characteristic.min() != null && number.doubleValue() < characteristic.min())
                        || (characteristic.max() != null && number.doubleValue() > characteristic.max())) {
                    violations.add(new Violation(path, "range", "must be between " + characteristic.min()
                            + " and " + characteristic.max()));
                } else {
                    checked.put(characteristic.id(), new BigDecimal(number.toString()));
                }
            } else if (!(value instanceof String level) || !characteristic.levels().contains(level)) {
                violations.add(new Violation(path, "one-of", "must be one of " + characteristic.levels()));
            } else {
                checked.put(characteristic.id(), level);
            }
        }
        return checked;
    }

    private static Map<String, Boolean> answers(Protocol protocol, Map<String, Object> given, List<Violation> violations) {
        Map<String, Object> values = given == null ? Map.of() : given;
        List<Criterion> criteria = new ArrayList<>(protocol.eligibility().inclusion());
        criteria.addAll(protocol.eligibility().exclusion());
        for (String key : values.keySet()) {
            if (criteria.stream().noneMatch(c -> c.id().equals(key))) {
                violations.add(new Violation("eligibility." + key, "unknown-key", "is not an eligibility criterion of the protocol"));
            }
        }
        Map<String, Boolean> answers = new LinkedHashMap<>();
        for (Criterion criterion : criteria) {
            Object value = values.get(criterion.id());
            if (value instanceof Boolean answer) {
                answers.put(criterion.id(), answer);
            } else {
                violations.add(new Violation("eligibility." + criterion.id(), value == null ? "required" : "type",
                        "must be true (the criterion applies) or false"));
            }
        }
        return answers;
    }

    private static Consent consent(String given, List<Violation> violations) {
        for (Consent consent : Consent.values()) {
            if (consent.name().equalsIgnoreCase(given == null ? "" : given.strip())) {
                return consent;
            }
        }
        violations.add(new Violation("consent", given == null ? "required" : "one-of", "must be given or declined"));
        return null;
    }
}
