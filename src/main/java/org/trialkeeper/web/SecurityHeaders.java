package org.trialkeeper.web;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.List;

/**
 * The headers every answer carries, errors included: a content security policy that runs no
 * inline script and lets no other site frame a page, no MIME sniffing, no referrer to other sites
 * (none at all would make the browser send {@code Origin: null} with a form), nothing
 * stored by a cache (pages and API answers hold personal data and allocations) but static files
 * and the API documentation, and HSTS over HTTPS.
 */
@ServerFilter("/**")
class SecurityHeaders implements Ordered {

    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    /** Swagger UI's page starts itself with an inline script; it shows only the public API document. */
    static final String SWAGGER_UI_POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
            + "frame-ancestors 'none'";
    static final String HSTS = "max-age=31536000; includeSubDomains";
    private static final List<String> CACHEABLE = List.of("/static/", "/swagger/", "/swagger-ui/");

    private final boolean trustForwardedProto;

    /**
     * @param trustForwardedProto whether {@code X-Forwarded-Proto} is believed: only behind a proxy
     *                            that always sets it, or any client could claim HTTPS
     */
    SecurityHeaders(@Value("${trialkeeper.http.trust-forwarded-proto:false}") boolean trustForwardedProto) {
        this.trustForwardedProto = trustForwardedProto;
    }

    /** Outermost, so that answers other filters give on their own carry the headers too. */
    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }

    @ResponseFilter
    void addHeaders(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String path = request.getPath();
        MutableHttpHeaders headers = response.getHeaders();
        headers.set("Content-Security-Policy", path.startsWith("/swagger-ui/") ? SWAGGER_UI_POLICY : POLICY);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "same-origin");
        if (CACHEABLE.stream().noneMatch(path::startsWith)) {
            headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
        }
        if (https(request)) {
            headers.set("Strict-Transport-Security", HSTS);
        }
    }

    private boolean https(HttpRequest<?> request) {
        return request.isSecure()
                || trustForwardedProto && "https".equalsIgnoreCase(request.getHeaders().get("X-Forwarded-Proto"));
    }
}
