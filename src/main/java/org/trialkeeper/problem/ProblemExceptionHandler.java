package org.trialkeeper.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Answers a broken domain rule with its problem document. */
@Singleton
final class ProblemExceptionHandler implements ExceptionHandler<ProblemException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, ProblemException exception) {
        HttpStatus status = status(exception.kind());
        Problem problem = new Problem(exception.code().type(), exception.code().title(),
                status.getCode(), exception.getMessage(), request.getPath(), exception.violations());
        MutableHttpResponse<Problem> response = HttpResponse.<Problem>status(status).body(problem)
                .contentType(Problem.MEDIA_TYPE);
        exception.retryAfterSeconds().ifPresent(seconds -> response.header(HttpHeaders.RETRY_AFTER, seconds));
        return response;
    }

    static HttpStatus status(ProblemKind kind) {
        return HttpStatus.valueOf(kind.status());
    }
}
