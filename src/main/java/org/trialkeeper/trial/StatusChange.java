package org.trialkeeper.trial;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** The status a trial should move to, named as in {@link TrialStatus}. */
@Serdeable
@Schema(example = "{\"status\": \"RECRUITING\"}")
record StatusChange(@Nullable String status) {
}
