package org.trialkeeper.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * What a trial registry asks for that the rest of the protocol does not say: dates, sponsors,
 * contacts, the condition studied, the data sharing plan. Every key is optional; what is left
 * out is listed as missing in the trial's registry record. Dates are ISO dates (2022-10-01),
 * anticipated or actual.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record RegistryDetails(String registeredOn, List<String> secondaryIds, List<String> funding,
                              String primarySponsor, List<String> secondarySponsors, String publicContact,
                              String scientificContact, String publicTitle, List<String> countries,
                              List<String> conditions, String purpose, String phase, String firstEnrolment,
                              String ethicsApprovedOn, String completion, String ipdSharing) {

    static final RegistryDetails NONE = new RegistryDetails(null, List.of(), List.of(), null, List.of(), null, null,
            null, List.of(), List.of(), null, null, null, null, null, null);
}
