package org.trialkeeper.problem;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Refuses a {@code Content-Type} that is empty or not a media type with 415 before any route
 * runs: the router lets such a request through to a route that takes several types, which
 * would then fail on it.
 */
@ServerFilter("/**")
class UnreadableContentType {

    @RequestFilter
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request) {
        String declared = request.getHeaders().get(HttpHeaders.CONTENT_TYPE);
        if (declared == null || readable(declared)) {
            return null;
        }
        return Problem.answer(ProblemCode.UNSUPPORTED_MEDIA_TYPE, "The request's Content-Type is not a media type", request);
    }

    private static boolean readable(String declared) {
        try {
            return !declared.isBlank() && MediaType.of(declared) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
