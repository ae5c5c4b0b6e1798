package org.trialkeeper.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.trialkeeper.access.Actor;
import org.trialkeeper.access.Permit;
import org.trialkeeper.access.Role;
import org.trialkeeper.problem.ProblemAnswers;
import org.trialkeeper.problem.WriteAnswers;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.MediaType;
import org.trialkeeper.problem.Problem;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

@Controller("/api/users/{userId}")
@ProblemAnswers
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "session")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Users")
record AccountsController(AccountAdministration administration) {

    @Put("/active")
    @WriteAnswers
    @Permit(Role.ADMIN)
    @Operation(summary = "Disable (false) or re-enable (true) an account; disabling ends its sessions at once."
            + " The last active administrator cannot be disabled (409 last-administrator)")
    UserView active(@Parameter(hidden = true) Actor actor, @PathVariable long userId,
                    @Body @Nullable AccountChange.Active change) {
        return administration.setActive(actor, userId, change == null ? new AccountChange.Active(null) : change);
    }

    @Put("/admin")
    @WriteAnswers
    @Permit(Role.ADMIN)
    @Operation(summary = "Grant (true) or remove (false) administration; removing it ends the user's sessions."
            + " The last active administrator keeps it (409 last-administrator)")
    UserView admin(@Parameter(hidden = true) Actor actor, @PathVariable long userId,
                   @Body @Nullable AccountChange.Admin change) {
        return administration.setAdmin(actor, userId, change == null ? new AccountChange.Admin(null) : change);
    }

    @Put("/password")
    @WriteAnswers
    @Status(HttpStatus.NO_CONTENT)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Permit(Role.ADMIN)
    @Operation(summary = "Give the user a one-time password, to be replaced at the next sign-in; ends the user's sessions")
    void password(@Parameter(hidden = true) Actor actor, @PathVariable long userId,
                  @Body @Nullable AccountChange.OneTimePassword change) {
        administration.resetPassword(actor, userId, change == null ? new AccountChange.OneTimePassword(null) : change);
    }
}
