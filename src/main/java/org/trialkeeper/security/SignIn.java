package org.trialkeeper.security;

import org.trialkeeper.access.Role;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import jakarta.inject.Singleton;
import org.trialkeeper.problem.ProblemCode;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.problem.Violation;

import java.util.List;
import java.util.Map;

/**
 * Checks a username and password (throttled by the request's source) and signs a short-lived
 * token: what the API's login answers as a bearer token and the web pages keep in a cookie.
 */
@Singleton
public class SignIn {

    private final LoginService logins;
    private final LoginSource sources;
    private final TokenGenerator tokens;
    private final int expirySeconds;

    SignIn(LoginService logins, LoginSource sources, TokenGenerator tokens,
           @Value("${micronaut.security.token.jwt.generator.access-token.expiration:900}") int expirySeconds) {
        this.logins = logins;
        this.sources = sources;
        this.tokens = tokens;
        this.expirySeconds = expirySeconds;
    }

    /** A signed-in user's token, how long it lasts, and whether the password must be changed first. */
    public record Session(String token, int expiresIn, String username, boolean mustChangePassword) {
    }

    /**
     * @throws ProblemException 400 when the username or password is missing (not an attempt, so
     *                          not audited), 401 for wrong credentials, 429 while the request's source
     *                          or the name from that source is throttled, 503 when too many logins run at once
     */
    public Session attempt(HttpRequest<?> request, String username, String password) {
        List<Violation> missing = new java.util.ArrayList<>();
        if (username == null || username.isBlank()) {
            missing.add(new Violation("username", "required", "is required"));
        }
        if (password == null || password.isEmpty()) {
            missing.add(new Violation("password", "required", "is required"));
        }
        if (!missing.isEmpty()) {
            throw ProblemException.invalidRequest(missing);
        }
        LoginService.Outcome outcome = logins.attempt(username, password, sources.of(request));
        if (outcome instanceof LoginService.Throttled throttled) {
            throw new ProblemException(ProblemCode.LOGIN_THROTTLED, "Too many failed logins; try again in "
                    + ProblemException.wholeSeconds(throttled.retryAfter()) + " s").retryAfter(throttled.retryAfter());
        }
        if (!(outcome instanceof LoginService.SignedIn signedIn)) {
            throw new ProblemException(ProblemCode.INVALID_CREDENTIALS,
                    "The username or password is wrong");
        }
        UserAccount account = signedIn.account();
        Authentication authentication = Authentication.build(account.username(),
                account.admin() ? List.of(Role.ADMIN.name()) : List.of(),
                Map.of(LoginController.USER_ID, account.id(), LoginController.PASSWORD_CHANGE, account.mustChangePassword()));
        String token = tokens.generateToken(authentication, expirySeconds)
                .orElseThrow(() -> new IllegalStateException("No token could be signed"));
        return new Session(token, expirySeconds, account.username(), account.mustChangePassword());
    }
}
