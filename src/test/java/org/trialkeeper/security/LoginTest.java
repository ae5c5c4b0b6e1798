package org.trialkeeper.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.trialkeeper.audit.AuditView;
import org.trialkeeper.support.Api;
import org.trialkeeper.support.FromAddress;

import java.io.IOException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class LoginTest {

    private static final String SECRET = "a-test-signing-secret-that-is-long-enough-for-hs256";

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    EmbeddedServer server;

    @Inject
    UserRepository users;

    @Test
    void aLoginAnswersAShortLivedBearerToken() {
        Map<?, ?> answer = client().retrieve(HttpRequest.POST("/api/login",
                Map.of("username", "admin", "password", Api.ADMIN_PASSWORD)), Map.class);
        String token = (String) answer.get("access_token");
        assertEquals(3, token.split("\\.").length);
        assertEquals(900, ((Number) answer.get("expires_in")).intValue());
        Map<?, ?> me = client().retrieve(HttpRequest.GET("/api/users/me").bearerAuth(token), Map.class);
        assertEquals("admin", me.get("username"));
    }

    @Test
    void aWrongPasswordAndAnUnknownUserAreAnsweredAlike() {
        assertProblem(HttpStatus.UNAUTHORIZED, "invalid-credentials", () -> login("admin", "not-the-password"));
        assertProblem(HttpStatus.UNAUTHORIZED, "invalid-credentials", () -> login("nobody-at-all", "not-the-password"));
    }

    @Test
    void aLoginWithoutUsernameOrPasswordIsAMalformedRequestNotAFailedAttempt() {
        assertProblem(HttpStatus.BAD_REQUEST, "invalid-request", () -> client().exchange(
                HttpRequest.POST("/api/login", "{}").contentType(MediaType.APPLICATION_JSON_TYPE)));
        assertProblem(HttpStatus.BAD_REQUEST, "invalid-request", () -> login("admin", ""));
    }

    @Test
    void repeatedFailuresMakeTheirSourceWaitWhileTheOwnerSignsInFromAnother() throws IOException {
        Api admin = Api.admin(http);
        String username = Api.unique("guessed");
        admin.createMember(username);
        FromAddress attacker = new FromAddress("127.0.0.2", server.getPort());
        for (int i = 0; i < 5; i++) {
            // a forwarded address is not believed unless configured: each claims another source
            FromAddress.Answer refused = attacker.postJson("/api/login", credentials(username, "a-wrong-guess-1"),
                    "X-Forwarded-For", "192.0.2." + (i + 1));
            assertEquals(401, refused.status());
        }
        FromAddress.Answer throttled = attacker.postJson("/api/login", credentials(username, Api.MEMBER_PASSWORD));
        assertEquals(429, throttled.status());
        assertEquals("application/problem+json", throttled.header("Content-Type"));
        assertTrue(throttled.body().contains("\"urn:trialkeeper:problem:login-throttled\""), throttled.body());
        long retryAfter = Long.parseLong(throttled.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 300, "Retry-After " + retryAfter);
        assertEquals(username, login(username, Api.MEMBER_PASSWORD).get("username"), "the owner, from 127.0.0.1");
        List<String> actions = admin.wholeTrail().stream()
                .filter(record -> username.equals(record.username())).map(AuditView::action).toList();
        assertEquals(5, actions.stream().filter("login.failed"::equals).count(), actions.toString());
        assertEquals(1, actions.stream().filter("login.throttled"::equals).count(), actions.toString());
    }

    @Test
    void anExpiredTokenIsRefused() throws JOSEException {
        String expired = sign(SECRET, Instant.now().minusSeconds(60));
        assertProblem(HttpStatus.UNAUTHORIZED, "unauthenticated",
                () -> client().exchange(HttpRequest.GET("/api/users/me").bearerAuth(expired)));
        String fresh = sign(SECRET, Instant.now().plusSeconds(60));
        assertEquals("admin", client().retrieve(HttpRequest.GET("/api/users/me").bearerAuth(fresh), Map.class).get("username"));
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefused() throws JOSEException {
        String forged = sign("another-secret-of-the-same-length-as-the-real-one", Instant.now().plusSeconds(60));
        assertProblem(HttpStatus.UNAUTHORIZED, "unauthenticated",
                () -> client().exchange(HttpRequest.GET("/api/users/me").bearerAuth(forged)));
    }

    @Test
    void aOneTimePasswordMustBeChangedBeforeAnythingElse() {
        Api admin = Api.admin(http);
        String username = Api.unique("newcomer");
        admin.retrieve(HttpRequest.POST("/api/users", Map.of("username", username, "password", "one-time-password-1")), Map.class);
        Map<?, ?> answer = login(username, "one-time-password-1");
        assertEquals(true, answer.get("mustChangePassword"));
        String oneTime = (String) answer.get("access_token");
        HttpClientResponseException refused = assertProblem(HttpStatus.FORBIDDEN, "password-change-required",
                () -> client().exchange(HttpRequest.GET("/api/trials").bearerAuth(oneTime)));
        assertTrue(String.valueOf(refused.getResponse().getBody(Map.class).orElseThrow().get("detail"))
                .contains("POST /api/users/me/password"), "the refusal says where the password is replaced");
        assertEquals(true, client().retrieve(HttpRequest.GET("/api/users/me").bearerAuth(oneTime), Map.class)
                .get("mustChangePassword"));
        assertProblem(HttpStatus.BAD_REQUEST, "invalid-request", () -> client().exchange(HttpRequest.POST(
                "/api/users/me/password", Map.of("currentPassword", "one-time-password-1", "newPassword", "short"))
                .bearerAuth(oneTime)));
        client().exchange(HttpRequest.POST("/api/users/me/password",
                Map.of("currentPassword", "one-time-password-1", "newPassword", "my-own-password-1")).bearerAuth(oneTime));
        assertProblem(HttpStatus.UNAUTHORIZED, "invalid-credentials", () -> login(username, "one-time-password-1"));
        String token = (String) login(username, "my-own-password-1").get("access_token");
        assertEquals(List.of(), client().retrieve(HttpRequest.GET("/api/trials").bearerAuth(token), Argument.listOf(Map.class)));
    }

    private String sign(String secret, Instant expiry) throws JOSEException {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("admin").claim(LoginController.USER_ID, 1)
                .claim(LoginController.PASSWORD_CHANGE, false)
                .claim(SignIn.SESSION_VERSION, users.findById(1L).orElseThrow().sessionVersion())
                .issueTime(Date.from(expiry.minusSeconds(900))).expirationTime(Date.from(expiry)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }

    private static String credentials(String username, String password) {
        return "{\"username\": \"" + username + "\", \"password\": \"" + password + "\"}";
    }

    private Map<?, ?> login(String username, String password) {
        return client().retrieve(HttpRequest.POST("/api/login", Map.of("username", username, "password", password)), Map.class);
    }

    private HttpClientResponseException assertProblem(HttpStatus status, String code, Runnable call) {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, call::run);
        assertEquals(status, e.getStatus());
        assertEquals("application/problem+json", e.getResponse().getContentType().map(MediaType::getName).orElse(""));
        assertEquals("urn:trialkeeper:problem:" + code, e.getResponse().getBody(Map.class).orElseThrow().get("type"));
        return e;
    }

    private BlockingHttpClient client() {
        return http.toBlocking();
    }
}
