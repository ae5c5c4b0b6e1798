package org.trialkeeper.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * Who is told at once of a serious adverse event: the trial roles the protocol names
 * (INVESTIGATOR unless it says). Never the assessor, whom an adverse event could unblind.
 */
@Serdeable
public record Harms(@JsonProperty("notify") List<String> notifiedRoles) {

    static final List<String> ALLOWED = List.of("COORDINATOR", "INVESTIGATOR", "STATISTICIAN");
    static final Harms DEFAULT = new Harms(List.of("INVESTIGATOR"));

    public boolean notifies(String role) {
        return notifiedRoles.contains(role);
    }
}
