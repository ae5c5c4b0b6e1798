package org.trialkeeper.security;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import jakarta.inject.Singleton;
import org.trialkeeper.problem.ProblemCode;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.problem.Violation;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a username and password (throttled by the request's source) and signs a short-lived
 * token: what the API's login answers as a bearer token and the web pages keep in a cookie. The
 * token holds no role: roles, administration included, are read from the database on every
 * request. It holds the account's session version, which the service raises to end every session
 * of the user, and an id of the sign-in that a renewed token keeps.
 */
@Singleton
public class SignIn {

    /** The claim holding the account's session version when the token was signed. */
    static final String SESSION_VERSION = "sv";
    /** The claim naming one sign-in; renewed tokens keep it, so the pages' CSRF token stays the same. */
    public static final String SESSION_ID = "sid";

    private final SecureRandom random = new SecureRandom();
    private final LoginService logins;
    private final LoginSource sources;
    private final TokenGenerator tokens;
    private final int expirySeconds;
    private final MeterRegistry meters;

    SignIn(LoginService logins, LoginSource sources, TokenGenerator tokens, MeterRegistry meters,
           @Value("${micronaut.security.token.jwt.generator.access-token.expiration:900}") int expirySeconds) {
        this.logins = logins;
        this.sources = sources;
        this.tokens = tokens;
        this.expirySeconds = expirySeconds;
        this.meters = meters;
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
        LoginService.Outcome outcome;
        try {
            outcome = logins.attempt(username, password, sources.of(request));
        } catch (ProblemException busy) {
            count("busy");
            throw busy;
        }
        count(outcome instanceof LoginService.SignedIn ? "signed-in"
                : outcome instanceof LoginService.Throttled ? "throttled" : "refused");
        if (outcome instanceof LoginService.Throttled throttled) {
            throw new ProblemException(ProblemCode.LOGIN_THROTTLED, "Too many failed logins; try again in "
                    + ProblemException.wholeSeconds(throttled.retryAfter()) + " s").retryAfter(throttled.retryAfter());
        }
        if (!(outcome instanceof LoginService.SignedIn signedIn)) {
            throw new ProblemException(ProblemCode.INVALID_CREDENTIALS,
                    "The username or password is wrong");
        }
        UserAccount account = signedIn.account();
        return sign(account.username(), account.id(), account.sessionVersion(), account.mustChangePassword(), newSessionId());
    }

    private void count(String outcome) {
        meters.counter("trialkeeper.sign.ins", "outcome", outcome).increment();
    }

    /**
     * A fresh token for a session still in use, with the same user, session version and sign-in
     * id; the caller has just had the presented token checked against the database.
     */
    public Session renew(Authentication current) {
        Map<String, Object> claims = current.getAttributes();
        if (!(claims.get(LoginController.USER_ID) instanceof Number userId)
                || !(claims.get(SESSION_VERSION) instanceof Number version)
                || !(claims.get(SESSION_ID) instanceof String sessionId)) {
            throw new IllegalArgumentException("Not a session of this service");
        }
        return sign(current.getName(), userId.longValue(), version.intValue(),
                Boolean.TRUE.equals(claims.get(LoginController.PASSWORD_CHANGE)), sessionId);
    }

    private Session sign(String username, long userId, int sessionVersion, boolean mustChangePassword, String sessionId) {
        Map<String, Object> claims = new HashMap<>();
        claims.put(LoginController.USER_ID, userId);
        claims.put(LoginController.PASSWORD_CHANGE, mustChangePassword);
        claims.put(SESSION_VERSION, sessionVersion);
        claims.put(SESSION_ID, sessionId);
        String token = tokens.generateToken(Authentication.build(username, List.of(), claims), expirySeconds)
                .orElseThrow(() -> new IllegalStateException("No token could be signed"));
        return new Session(token, expirySeconds, username, mustChangePassword);
    }

    private String newSessionId() {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
