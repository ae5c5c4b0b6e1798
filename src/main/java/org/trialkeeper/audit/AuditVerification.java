package org.trialkeeper.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

/** The result of walking the chain: intact, or the first record that is not. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditVerification(boolean intact, long recordsChecked, Long firstBadSeq, String problem,
                                String detail) {
}
