package org.trialkeeper.security;

import io.micronaut.context.annotation.Property;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.trialkeeper.audit.AuditView;
import org.trialkeeper.support.Api;
import org.trialkeeper.support.MovableClock;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The login throttle behind a proxy that sets {@code X-Forwarded-For}: each test's sources are
 * addresses of its own, so tests do not throttle each other. The first wait is a minute, so that
 * the time a slow machine takes between two requests never ends one; tests move the clock on.
 */
@MicronautTest(transactional = false)
@Property(name = "trialkeeper.http.trust-forwarded-for", value = "true")
@Property(name = "trialkeeper.login.first-delay", value = "1m")
@Property(name = "trialkeeper.login.max-delay", value = "1h")
@Property(name = "trialkeeper.login.window", value = "1d")
class LoginThrottlingTest {

    private static final AtomicInteger SOURCES = new AtomicInteger();

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    LoginHashing hashing;

    @Inject
    DataSource dataSource;

    private final MovableClock clock = new MovableClock();

    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }

    /** An answer to a login: status, problem type (or the token), Retry-After and the whole body. */
    record Answer(int status, String type, String retryAfter, Map<?, ?> body) {
    }

    @Test
    void unknownAndKnownNamesAreThrottledAlike() {
        String known = Api.unique("known");
        Api.admin(http).createMember(known);
        String unknown = Api.unique("unknown");
        List<Answer> toKnown = sixWrongGuesses(known, source());
        List<Answer> toUnknown = sixWrongGuesses(unknown, source());
        assertEquals(toKnown, toUnknown);
        assertEquals(List.of(401, 401, 401, 401, 401, 429), toKnown.stream().map(Answer::status).toList());
        assertEquals("60", toKnown.get(5).retryAfter());
        assertEquals("urn:trialkeeper:problem:login-throttled", toKnown.get(5).type());
    }

    @Test
    void aThrottledSourceDoesNotKeepTheOwnerOutFromAnother() {
        String username = Api.unique("owner");
        Api.admin(http).createMember(username);
        String attacker = source();
        sixWrongGuesses(username, attacker);
        Answer refused = login(attacker, username, Api.MEMBER_PASSWORD);
        assertEquals(429, refused.status(), "the right password, but from the throttled source");
        assertEquals(200, login(source(), username, Api.MEMBER_PASSWORD).status(), "from another source");
        clock.advance(Duration.ofSeconds(Long.parseLong(refused.retryAfter())));
        assertEquals(200, login(attacker, username, Api.MEMBER_PASSWORD).status(), "after the wait");
    }

    @Test
    void theWaitGrowsWithEachFailure() {
        String username = Api.unique("guessed");
        String from = source();
        sixWrongGuesses(username, from);
        List<String> waits = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Answer refused = login(from, username, "a-wrong-guess-1");
            waits.add(refused.retryAfter());
            clock.advance(Duration.ofSeconds(Long.parseLong(refused.retryAfter())));
            assertEquals(401, login(from, username, "a-wrong-guess-1").status(), "once the wait has passed");
        }
        assertEquals(List.of("60", "120", "240", "480"), waits);
    }

    @Test
    void aThrottledSourceIsRefusedWithoutHashingOrDatabaseWorkAndAuditedOnce() throws SQLException {
        String member = Api.unique("member");
        Api.admin(http).createMember(member);
        String from = source();
        for (int i = 0; i < 20; i++) {
            assertEquals(401, login(from, Api.unique("sprayed"), "a-wrong-guess-1").status());
        }
        assertEquals(429, login(from, Api.unique("sprayed"), "a-wrong-guess-1").status(), "the first refusal");
        long checks = hashing.checks();
        long idle = statementsDuring(() -> { });
        long throttled = statementsDuring(() -> {
            for (int i = 0; i < 30; i++) {
                String name = i % 3 == 0 ? member : Api.unique("sprayed");
                assertEquals(429, login(from, name, i % 3 == 0 ? Api.MEMBER_PASSWORD : "a-wrong-guess-1").status());
            }
        });
        assertEquals(checks, hashing.checks(), "passwords checked while throttled");
        assertEquals(idle, throttled, "statements the database received while 30 attempts were refused");
        List<AuditView> records = Api.admin(http).wholeTrail().stream()
                .filter(record -> record.after() != null && record.after().contains("\"" + from + "\"")).toList();
        assertEquals(20, records.stream().filter(record -> record.action().equals("login.failed")).count());
        assertEquals(1, records.stream().filter(record -> record.action().equals("login.throttled")).count());
    }

    @Test
    void failedLoginsAreAuditedWithTheirSourceAndReason() {
        String known = Api.unique("audited");
        Api.admin(http).createMember(known);
        String unknown = Api.unique("nobody");
        String from = source();
        login(from, known, "a-wrong-guess-1");
        login(from, unknown, "a-wrong-guess-1");
        List<AuditView> failed = Api.admin(http).wholeTrail().stream()
                .filter(record -> record.action().equals("login.failed"))
                .filter(record -> record.after() != null && record.after().contains("\"" + from + "\"")).toList();
        assertEquals(List.of(known, unknown), failed.stream().map(AuditView::username).toList());
        assertEquals(List.of("wrong password", "unknown username"), failed.stream().map(AuditView::reason).toList());
    }

    @Test
    void theSignInPageIsThrottledByTheSameRule() {
        String username = Api.unique("paged");
        Api.admin(http).createMember(username);
        String from = source();
        for (int i = 0; i < 5; i++) {
            assertEquals(401, login(from, username, "a-wrong-guess-1").status());
        }
        HttpResponse<?> throttled = SignInPage.submit(http, from, username, Api.MEMBER_PASSWORD);
        assertEquals(429, throttled.getStatus().getCode());
        assertEquals("60", throttled.getHeaders().get("Retry-After"));
        HttpResponse<?> signedIn = SignInPage.submit(http, source(), username, Api.MEMBER_PASSWORD);
        assertEquals(303, signedIn.getStatus().getCode(), "the right password from another source");
    }

    private List<Answer> sixWrongGuesses(String username, String from) {
        List<Answer> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            answers.add(login(from, username, "a-wrong-guess-1"));
        }
        return answers;
    }

    private Answer login(String from, String username, String password) {
        HttpRequest<?> request = HttpRequest.POST("/api/login", Map.of("username", username, "password", password))
                .header(LoginSource.FORWARDED_FOR, "198.51.100.7, " + from);
        try {
            Map<?, ?> body = http.toBlocking().retrieve(request, Map.class);
            return new Answer(200, "token", null, Map.of("token_type", body.get("token_type")));
        } catch (HttpClientResponseException refused) {
            assertEquals(MediaType.APPLICATION_JSON_PROBLEM, refused.getResponse().getContentType()
                    .map(MediaType::getName).orElse(""));
            Map<?, ?> body = new java.util.HashMap<>(refused.getResponse().getBody(Map.class).orElseThrow());
            // each answer carries its own request's id, whoever asked
            body.remove("requestId");
            return new Answer(refused.getStatus().getCode(), (String) body.get("type"),
                    refused.getResponse().getHeaders().get("Retry-After"), body);
        }
    }

    /** A documentation address of its own (TEST-NET-3) for each caller. */
    private static String source() {
        return "203.0.113." + SOURCES.incrementAndGet();
    }

    private interface Work {
        void run() throws SQLException;
    }

    /** How many statements the database received while the work ran, besides the two that count them. */
    private long statementsDuring(Work work) throws SQLException {
        DataSource raw = dataSource instanceof DelegatingDataSource delegating ? delegating.getTargetDataSource()
                : dataSource;
        try (Connection db = raw.getConnection(); Statement statement = db.createStatement()) {
            long before = questions(statement);
            work.run();
            return questions(statement) - before;
        }
    }

    private static long questions(Statement statement) throws SQLException {
        try (ResultSet row = statement.executeQuery("SHOW GLOBAL STATUS LIKE 'Questions'")) {
            row.next();
            return row.getLong(2);
        }
    }
}
