package org.trialkeeper.security;

import org.trialkeeper.access.Role;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/** A user as admins and the user see them; never the password hash. */
@Serdeable
public record UserView(long id, String username, boolean admin, boolean active, boolean mustChangePassword,
                       List<TrialRoles> memberships, Instant createdAt) {

    @Serdeable
    public record TrialRoles(long trialId, List<Role> roles) {
    }
}
