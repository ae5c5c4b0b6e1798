package org.trialkeeper.security;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.trialkeeper.access.Actor;
import org.trialkeeper.access.Role;
import org.trialkeeper.audit.AuditView;
import org.trialkeeper.problem.ProblemCode;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.support.Api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class AccountAdministrationTest {

    private static final long FIRST_ADMIN = 1;

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    AccountAdministration administration;

    @Test
    void eachChangeOfAnAccountIsAnsweredAndAudited() {
        Api admin = Api.admin(http);
        String username = Api.unique("managed");
        long userId = admin.createMember(username);
        String user = "/api/users/" + userId;

        assertEquals(false, admin.retrieve(HttpRequest.PUT(user + "/active", Map.of("active", false)), Map.class).get("active"));
        assertEquals(true, admin.retrieve(HttpRequest.PUT(user + "/active", Map.of("active", true)), Map.class).get("active"));
        admin.exchange(HttpRequest.PUT(user + "/password", Map.of("password", "given-by-the-admin-1")));
        assertEquals(true, admin.retrieve(HttpRequest.GET(user), Map.class).get("mustChangePassword"));
        assertEquals(true, admin.retrieve(HttpRequest.PUT(user + "/admin", Map.of("admin", true)), Map.class).get("admin"));
        assertEquals(false, admin.retrieve(HttpRequest.PUT(user + "/admin", Map.of("admin", false)), Map.class).get("admin"));
        // a change to what already holds changes nothing and is not audited
        admin.retrieve(HttpRequest.PUT(user + "/admin", Map.of("admin", false)), Map.class);

        List<AuditView> records = admin.wholeTrail().stream().filter(r -> String.valueOf(userId).equals(r.entityId())
                && r.action().startsWith("user.") && !r.action().equals("user.created")
                && !r.action().equals("user.password-changed")).toList();
        assertEquals(List.of("user.disabled", "user.enabled", "user.password-reset", "user.admin-granted",
                "user.admin-removed"), records.stream().map(AuditView::action).toList());
        assertTrue(records.stream().allMatch(r -> "admin".equals(r.username()) && "ADMIN".equals(r.role())));
        assertTrue(records.get(0).after().contains("false"), records.get(0).after());
        assertTrue(records.stream().noneMatch(r -> String.valueOf(r.after()).contains("given-by-the-admin-1")),
                "a one-time password is never recorded");
    }

    @Test
    void signingOutIsAudited() {
        String username = Api.unique("leaving");
        Api.admin(http).createMember(username);
        Api member = Api.as(http, username);
        member.exchange(HttpRequest.POST("/api/logout", ""));
        assertTrue(Api.admin(http).wholeTrail().stream().anyMatch(r -> username.equals(r.username())
                && r.action().equals("user.signed-out")));
    }

    @Test
    void changesWithoutAValueOrOfAnUnknownUserAreRefused() {
        Api admin = Api.admin(http);
        long userId = admin.createMember(Api.unique("unchanged"));
        assertProblem(400, "invalid-request", () -> admin.exchange(HttpRequest.PUT("/api/users/" + userId + "/active", "{}")));
        assertProblem(400, "invalid-request", () -> admin.exchange(
                HttpRequest.PUT("/api/users/" + userId + "/admin", Map.of("admin", "yes"))));
        assertProblem(400, "invalid-request", () -> admin.exchange(
                HttpRequest.PUT("/api/users/" + userId + "/password", Map.of("password", "short"))));
        assertProblem(404, "not-found", () -> admin.exchange(
                HttpRequest.PUT("/api/users/987654321/active", Map.of("active", false))));
        assertEquals(true, admin.retrieve(HttpRequest.GET("/api/users/" + userId), Map.class).get("active"));
    }

    @Test
    void aBlindedAssessorIsNeverMadeAnAdministrator() {
        Api admin = Api.admin(http);
        long trialId = admin.register(ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, Api.unique("blind")));
        long assessor = admin.createMember(Api.unique("assessor"));
        admin.assign(trialId, assessor, "ASSESSOR");
        assertProblem(400, "invalid-request", () -> admin.exchange(
                HttpRequest.PUT("/api/users/" + assessor + "/admin", Map.of("admin", true))));
        assertEquals(false, admin.retrieve(HttpRequest.GET("/api/users/" + assessor), Map.class).get("admin"));
    }

    @Test
    void theLastActiveAdministratorKeepsAdministrationAndCannotBeDisabled() {
        Api admin = Api.admin(http);
        List<Long> others = otherActiveAdministrators(admin);
        others.forEach(id -> setAdmin(admin, id, false));
        try {
            assertProblem(409, "last-administrator", () -> admin.exchange(
                    HttpRequest.PUT("/api/users/" + FIRST_ADMIN + "/admin", Map.of("admin", false))));
            assertProblem(409, "last-administrator", () -> admin.exchange(
                    HttpRequest.PUT("/api/users/" + FIRST_ADMIN + "/active", Map.of("active", false))));
            Map<?, ?> still = admin.retrieve(HttpRequest.GET("/api/users/" + FIRST_ADMIN), Map.class);
            assertEquals(true, still.get("admin"));
            assertEquals(true, still.get("active"));

            // with a second administrator, one of them may go
            long second = admin.createMember(Api.unique("second-admin"));
            setAdmin(admin, second, true);
            assertEquals(false, admin.retrieve(HttpRequest.PUT("/api/users/" + second + "/active",
                    Map.of("active", false)), Map.class).get("active"));
            assertProblem(409, "last-administrator", () -> admin.exchange(
                    HttpRequest.PUT("/api/users/" + FIRST_ADMIN + "/admin", Map.of("admin", false))));
        } finally {
            Api restoring = Api.admin(http);
            others.forEach(id -> setAdmin(restoring, id, true));
        }
    }

    @Test
    void twoAdministratorsRemovingEachOtherAtOnceLeaveOne() throws Exception {
        Api admin = Api.admin(http);
        List<Long> others = otherActiveAdministrators(admin);
        others.forEach(id -> setAdmin(admin, id, false));
        String name = Api.unique("rival");
        long rival = admin.createMember(name);
        setAdmin(admin, rival, true);
        Actor first = new Actor(FIRST_ADMIN, "admin", Role.ADMIN);
        Actor second = new Actor(rival, name, Role.ADMIN);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<Boolean>> outcomes = new ArrayList<>();
            outcomes.add(threads.submit(removal(start, first, rival)));
            outcomes.add(threads.submit(removal(start, second, FIRST_ADMIN)));
            start.countDown();
            int removed = 0;
            for (Future<Boolean> outcome : outcomes) {
                removed += outcome.get() ? 1 : 0;
            }
            assertEquals(1, removed, "one removal made, the other refused");
        } finally {
            threads.shutdown();
            administration.setAdmin(new Actor(null, "system", null), FIRST_ADMIN, new AccountChange.Admin(true));
            Api restoring = Api.admin(http);
            setAdmin(restoring, rival, false);
            others.forEach(id -> setAdmin(restoring, id, true));
        }
        assertEquals(true, Api.admin(http).retrieve(HttpRequest.GET("/api/users/" + FIRST_ADMIN), Map.class).get("admin"));
    }

    /** Removes an administrator's rights once both threads are ready: true if made, false if refused as the last. */
    private Callable<Boolean> removal(CountDownLatch start, Actor actor, long userId) {
        return () -> {
            start.await();
            try {
                administration.setAdmin(actor, userId, new AccountChange.Admin(false));
                return true;
            } catch (ProblemException e) {
                assertEquals(ProblemCode.LAST_ADMINISTRATOR, e.code());
                return false;
            }
        };
    }

    private static List<Long> otherActiveAdministrators(Api admin) {
        List<Map> users = admin.retrieve(HttpRequest.GET("/api/users"), Argument.listOf(Map.class));
        return users.stream().filter(u -> Boolean.TRUE.equals(u.get("admin")) && Boolean.TRUE.equals(u.get("active")))
                .map(u -> ((Number) u.get("id")).longValue()).filter(id -> id != FIRST_ADMIN).toList();
    }

    private static void setAdmin(Api admin, long userId, boolean granted) {
        Map<?, ?> user = admin.retrieve(HttpRequest.PUT("/api/users/" + userId + "/admin", Map.of("admin", granted)), Map.class);
        assertEquals(granted, user.get("admin"));
    }

    private static void assertProblem(int status, String code, Runnable call) {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, call::run);
        assertEquals(status, e.getStatus().getCode());
        assertEquals("urn:trialkeeper:problem:" + code, e.getResponse().getBody(Map.class).orElseThrow().get("type"));
        assertFalse(e.getResponse().getBody(String.class).orElse("").contains("Exception"));
    }
}
