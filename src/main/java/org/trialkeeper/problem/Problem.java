package org.trialkeeper.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * An RFC 9457 problem detail. {@code type} is stable per rule, so clients and tests match on it
 * rather than on the human-readable title or detail.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String type,
                      @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String title,
                      @Schema(requiredMode = Schema.RequiredMode.REQUIRED) int status, String detail, String instance,
                      List<Violation> violations, String requestId) {

    public static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPE_PREFIX = "urn:trialkeeper:problem:";

    public Problem(String type, String title, int status, String detail, String instance, List<Violation> violations) {
        this(type, title, status, detail, instance, violations, null);
    }

    /** The same problem, naming the request it answers, so that a report of it finds the request's log lines. */
    Problem withRequestId(String id) {
        return new Problem(type, title, status, detail, instance, violations, id);
    }

    /** The problem of a rule that needs no violations listed. */
    public static Problem of(ProblemCode code, String detail, String instance) {
        return new Problem(code.type(), code.title(), code.kind().status(), detail, instance, List.of());
    }

    /** The answer of a filter that refuses a request before any route runs. */
    static MutableHttpResponse<Problem> answer(ProblemCode code, String detail, HttpRequest<?> request) {
        return HttpResponse.<Problem>status(io.micronaut.http.HttpStatus.valueOf(code.kind().status()))
                .body(of(code, detail, request.getPath())).contentType(MEDIA_TYPE);
    }
}
