package org.trialkeeper.security;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.trialkeeper.access.Actor;
import org.trialkeeper.access.Permit;
import org.trialkeeper.problem.ProblemAnswers;
import org.trialkeeper.problem.WriteAnswers;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.MediaType;
import org.trialkeeper.problem.Problem;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

@Controller("/api/logout")
@ProblemAnswers
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "session")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Users")
record LogoutController(AccountAdministration administration) {

    @Post
    @WriteAnswers
    @Status(HttpStatus.NO_CONTENT)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Permit(signedIn = true, duringPasswordChange = true)
    @RequestBody(required = false, description = "None is needed; one sent is ignored",
            content = @Content(mediaType = "application/json", schema = @Schema(type = "object")))
    @Operation(summary = "Sign out: every token and page session of yours ends at once")
    void logout(@Parameter(hidden = true) Actor actor) {
        administration.signOut(actor);
    }
}
