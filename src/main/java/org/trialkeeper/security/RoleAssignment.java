package org.trialkeeper.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** The complete set of a user's roles in one trial; an empty list ends the membership. */
@Serdeable
public record RoleAssignment(@Nullable List<String> roles) {
}
