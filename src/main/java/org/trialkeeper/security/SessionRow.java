package org.trialkeeper.security;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import org.trialkeeper.access.Role;

/**
 * One row of a signed-in user's account as it is now, with one of the user's roles in the trial
 * the request names (none when the user holds no role there or the request names no trial).
 */
@Introspected
record SessionRow(boolean active, int sessionVersion, boolean admin, boolean mustChangePassword, @Nullable Role role) {
}
