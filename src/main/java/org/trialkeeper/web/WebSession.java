package org.trialkeeper.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;
import jakarta.inject.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * The web pages' session: the signed token in an HttpOnly, SameSite=Strict cookie (Secure when
 * the request came over HTTPS), and the CSRF token every form carries, derived from the session
 * token under the server's secret, so any instance can check it and nobody can forge it.
 * Before sign-in, the login form is protected by a random token in a cookie of its own.
 */
@Singleton
public class WebSession {

    public static final String COOKIE = "TRIALKEEPER_SESSION";
    static final String LOGIN_COOKIE = "TRIALKEEPER_LOGIN";
    static final String FIELD = "_csrf";
    static final String HEADER = "X-CSRF-Token";

    private final SecretSignatureConfiguration secret;
    private final SecureRandom random = new SecureRandom();

    WebSession(SecretSignatureConfiguration secret) {
        this.secret = secret;
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
                    .encodeToString(mac.doFinal(("csrf:" + sessionToken).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
