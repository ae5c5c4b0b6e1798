package org.trialkeeper.security;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.support.Api;
import org.trialkeeper.support.Sessions;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whatever takes access away takes it away at once, from every token and page session the user holds. */
@MicronautTest(transactional = false)
class SessionRevocationTest {

    private static final String ONE_TIME = "a-one-time-password-9";

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void signingOutOnTheApiEndsEveryTokenAndPageSessionOfTheUser() {
        String username = member();
        String first = login(username, Api.MEMBER_PASSWORD);
        String second = login(username, Api.MEMBER_PASSWORD);
        assertEquals(200, Sessions.send(http, HttpRequest.GET("/app"), second).getStatus().getCode());

        HttpResponse<?> signedOut = http.toBlocking().exchange(HttpRequest.POST("/api/logout", "").bearerAuth(first));
        assertEquals(204, signedOut.getStatus().getCode());

        assertUnauthenticated(HttpRequest.GET("/api/users/me").bearerAuth(first));
        assertUnauthenticated(HttpRequest.GET("/api/users/me").bearerAuth(second));
        assertTrue(Sessions.toSignIn(Sessions.send(http, HttpRequest.GET("/app"), second)), "the page session ended");
        assertUnauthenticated(HttpRequest.POST("/api/logout", "").bearerAuth(first));
        assertEquals(username, me(login(username, Api.MEMBER_PASSWORD)).get("username"), "a new sign-in works");
    }

    @Test
    void signingOutOnThePagesEndsTheCookieAndTheBearerTokens() {
        String username = member();
        String bearer = login(username, Api.MEMBER_PASSWORD);
        String cookie = login(username, Api.MEMBER_PASSWORD);
        HttpResponse<String> page = Sessions.send(http, HttpRequest.GET("/app"), cookie);

        HttpResponse<String> signedOut = Sessions.send(http, HttpRequest.POST("/app/logout", "_csrf=" + Sessions.csrf(page))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE), cookie);

