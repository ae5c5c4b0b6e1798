package org.trialkeeper.assessment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** New answers for an assessment already entered, and why they replace the old ones. */
@Serdeable
public record CorrectionRequest(@Nullable List<Object> responses, @Nullable String guess, @Nullable String reason) {
}
