package org.trialkeeper.protocol;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** The registry details' dates are calendar dates, so that a registry's form takes them as they are. */
final class RegistryRules {

    private RegistryRules() {
    }

    static void check(ProtocolCheck check) {
        RegistryDetails registry = check.protocol().registry();
        date(check, "registry.registeredOn", registry.registeredOn());
        date(check, "registry.firstEnrolment", registry.firstEnrolment());
        date(check, "registry.ethicsApprovedOn", registry.ethicsApprovedOn());
        date(check, "registry.completion", registry.completion());
    }

    private static void date(ProtocolCheck check, String path, String value) {
        if (value == null) {
            return;
        }
        try {
            LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            check.fail(path, "date", "must be a date as YYYY-MM-DD");
        }
    }
}
