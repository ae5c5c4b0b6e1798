package org.trialkeeper.security;

import org.trialkeeper.access.Permit;
import org.trialkeeper.access.Role;
import org.trialkeeper.access.Actor;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;
import org.trialkeeper.problem.ProblemAnswers;
import org.trialkeeper.problem.WriteAnswers;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

@Controller("/api/trials/{trialId}/members")
@ProblemAnswers
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "session")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Users")
record MembersController(UserService users) {

    @Get
    @Permit({Role.ADMIN, Role.INVESTIGATOR})
    @Operation(summary = "The trial's members and their roles")
    List<MemberView> members(@PathVariable long trialId) {
        return users.members(trialId);
    }

    @Put("/{userId}")
    @WriteAnswers
    @Permit(Role.ADMIN)
    @Operation(summary = "Set a user's roles in the trial; an empty list revokes the membership")
    MemberView assign(@Parameter(hidden = true) Actor actor, @PathVariable long trialId, @PathVariable long userId,
                      @Body @Nullable RoleAssignment assignment) {
        return users.assignRoles(actor, trialId, userId, assignment == null ? new RoleAssignment(null) : assignment);
    }
}
