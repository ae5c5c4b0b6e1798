package org.trialkeeper.security;

import org.trialkeeper.access.Permit;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.trialkeeper.problem.ProblemAnswers;
import org.trialkeeper.problem.ThrottledAnswers;
import org.trialkeeper.problem.WriteAnswers;


@Controller("/api/login")
@ProblemAnswers
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Users")
class LoginController {

    static final String USER_ID = "uid";
    static final String PASSWORD_CHANGE = "pwchange";

    private final SignIn signIn;

    LoginController(SignIn signIn) {
        this.signIn = signIn;
    }

    @Serdeable
    record Token(String access_token, String token_type, int expires_in, String username,
                 boolean mustChangePassword) {
    }

    @Post
    @ThrottledAnswers
    @WriteAnswers
    @Permit(anonymous = true)
    @Operation(summary = "Sign in with username and password; answers a short-lived bearer token")
    Token login(HttpRequest<?> request, @Body @Nullable Credentials credentials) {
        Credentials given = credentials == null ? new Credentials(null, null) : credentials;
        SignIn.Session session = signIn.attempt(request, given.username(), given.password());
        return new Token(session.token(), "Bearer", session.expiresIn(), session.username(), session.mustChangePassword());
    }
}
