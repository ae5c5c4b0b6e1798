package org.trialkeeper.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import com.nimbusds.jwt.JWTParser;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;
import jakarta.inject.Singleton;
import org.trialkeeper.security.SignIn;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;

/**
 * The web pages' session: the signed token in an HttpOnly, SameSite=Strict cookie (Secure when
 * the request came over HTTPS), and the CSRF token every form carries, derived from the sign-in's
 * id under the server's secret, so any instance can check it, nobody can forge it, and a form
 * stays good when its session is renewed. Before sign-in, the login form is protected by a
 * random token in a cookie of its own.
 */
@Singleton
public class WebSession {

    public static final String COOKIE = "TRIALKEEPER_SESSION";
    static final String LOGIN_COOKIE = "TRIALKEEPER_LOGIN";
    static final String FIELD = "_csrf";
    static final String HEADER = "X-CSRF-Token";

    /** The request attribute holding a session renewed for this request, whose cookie the answer sets. */
    static final String RENEWED = "trialkeeper.renewed-session";

    private final SecretSignatureConfiguration secret;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    WebSession(SecretSignatureConfiguration secret, Clock clock) {
        this.secret = secret;
        this.clock = clock;
    }

    Optional<String> token(HttpRequest<?> request) {
        return request.getCookies().findCookie(COOKIE).map(Cookie::getValue).filter(v -> !v.isBlank());
    }

    /** The CSRF token of the request's session, or of its login form before sign-in. */
    String csrf(HttpRequest<?> request) {
        return token(request).map(this::csrfOf)
                .orElseGet(() -> request.getCookies().findCookie(LOGIN_COOKIE).map(Cookie::getValue).orElse(""));
    }

    boolean validCsrf(HttpRequest<?> request, String given) {
        String expected = csrf(request);
        return given != null && !expected.isEmpty()
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    /** How long the request's session has left, counting a renewal made for it; empty without a session. */
    Optional<Long> secondsLeft(HttpRequest<?> request) {
        Optional<SignIn.Session> renewed = request.getAttribute(RENEWED, SignIn.Session.class);
        if (renewed.isPresent()) {
            return Optional.of((long) renewed.get().expiresIn());
        }
        return request.getUserPrincipal(Authentication.class)
                .flatMap(authentication -> instant(authentication.getAttributes().get("exp")))
                .map(expiry -> Math.max(0, Duration.between(clock.instant(), expiry).toSeconds()));
    }

    /** When the request's session was signed in or last renewed. */
    Optional<Instant> issuedAt(Authentication authentication) {
        return instant(authentication.getAttributes().get("iat"));
    }

    private static Optional<Instant> instant(Object claim) {
        if (claim instanceof Date date) {
            return Optional.of(date.toInstant());
        }
        if (claim instanceof Instant instant) {
            return Optional.of(instant);
        }
        return claim instanceof Number seconds ? Optional.of(Instant.ofEpochSecond(seconds.longValue())) : Optional.empty();
    }

    String newLoginToken() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    <T> MutableHttpResponse<T> withSession(HttpRequest<?> request, MutableHttpResponse<T> response, String token, int seconds) {
        return response.cookie(cookie(request, COOKIE, token, Duration.ofSeconds(seconds)))
                .cookie(cookie(request, LOGIN_COOKIE, "", Duration.ZERO));
    }

    <T> MutableHttpResponse<T> withLoginToken(HttpRequest<?> request, MutableHttpResponse<T> response, String token) {
        return response.cookie(cookie(request, LOGIN_COOKIE, token, Duration.ofMinutes(30)));
    }

    <T> MutableHttpResponse<T> withoutSession(HttpRequest<?> request, MutableHttpResponse<T> response) {
        return response.cookie(cookie(request, COOKIE, "", Duration.ZERO));
    }

    private static Cookie cookie(HttpRequest<?> request, String name, String value, Duration maxAge) {
        boolean https = request.isSecure() || "https".equalsIgnoreCase(request.getHeaders().get("X-Forwarded-Proto"));
        return Cookie.of(name, value).httpOnly(true).sameSite(SameSite.Strict).path("/").maxAge(maxAge).secure(https);
    }

    private String csrfOf(String sessionToken) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(("csrf:" + signInOf(sessionToken)).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The sign-in id a session token names, read without checking its signature: a forged cookie
     * gets no further than the sign-in check, and only its holder can compute its CSRF token. A
     * token without one stands for itself.
     */
    private static String signInOf(String sessionToken) {
        try {
            Object id = JWTParser.parse(sessionToken).getJWTClaimsSet().getClaim(SignIn.SESSION_ID);
            return id instanceof String sid ? "sid:" + sid : sessionToken;
        } catch (ParseException e) {
            return sessionToken;
        }
    }
}
