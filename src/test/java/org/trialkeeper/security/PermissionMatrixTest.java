package org.trialkeeper.security;

import org.trialkeeper.access.Permit;
import org.trialkeeper.access.Role;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.support.Api;
import org.trialkeeper.support.PermissionTable;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * README.md's permission table is the rule. Every route of the service must be in it and carry
 * a {@link Permit}; every role (and nobody signed in, and a member of another trial) is sent to
 * every route, and must be stopped exactly where the table says "-".
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PermissionMatrixTest {

    private static final String ANONYMOUS = "no sign-in";
    private static final String OUTSIDER = "member of another trial";
    private static final String OUTSIDE_ASSESSOR = "assessor of another trial";

    @Inject
    Router router;

    @Inject
    @Client("/")
    HttpClient http;

    /** Sign-out ends every session of the caller, who then signs in again. */
    private static final Set<String> SIGN_OUT = Set.of("POST /api/logout");

    private final Map<String, String> tokens = new LinkedHashMap<>();
    private final Map<String, String> usernames = new LinkedHashMap<>();
    private long trialId;
    private long someUserId;

    @BeforeAll
    void membersOfOneTrialInEachRole() {
        Api admin = Api.admin(http);
        // every role the table lets read serious adverse events is one the protocol notifies, and
        // every role it lets read the predictability monitor is one the protocol names for monitoring
        trialId = admin.register(ProtocolFiles.seedVariantYaml(Api.unique("matrix"), tree -> {
            tree.put("harms", Map.of("notify", List.of("COORDINATOR", "INVESTIGATOR", "STATISTICIAN")));
            tree.put("monitoring", Map.of("roles", List.of("ADMIN", "COORDINATOR", "STATISTICIAN")));
        }));
        long otherTrial = admin.register(ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, Api.unique("other")));
        tokens.put("ADMIN", admin.token());
        usernames.put("ADMIN", "admin");
        for (Role role : Role.values()) {
            if (role.heldPerTrial()) {
                String username = Api.unique(role.name().toLowerCase());
                someUserId = admin.createMember(username);
                admin.assign(trialId, someUserId, role.name());
                tokens.put(role.name(), Api.as(http, username).token());
                usernames.put(role.name(), username);
            }
        }
        String outsider = Api.unique("outsider");
        long outsiderId = admin.createMember(outsider);
        admin.assign(otherTrial, outsiderId, "COORDINATOR", "INVESTIGATOR", "STATISTICIAN");
        tokens.put(OUTSIDER, Api.as(http, outsider).token());
        usernames.put(OUTSIDER, outsider);
        // an assessor holds no other role in a trial, so the other trial's assessor is a second outsider
        String outsideAssessor = Api.unique("outside-assessor");
        admin.assign(otherTrial, admin.createMember(outsideAssessor), "ASSESSOR");
        tokens.put(OUTSIDE_ASSESSOR, Api.as(http, outsideAssessor).token());
        usernames.put(OUTSIDE_ASSESSOR, outsideAssessor);
    }

    @Test
    void everyRouteIsInTheTableAndHasARule() throws IOException {
        Map<String, Map<String, Boolean>> table = PermissionTable.read();
        Set<String> routes = new TreeSet<>();
        for (UriRouteInfo<?, ?> route : ownRoutes()) {
            String key = key(route);
            routes.add(tableKey(route));
            assertTrue(route.getTargetMethod().hasAnnotation(Permit.class), key + " has no @Permit rule");
        }
        assertEquals(table.keySet(), routes, "README permission table rows vs the router's routes");
    }

    @Test
    void noRoleGetsThroughWhereTheTableSaysNo() throws IOException {
        Map<String, Map<String, Boolean>> table = PermissionTable.read();
        List<String> wrong = new ArrayList<>();
        int calls = 0;
        for (UriRouteInfo<?, ?> route : ownRoutes()) {
            String key = key(route);
            Map<String, Boolean> allowed = table.get(tableKey(route));
            for (String caller : callers()) {
                boolean expected = OUTSIDER.equals(caller)
                        ? !key.contains("{trialId}") && allowed.get("COORDINATOR")
                        : OUTSIDE_ASSESSOR.equals(caller)
                        ? !key.contains("{trialId}") && allowed.get("ASSESSOR")
                        : allowed.get(caller);
                boolean stopped = stopped(send(route, tokens.get(caller)), tokens.get(caller) == null);
                calls++;
                if (SIGN_OUT.contains(key) && !stopped && tokens.get(caller) != null) {
                    tokens.put(caller, Api.login(http.toBlocking(), usernames.get(caller),
                            "ADMIN".equals(caller) ? Api.ADMIN_PASSWORD : Api.MEMBER_PASSWORD));
                }
                if (stopped == expected) {
                    wrong.add(key + " as " + caller + (expected ? " was stopped" : " got through"));
                }
            }
        }
        System.out.println("permission matrix: " + calls + " calls over " + table.size() + " routes and "
                + callers().size() + " callers");
        assertEquals(List.of(), wrong);
    }

    private List<String> callers() {
        List<String> callers = new ArrayList<>(tokens.keySet());
        callers.add(ANONYMOUS);
        return callers;
    }

    /** The service's own routes, once each (the router may list a route more than once). */
    private List<UriRouteInfo<?, ?>> ownRoutes() {
        Map<String, UriRouteInfo<?, ?>> routes = new LinkedHashMap<>();
        router.uriRoutes()
                .filter(route -> route.getTargetMethod().getDeclaringType().getName().startsWith("org.trialkeeper."))
                .forEach(route -> routes.putIfAbsent(key(route), route));
        return List.copyOf(routes.values());
    }

    private static String key(UriRouteInfo<?, ?> route) {
        String template = route.getUriMatchTemplate().toString().replaceAll("\\{\\?[^}]*}", "");
        return route.getHttpMethod() + " " + template;
    }

    /** HEAD is answered by the GET route, under its rule. */
    private static String tableKey(UriRouteInfo<?, ?> route) {
        String key = key(route);
        return route.getHttpMethod() == HttpMethod.HEAD ? "GET" + key.substring(key.indexOf(' ')) : key;
    }

    /**
     * A real request; bodies are empty JSON objects, or for a form with a file a form of one
     * unknown field, which no route accepts, so nothing changes.
     */
    private HttpResponse<?> send(UriRouteInfo<?, ?> route, String token) {
        String path = key(route).substring(key(route).indexOf(' ') + 1)
                .replace("{trialId}", Long.toString(trialId))
                .replace("{userId}", Long.toString(someUserId))
                .replace("{version}", "1")
                .replace("{participantId}", "1")
                .replace("{assessmentId}", "1")
                .replace("{adverseEventId}", "1")
                .replace("{session}", "1");
        MutableHttpRequest<?> request = HttpRequest.create(route.getHttpMethod(), path);
        if (route.getHttpMethod() == HttpMethod.POST || route.getHttpMethod() == HttpMethod.PUT) {
            List<MediaType> accepted = route.getConsumes();
            MediaType type = accepted.isEmpty() || accepted.contains(MediaType.APPLICATION_JSON_TYPE)
                    ? MediaType.APPLICATION_JSON_TYPE : accepted.get(0);
            Object body = type.equals(MediaType.MULTIPART_FORM_DATA_TYPE)
                    ? MultipartBody.builder().addPart("unknown", "").build() : "{}";
            request = request.body(body).contentType(type);
        }
        if (token != null) {
            request = request.bearerAuth(token);
        }
        BlockingHttpClient client = http.toBlocking();
        try {
            return client.exchange(request, String.class);
        } catch (HttpClientResponseException e) {
            return e.getResponse();
        }
    }

    /** Stopped by the access rule, not by anything the route itself answers. */
    private static boolean stopped(HttpResponse<?> response, boolean anonymous) {
        String body = response.getBody(String.class).orElse("");
        int status = response.getStatus().getCode();
        // a HEAD answer has no body to tell who stopped it; only the access rule answers 401 or 403 to HEAD
        boolean head = body.isEmpty();
        // a page asked for without a session sends the browser to the login page
        boolean toLogin = status == 303 && response.getHeaders().get("Location", String.class).orElse("").endsWith("/app/login");
        return anonymous
                ? toLogin || status == 401 && (head || body.contains("urn:trialkeeper:problem:unauthenticated"))
                : status == 403 && (head || body.contains("urn:trialkeeper:problem:forbidden"));
    }

}
