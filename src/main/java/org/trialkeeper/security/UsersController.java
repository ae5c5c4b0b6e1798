package org.trialkeeper.security;

import org.trialkeeper.access.Permit;
import org.trialkeeper.access.Role;
import org.trialkeeper.access.Actor;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.net.URI;
import java.util.List;
import org.trialkeeper.problem.ProblemAnswers;
import org.trialkeeper.problem.WriteAnswers;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.MediaType;
import org.trialkeeper.problem.Problem;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

@Controller("/api/users")
@ProblemAnswers
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "session")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Users")
record UsersController(UserService users) {

    @Post
    @WriteAnswers
    @Permit(Role.ADMIN)
    @Operation(summary = "Create a user; the password given is one-time and must be changed at first login")
    @Status(HttpStatus.CREATED)
    HttpResponse<UserView> create(@Parameter(hidden = true) Actor actor, @Body @Nullable NewUser user) {
        UserView created = users.create(actor, user == null ? new NewUser(null, null, null) : user);
        return HttpResponse.created(created, URI.create("/api/users/" + created.id()));
    }

    @Get
    @Permit(Role.ADMIN)
    @Operation(summary = "Every user, with their memberships")
    List<UserView> list() {
        return users.list();
    }

    @Get("/{userId}")
    @Permit(Role.ADMIN)
    @Operation(summary = "One user")
    UserView find(@PathVariable long userId) {
        return users.find(userId);
    }

    @Get("/me")
    @Permit(signedIn = true, duringPasswordChange = true)
    @Operation(summary = "The signed-in user, with their memberships")
    UserView me(@Parameter(hidden = true) Actor actor) {
        return users.find(actor.userId());
    }

    @Post("/me/password")
    @WriteAnswers
    @Status(HttpStatus.NO_CONTENT)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Permit(signedIn = true, duringPasswordChange = true)
    @Operation(summary = "Change your own password; sign in again afterwards")
    void changePassword(@Parameter(hidden = true) Actor actor, @Body @Nullable PasswordChange change) {
        users.changeOwnPassword(actor, change == null ? new PasswordChange(null, null) : change);
    }
}
