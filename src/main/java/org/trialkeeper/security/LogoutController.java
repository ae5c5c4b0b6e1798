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

@Controller("/api/logout")
@ProblemAnswers
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Users")
record LogoutController(AccountAdministration administration) {

    @Post

    @WriteAnswers
    @Status(HttpStatus.NO_CONTENT)
    @Permit(signedIn = true, duringPasswordChange = true)
    @Operation(summary = "Sign out: every token and page session of yours ends at once")
    void logout(@Parameter(hidden = true) Actor actor) {
        administration.signOut(actor);
    }
}
