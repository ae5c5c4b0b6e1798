package org.trialkeeper.support;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import org.trialkeeper.audit.AuditView;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The HTTP API as a signed-in user sees it, and the set-up tests need: users with roles in
 * trials. The administrator's password is the one in application-test.yml.
 */
public final class Api {

    public static final String ADMIN_PASSWORD = "test-admin-password";
    public static final String MEMBER_PASSWORD = "member-password-1";
    public static final MediaType YAML = MediaType.of("application/yaml");

    private final BlockingHttpClient client;
    private final String token;

    private Api(BlockingHttpClient client, String token) {
        this.client = client;
        this.token = token;
    }

    public static Api admin(HttpClient http) {
        return admin(http, ADMIN_PASSWORD);
    }

    /** The first administrator of a service started with this password. */
    public static Api admin(HttpClient http, String password) {
        BlockingHttpClient client = http.toBlocking();
        return new Api(client, login(client, "admin", password));
    }

    public static Api as(HttpClient http, String username) {
        BlockingHttpClient client = http.toBlocking();
        return new Api(client, login(client, username, MEMBER_PASSWORD));
    }

    public static String login(BlockingHttpClient client, String username, String password) {
        Map<?, ?> answer = client.retrieve(HttpRequest.POST("/api/login",
                Map.of("username", username, "password", password)), Map.class);
        return (String) answer.get("access_token");
    }

    public String token() {
        return token;
    }

    public <T> T retrieve(MutableHttpRequest<?> request, Class<T> type) {
        return client.retrieve(request.bearerAuth(token), type);
    }

    public <T> T retrieve(MutableHttpRequest<?> request, Argument<T> type) {
        return client.retrieve(request.bearerAuth(token), type);
    }

    public String retrieve(MutableHttpRequest<?> request) {
        return client.retrieve(request.bearerAuth(token));
    }

    public <T> HttpResponse<T> exchange(MutableHttpRequest<?> request, Class<T> type) {
        return client.exchange(request.bearerAuth(token), type);
    }

    public <T> HttpResponse<T> exchange(MutableHttpRequest<?> request, Argument<T> type) {
        return client.exchange(request.bearerAuth(token), type);
    }

    public HttpResponse<?> exchange(MutableHttpRequest<?> request) {
        return client.exchange(request.bearerAuth(token));
    }

    /** Registers a protocol file under a fresh short name; answers the trial's id. */
    public long register(String yaml) {
        Map<?, ?> trial = retrieve(HttpRequest.POST("/api/trials", yaml).contentType(YAML), Map.class);
        return ((Number) trial.get("id")).longValue();
    }

    /**
     * Creates a user who has already replaced the one-time password with {@link #MEMBER_PASSWORD};
     * answers the user's id.
     */
    public long createMember(String username) {
        Map<?, ?> user = retrieve(HttpRequest.POST("/api/users",
                Map.of("username", username, "password", "one-time-password-1")), Map.class);
        String oneTime = login(client, username, "one-time-password-1");
        client.exchange(HttpRequest.POST("/api/users/me/password",
                Map.of("currentPassword", "one-time-password-1", "newPassword", MEMBER_PASSWORD)).bearerAuth(oneTime));
        return ((Number) user.get("id")).longValue();
    }

    public void assign(long trialId, long userId, String... roles) {
        retrieve(HttpRequest.PUT("/api/trials/" + trialId + "/members/" + userId, Map.of("roles", List.of(roles))),
                Map.class);
    }

    /** The whole audit trail, a page at a time. */
    public List<AuditView> wholeTrail() {
        List<AuditView> all = new ArrayList<>();
        List<AuditView> page;
        do {
            long after = all.isEmpty() ? 0 : all.get(all.size() - 1).seq();
            page = retrieve(HttpRequest.GET("/api/audit?afterSeq=" + after), Argument.listOf(AuditView.class));
            all.addAll(page);
        } while (!page.isEmpty());
        return all;
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
