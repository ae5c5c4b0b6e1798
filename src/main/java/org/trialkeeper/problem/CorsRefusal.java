package org.trialkeeper.problem;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * No other site's scripts may call the service: the pages are served from its own origin and
 * API clients are not browsers. A CORS preflight is refused with a problem, before the access
 * checks, so that it is the same answer signed in or not.
 */
@ServerFilter("/**")
class CorsRefusal implements Ordered {

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE + 1;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> refusePreflight(HttpRequest<?> request) {
        HttpHeaders headers = request.getHeaders();
        if (request.getMethod() != HttpMethod.OPTIONS || !headers.contains(HttpHeaders.ORIGIN)
                || !headers.contains(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD)) {
            return null;
        }
        return Problem.answer(ProblemCode.CORS_REFUSED, "Cross-origin requests are not allowed", request);
    }
}
