package org.trialkeeper.problem;

import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.bind.exceptions.UnsatisfiedArgumentException;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.json.JsonSyntaxException;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;

import java.util.List;
import java.util.Optional;

/**
 * Turns every error the framework answers (unknown route, wrong method or media type, bad
 * parameter, oversized body, unexpected failure) into application/problem+json. An unexpected
 * exception's message is never echoed: it may carry SQL or internal names.
 */
@Singleton
final class ProblemResponses implements ErrorResponseProcessor<Problem> {

    @Override
    @NonNull
    public MutableHttpResponse<Problem> processResponse(@NonNull ErrorContext context,
                                                        @NonNull MutableHttpResponse<?> response) {
        HttpStatus status = response.getStatus();
        Optional<Refusal> refusal = status == HttpStatus.FORBIDDEN
                ? context.getRequest().getAttribute(Refusal.ATTRIBUTE, Refusal.class) : Optional.empty();
        Problem problem = refusal.map(r -> Problem.of(r.code(), r.detail(), context.getRequest().getPath()))
                .orElseGet(() -> new Problem(code(status).type(), status.getReason(), status.getCode(),
                        detail(status, context), context.getRequest().getPath(), violations(context)));
        return response.body(problem).contentType(Problem.MEDIA_TYPE);
    }

    static ProblemCode code(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> ProblemCode.BAD_REQUEST;
            case UNAUTHORIZED -> ProblemCode.UNAUTHENTICATED;
            case FORBIDDEN -> ProblemCode.FORBIDDEN;
            case NOT_FOUND -> ProblemCode.NOT_FOUND;
            case METHOD_NOT_ALLOWED -> ProblemCode.METHOD_NOT_ALLOWED;
            case NOT_ACCEPTABLE -> ProblemCode.NOT_ACCEPTABLE;
            case REQUEST_ENTITY_TOO_LARGE -> ProblemCode.PAYLOAD_TOO_LARGE;
            case UNSUPPORTED_MEDIA_TYPE -> ProblemCode.UNSUPPORTED_MEDIA_TYPE;
            case SERVICE_UNAVAILABLE -> ProblemCode.UNAVAILABLE;
            default -> status.getCode() >= 500 ? ProblemCode.INTERNAL_ERROR : ProblemCode.CLIENT_ERROR;
        };
    }

    private static String detail(HttpStatus status, ErrorContext context) {
        return switch (status) {
            case NOT_FOUND -> "No resource at " + context.getRequest().getPath();
            case METHOD_NOT_ALLOWED -> "Method " + context.getRequest().getMethod()
                    + " is not allowed on " + context.getRequest().getPath();
            case UNSUPPORTED_MEDIA_TYPE -> "The request's Content-Type is not accepted here";
            case NOT_ACCEPTABLE -> "No representation matches the request's Accept header";
            case REQUEST_ENTITY_TOO_LARGE -> "The request body is larger than the limit";
            case BAD_REQUEST -> "The request could not be read";
            default -> status.getCode() >= 500
                    ? "The server could not complete the request"
                    : status.getReason();
        };
    }

    private static List<Violation> violations(ErrorContext context) {
        Optional<Throwable> cause = context.getRootCause();
        if (cause.isEmpty()) {
            return List.of();
        }
        Throwable root = cause.get();
        if (root instanceof ConversionErrorException conversion) {
            return List.of(new Violation(conversion.getArgument().getName(), "type",
                    "must be " + expected(conversion.getArgument().getType())));
        }
        if (root instanceof UnsatisfiedArgumentException unsatisfied) {
            return List.of(new Violation(unsatisfied.getArgument().getName(), "required",
                    "is required"));
        }
        if (root instanceof JsonSyntaxException) {
            return List.of(new Violation("$", "syntax", "the body is not well-formed JSON"));
        }
        if (root instanceof ConstraintViolationException constraints) {
            return constraints.getConstraintViolations().stream()
                    .map(ProblemResponses::violation)
                    .sorted(java.util.Comparator.comparing(Violation::field))
                    .toList();
        }
        return List.of();
    }

    private static String expected(Class<?> type) {
        if (type == long.class || type == int.class || type == Long.class || type == Integer.class) {
            return "a whole number";
        }
        return type.isEnum() ? "one of " + java.util.Arrays.toString(type.getEnumConstants()) : "of type " + type.getSimpleName();
    }

    private static Violation violation(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        // the first two nodes name the controller method and argument; the field is what follows
        String field = path.contains(".") ? path.substring(path.indexOf('.') + 1) : path;
        String rule = violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
        return new Violation(field, rule.toLowerCase(java.util.Locale.ROOT), violation.getMessage());
    }
}
