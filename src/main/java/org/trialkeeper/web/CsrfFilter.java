package org.trialkeeper.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.Set;

/**
 * A browser sends the session cookie with every request to the service, so a change made with
 * the cookie rather than a bearer token must carry the session's CSRF token: in the form's
 * {@code _csrf} field for the pages (each page checks it), in the {@code X-CSRF-Token} header
 * for the API (checked here).
 */
@ServerFilter("/api/**")
class CsrfFilter {

    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final WebSession session;

    CsrfFilter(WebSession session) {
        this.session = session;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request) {
        boolean bearer = request.getHeaders().get(HttpHeaders.AUTHORIZATION, String.class).orElse("").startsWith("Bearer ");
        if (SAFE.contains(request.getMethod()) || bearer || session.token(request).isEmpty()
                || session.validCsrf(request, request.getHeaders().get(WebSession.HEADER))) {
            return null;
        }
        return Pages.csrfRefused(request);
    }
}