        assertTrue(Sessions.toSignIn(signedOut), "signed out to the sign-in page");
        assertTrue(Sessions.toSignIn(Sessions.send(http, HttpRequest.GET("/app"), cookie)), "the old cookie is refused");
        assertUnauthenticated(HttpRequest.GET("/api/users/me").bearerAuth(bearer));
    }

    @Test
    void changingTheOwnPasswordEndsTheTokensSignedBefore() {
        String username = member();
        String other = login(username, Api.MEMBER_PASSWORD);
        String token = login(username, Api.MEMBER_PASSWORD);

        http.toBlocking().exchange(HttpRequest.POST("/api/users/me/password",
                Map.of("currentPassword", Api.MEMBER_PASSWORD, "newPassword", "a-new-password-of-mine")).bearerAuth(token));

        assertUnauthenticated(HttpRequest.GET("/api/users/me").bearerAuth(token));
        assertUnauthenticated(HttpRequest.GET("/api/users/me").bearerAuth(other));
        assertTrue(Sessions.toSignIn(Sessions.send(http, HttpRequest.GET("/app"), other)));
        assertEquals(username, me(login(username, "a-new-password-of-mine")).get("username"));
    }

    @Test
    void aDisabledUserIsSignedOutAtOnceAndCannotSignInUntilEnabled() {
        Api admin = Api.admin(http);
        String username = member();
        long userId = id(username);
        String token = login(username, Api.MEMBER_PASSWORD);

        admin.retrieve(HttpRequest.PUT("/api/users/" + userId + "/active", Map.of("active", false)), Map.class);

        assertUnauthenticated(HttpRequest.GET("/api/users/me").bearerAuth(token));
        assertTrue(Sessions.toSignIn(Sessions.send(http, HttpRequest.GET("/app"), token)));
        HttpClientResponseException refused = assertThrows(HttpClientResponseException.class,
                () -> login(username, Api.MEMBER_PASSWORD));
        assertEquals(401, refused.getStatus().getCode());

        admin.retrieve(HttpRequest.PUT("/api/users/" + userId + "/active", Map.of("active", true)), Map.class);
        assertUnauthenticated(HttpRequest.GET("/api/users/me").bearerAuth(token));
        assertEquals(username, me(login(username, Api.MEMBER_PASSWORD)).get("username"));
    }

    @Test
    void removedAdministrationStopsAtOnceAndIsReadFromTheDatabase() {
        Api admin = Api.admin(http);
        String username = member();
        long userId = id(username);
        String before = login(username, Api.MEMBER_PASSWORD);
        assertForbidden(HttpRequest.GET("/api/users").bearerAuth(before));

        admin.retrieve(HttpRequest.PUT("/api/users/" + userId + "/admin", Map.of("admin", true)), Map.class);
        assertTrue(list(before).size() > 1, "granted administration works on a token signed before the grant");

        admin.retrieve(HttpRequest.PUT("/api/users/" + userId + "/admin", Map.of("admin", false)), Map.class);
        assertUnauthenticated(HttpRequest.GET("/api/users").bearerAuth(before));
        assertForbidden(HttpRequest.GET("/api/users").bearerAuth(login(username, Api.MEMBER_PASSWORD)));
        assertForbidden(HttpRequest.GET("/app/admin/users").bearerAuth(login(username, Api.MEMBER_PASSWORD)));
    }

    @Test
    void aRevokedTrialRoleStopsAtOnce() {
        Api admin = Api.admin(http);
        long trialId = admin.register(ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, Api.unique("revoked")));
        String username = member();
        long userId = id(username);
        admin.assign(trialId, userId, "COORDINATOR");
        String token = login(username, Api.MEMBER_PASSWORD);
        String participants = "/api/trials/" + trialId + "/participants";
        assertEquals(200, http.toBlocking().exchange(HttpRequest.GET(participants).bearerAuth(token)).getStatus().getCode());

        admin.assign(trialId, userId);

        assertForbidden(HttpRequest.GET(participants).bearerAuth(token));
    }

    @Test
    void aOneTimePasswordFromAnAdministratorEndsTheSessionsAndMustBeChanged() {
        Api admin = Api.admin(http);
        String username = member();
        String token = login(username, Api.MEMBER_PASSWORD);

        admin.exchange(HttpRequest.PUT("/api/users/" + id(username) + "/password", Map.of("password", ONE_TIME)));

        assertUnauthenticated(HttpRequest.GET("/api/users/me").bearerAuth(token));
        assertThrows(HttpClientResponseException.class, () -> login(username, Api.MEMBER_PASSWORD));
        String oneTime = login(username, ONE_TIME);
        assertEquals(true, me(oneTime).get("mustChangePassword"));
        assertProblem(403, "password-change-required", HttpRequest.GET("/api/trials").bearerAuth(oneTime));
    }

    private String member() {
        String username = Api.unique("session");
        Api.admin(http).createMember(username);
        return username;
    }

    private long id(String username) {
        return ((Number) me(login(username, Api.MEMBER_PASSWORD)).get("id")).longValue();
    }

    private String login(String username, String password) {
        return Api.login(http.toBlocking(), username, password);
    }

    private Map<?, ?> me(String token) {
        return http.toBlocking().retrieve(HttpRequest.GET("/api/users/me").bearerAuth(token), Map.class);
    }

    private List<?> list(String token) {
        return http.toBlocking().retrieve(HttpRequest.GET("/api/users").bearerAuth(token), Argument.listOf(Map.class));
    }

    private void assertUnauthenticated(MutableHttpRequest<?> request) {
        assertProblem(401, "unauthenticated", request);
    }

    private void assertForbidden(MutableHttpRequest<?> request) {
        assertProblem(403, "forbidden", request);
    }

    private void assertProblem(int status, String code, MutableHttpRequest<?> request) {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(request, String.class));
        assertEquals(status, e.getStatus().getCode(), request.getPath());
        assertTrue(e.getResponse().getBody(String.class).orElse("").contains("urn:trialkeeper:problem:" + code),
                request.getPath() + ": " + e.getResponse().getBody(String.class).orElse(""));
    }
}
