package org.trialkeeper.participant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/**
 * One screened person: a pseudonymous code (never a name), the site, a value for every baseline
 * characteristic, an answer for every eligibility criterion (true when it applies), and consent.
 */
@Serdeable
public record ScreeningRequest(@Nullable String code, @Nullable String site, @Nullable Map<String, Object> baseline,
                        @Nullable Map<String, Object> eligibility, @Nullable String consent) {
}
