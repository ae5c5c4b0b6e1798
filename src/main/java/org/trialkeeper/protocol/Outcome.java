package org.trialkeeper.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

/** An instrument's total (no subscale) or one of its subscales, compared at a timepoint. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Outcome(String instrument, String subscale, String timepoint) {
}
