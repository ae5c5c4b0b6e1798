package org.trialkeeper.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import io.swagger.v3.oas.annotations.media.Schema;

/** The complete set of a user's roles in one trial; an empty list ends the membership. */
@Serdeable
@Schema(example = "{\"roles\": [\"COORDINATOR\"]}")
public record RoleAssignment(@Nullable List<String> roles) {
}
