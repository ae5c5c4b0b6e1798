package org.trialkeeper.problem;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.format.ReadableBytes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;


/**
 * Refuses a body over {@code micronaut.server.max-request-size} with 413 before any route runs,
 * also on routes that never read a body.
 */
@ServerFilter("/**")
class BodySizeLimit {

    private final long limit;

    BodySizeLimit(@Value("${micronaut.server.max-request-size:10MB}") @ReadableBytes long limit) {
        this.limit = limit;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request) {
        long length = request.getContentLength();
        if (length <= limit) {
            return null;
        }
        return Problem.answer(ProblemCode.PAYLOAD_TOO_LARGE, "The request body is larger than the limit of " + limit + " bytes",
                request);
    }
}
