package org.trialkeeper.protocol;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** Which trial roles may unblind one participant in an emergency (INVESTIGATOR unless the protocol says). */
@Serdeable
public record EmergencyUnblinding(List<String> roles) {

    static final List<String> ALLOWED = List.of("COORDINATOR", "INVESTIGATOR", "STATISTICIAN");
    static final EmergencyUnblinding DEFAULT = new EmergencyUnblinding(List.of("INVESTIGATOR"));
}
