package org.trialkeeper.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.trialkeeper.support.Api;
import org.trialkeeper.support.Sessions;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A page session lives on while it is used, and forms already open survive its renewal. */
@MicronautTest(transactional = false)
class SessionRenewalTest {

    private static final Pattern SECONDS = Pattern.compile("data-expires-in=\"(\\d+)\"");

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    DataSource dataSource;

    @Test
    void aPageAskedForWithAnAgeingSessionGetsAFreshCookieAndOpenFormsStayGood() {
        String username = member();
        Instant now = Instant.now();
        String ageing = Sessions.sign(username, Sessions.account(dataSource, username), "sign-in-1",
                now.minus(Duration.ofMinutes(10)), now.plus(Duration.ofMinutes(5)));

        HttpResponse<String> page = Sessions.send(http, HttpRequest.GET("/app"), ageing);

        assertEquals(200, page.getStatus().getCode());
        String renewed = Sessions.cookieSet(page).orElseThrow(() -> new AssertionError("no fresh cookie"));
        assertNotEquals(ageing, renewed);
        long left = secondsLeft(page);
        assertTrue(left > 880 && left <= 900, "the page counts down from the renewed session: " + left);
        HttpResponse<String> next = Sessions.send(http, HttpRequest.GET("/app"), renewed);
        assertEquals(Sessions.csrf(page), Sessions.csrf(next), "the renewed session keeps the CSRF token");
        assertTrue(Sessions.cookieSet(next).isEmpty(), "a fresh session is not renewed again");

        // a form made before the renewal, sent with the new cookie, is taken
        HttpResponse<String> signedOut = Sessions.send(http, HttpRequest.POST("/app/logout", "_csrf=" + Sessions.csrf(page))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE), renewed);
        assertTrue(Sessions.toSignIn(signedOut), signedOut.getStatus() + " " + signedOut.getBody(String.class).orElse(""));
    }

    @Test
    void aRecentSessionIsLeftAsItIsAndThePageSaysHowLongItHasLeft() {
        String username = member();
        Instant now = Instant.now();
        String recent = Sessions.sign(username, Sessions.account(dataSource, username), "sign-in-2",
                now.minus(Duration.ofMinutes(1)), now.plus(Duration.ofMinutes(3)));

        HttpResponse<String> page = Sessions.send(http, HttpRequest.GET("/app"), recent);

        assertEquals(200, page.getStatus().getCode());
        assertTrue(Sessions.cookieSet(page).isEmpty(), "no new cookie");
        long left = secondsLeft(page);
        assertTrue(left > 170 && left <= 180, "seconds left: " + left);
        assertTrue(page.getBody().orElseThrow().contains("<script src=\"/static/expiry.js\""), "the warning script");
    }

    @Test
    void stayingSignedInRenewsTheSessionOnRequest() {
        String username = member();
        Instant now = Instant.now();
        String recent = Sessions.sign(username, Sessions.account(dataSource, username), "sign-in-3",
                now.minus(Duration.ofMinutes(1)), now.plus(Duration.ofSeconds(50)));
        String csrf = Sessions.csrf(Sessions.send(http, HttpRequest.GET("/app"), recent));

        HttpResponse<String> stayed = Sessions.send(http, HttpRequest.POST("/app/session", "_csrf=" + csrf)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE), recent);

        assertEquals(204, stayed.getStatus().getCode());
        assertEquals("900", stayed.getHeaders().get("X-Session-Seconds"));
        String renewed = Sessions.cookieSet(stayed).orElseThrow(() -> new AssertionError("no fresh cookie"));
        assertTrue(secondsLeft(Sessions.send(http, HttpRequest.GET("/app"), renewed)) > 880);

        HttpResponse<String> withoutCsrf = Sessions.send(http, HttpRequest.POST("/app/session", "_csrf=wrong")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE), recent);
        assertEquals(403, withoutCsrf.getStatus().getCode());
        assertTrue(Sessions.cookieSet(withoutCsrf).isEmpty());
    }

    @Test
    void anEndedSessionIsNeitherRenewedNorKept() {
        String username = member();
        Sessions.Account account = Sessions.account(dataSource, username);
        Instant now = Instant.now();
        String older = Sessions.sign(username, new Sessions.Account(account.id(), account.sessionVersion() - 1),
                "sign-in-4", now.minus(Duration.ofMinutes(10)), now.plus(Duration.ofMinutes(5)));

        HttpResponse<String> page = Sessions.send(http, HttpRequest.GET("/app"), older);

        assertTrue(Sessions.toSignIn(page), "to the sign-in page");
        assertTrue(Sessions.cookieSet(page).isEmpty(), "no fresh cookie for a session that has ended");
        HttpResponse<String> stayed = Sessions.send(http, HttpRequest.POST("/app/session", "_csrf=x")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE), older);
        assertTrue(Sessions.toSignIn(stayed));
    }

    private String member() {
        String username = Api.unique("renewed");
        Api.admin(http).createMember(username);
        return username;
    }

    private static long secondsLeft(HttpResponse<String> page) {
        Matcher matcher = SECONDS.matcher(page.getBody().orElse(""));
        assertTrue(matcher.find(), "the page says how long its session has left");
        return Long.parseLong(matcher.group(1));
    }
}
