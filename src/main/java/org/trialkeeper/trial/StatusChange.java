package org.trialkeeper.trial;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** The status a trial should move to, named as in {@link TrialStatus}. */
@Serdeable
record StatusChange(@Nullable String status) {
}
