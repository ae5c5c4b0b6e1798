package org.trialkeeper.security;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.trialkeeper.audit.AuditView;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.support.Api;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@MicronautTest(transactional = false)
class MembershipTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void aMemberSeesOnlyTheirOwnTrials() {
        Api admin = Api.admin(http);
        long mine = admin.register(ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, Api.unique("mine")));
        long theirs = admin.register(ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, Api.unique("theirs")));
        String username = Api.unique("member");
        admin.assign(mine, admin.createMember(username), "ASSESSOR");
        Api member = Api.as(http, username);
        List<Map> listed = member.retrieve(HttpRequest.GET("/api/trials"), Argument.listOf(Map.class));
        assertEquals(List.of(mine), listed.stream().map(t -> ((Number) t.get("id")).longValue()).toList());
        assertEquals(HttpStatus.FORBIDDEN, status(() -> member.exchange(HttpRequest.GET("/api/trials/" + theirs))));
        assertEquals(HttpStatus.FORBIDDEN, status(() -> member.exchange(HttpRequest.GET("/api/trials/999999"))));
    }

    @Test
    void aRevokedRoleStopsWorkingAtOnceAndTheChangeIsAudited() {
        Api admin = Api.admin(http);
        long trial = admin.register(ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, Api.unique("revoke")));
        String username = Api.unique("investigator");
        long userId = admin.createMember(username);
        admin.assign(trial, userId, "INVESTIGATOR", "STATISTICIAN");
        Api investigator = Api.as(http, username);
        List<Map> members = investigator.retrieve(HttpRequest.GET("/api/trials/" + trial + "/members"), Argument.listOf(Map.class));
        assertEquals(List.of("INVESTIGATOR", "STATISTICIAN"), members.get(0).get("roles"));

        admin.assign(trial, userId);
        assertEquals(HttpStatus.FORBIDDEN, status(() -> investigator.exchange(HttpRequest.GET("/api/trials/" + trial + "/members"))));

        List<AuditView> records = admin.retrieve(HttpRequest.GET("/api/trials/" + trial + "/audit"), Argument.listOf(AuditView.class));
        AuditView revoked = records.get(records.size() - 1);
        assertEquals("membership.revoked", revoked.action());
        assertEquals("[\"INVESTIGATOR\",\"STATISTICIAN\"]", revoked.before());
        assertEquals("[]", revoked.after());
        assertEquals(Long.toString(userId), revoked.entityId());
    }

    @Test
    void onlyTrialRolesCanBeAssigned() {
        Api admin = Api.admin(http);
        long trial = admin.register(ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, Api.unique("roles")));
        long userId = admin.createMember(Api.unique("someone"));
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> admin.exchange(
                HttpRequest.PUT("/api/trials/" + trial + "/members/" + userId, Map.of("roles", List.of("COORDINATOR", "ADMIN")))));
        assertEquals(HttpStatus.BAD_REQUEST, e.getStatus());
        Map<?, ?> violation = (Map<?, ?>) ((List<?>) e.getResponse().getBody(Map.class).orElseThrow().get("violations")).get(0);
        assertEquals("roles[1]", violation.get("field"));
        assertEquals("one-of", violation.get("rule"));
        assertEquals(HttpStatus.NOT_FOUND, status(() -> admin.exchange(
                HttpRequest.PUT("/api/trials/" + trial + "/members/999999", Map.of("roles", List.of("ASSESSOR"))))));
    }

    @Test
    void aBlindedAssessorHoldsNoRoleThatSeesAllocations() {
        Api admin = Api.admin(http);
        long trial = admin.register(ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, Api.unique("blind-roles")));
        long userId = admin.createMember(Api.unique("assessor"));
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> admin.exchange(
                HttpRequest.PUT("/api/trials/" + trial + "/members/" + userId, Map.of("roles", List.of("ASSESSOR", "COORDINATOR")))));
        assertEquals(HttpStatus.BAD_REQUEST, e.getStatus());
        Map<?, ?> violation = (Map<?, ?>) ((List<?>) e.getResponse().getBody(Map.class).orElseThrow().get("violations")).get(0);
        assertEquals("assessor-alone", violation.get("rule"));
        assertEquals(HttpStatus.BAD_REQUEST, status(() -> admin.exchange(
                HttpRequest.PUT("/api/trials/" + trial + "/members/1", Map.of("roles", List.of("ASSESSOR"))))),
                "the first administrator cannot be made an assessor");
        admin.assign(trial, userId, "ASSESSOR");
    }

    private static HttpStatus status(Runnable call) {
        return assertThrows(HttpClientResponseException.class, call::run).getStatus();
    }
}
