package org.trialkeeper.security;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.problem.ProblemKind;

import java.util.List;
import java.util.Map;

@Controller("/api/login")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Users")
class LoginController {

    static final String USER_ID = "uid";
    static final String PASSWORD_CHANGE = "pwchange";

    private final LoginService logins;
    private final TokenGenerator tokens;
    private final int expirySeconds;

    LoginController(LoginService logins, TokenGenerator tokens,
                    @Value("${micronaut.security.token.jwt.generator.access-token.expiration:900}") int expirySeconds) {
        this.logins = logins;
        this.tokens = tokens;
        this.expirySeconds = expirySeconds;
    }

    @Serdeable
    record Token(String access_token, String token_type, int expires_in, String username,
                 boolean mustChangePassword) {
    }

    @Post
    @Permit(anonymous = true)
    @Operation(summary = "Sign in with username and password; answers a short-lived bearer token")
    Token login(@Body @Nullable Credentials credentials) {
        Credentials given = credentials == null ? new Credentials(null, null) : credentials;
        LoginService.Outcome outcome = logins.attempt(given.username(), given.password());
        if (outcome instanceof LoginService.Throttled throttled) {
            throw new ProblemException(ProblemKind.THROTTLED, "login-throttled", "Too many failed logins",
                    "This account is locked after repeated failed logins; try again later")
                    .retryAfter(throttled.retryAfter());
        }
        if (!(outcome instanceof LoginService.SignedIn signedIn)) {
            throw new ProblemException(ProblemKind.UNAUTHENTICATED, "invalid-credentials", "Invalid credentials",
                    "The username or password is wrong");
        }
        UserAccount account = signedIn.account();
        Authentication authentication = Authentication.build(account.username(),
                account.admin() ? List.of(Role.ADMIN.name()) : List.of(),
                Map.of(USER_ID, account.id(), PASSWORD_CHANGE, account.mustChangePassword()));
        String token = tokens.generateToken(authentication, expirySeconds)
                .orElseThrow(() -> new IllegalStateException("No token could be signed"));
        return new Token(token, "Bearer", expirySeconds, account.username(), account.mustChangePassword());
    }
}
