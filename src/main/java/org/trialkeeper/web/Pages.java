package org.trialkeeper.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.views.ModelAndView;
import org.trialkeeper.problem.Problem;
import org.trialkeeper.problem.ProblemCode;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.problem.ProblemKind;
import org.trialkeeper.problem.Violation;
import org.trialkeeper.access.Actor;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What every page shares: the model's common entries, redirects, and the CSRF check of a form. */
final class Pages {

    static final String ROOT = "/app";

    private Pages() {
    }

    static Map<String, Object> model(HttpRequest<?> request, WebSession session, Actor actor, String title) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("title", title);
        model.put("csrf", session.csrf(request));
        model.put("username", actor == null ? null : actor.username());
        model.put("admin", actor != null && actor.admin());
        model.put("errors", List.of());
        // what the page's script counts down from, to warn before the session ends
        model.put("sessionSeconds", actor == null ? null : session.secondsLeft(request).orElse(null));
        return model;
    }

    static MutableHttpResponse<ModelAndView<Map<String, Object>>> page(String view, Map<String, Object> model) {
        return HttpResponse.ok(new ModelAndView<>(view, model));
    }

    static MutableHttpResponse<ModelAndView<Map<String, Object>>> page(HttpStatus status, String view, Map<String, Object> model) {
        return HttpResponse.<ModelAndView<Map<String, Object>>>status(status).body(new ModelAndView<>(view, model));
    }

    static <T> MutableHttpResponse<T> redirect(String path) {
        return HttpResponse.seeOther(URI.create(path));
    }

    /** Refuses a change whose form or header lacks the session's CSRF token. */
    static MutableHttpResponse<Problem> csrfRefused(HttpRequest<?> request) {
        return HttpResponse.<Problem>status(HttpStatus.FORBIDDEN).body(Problem.of(ProblemCode.CSRF,
                "A change made with the session cookie must carry the session's CSRF token", request.getPath())).contentType(Problem.MEDIA_TYPE);
    }

    /** A form's fields, once its CSRF token is found to be the session's; otherwise 403. */
    static Map<String, String> checkedForm(HttpRequest<?> request, WebSession session, Map<String, String> form) {
        Map<String, String> fields = form == null ? Map.of() : form;
        if (!session.validCsrf(request, fields.get(WebSession.FIELD))) {
            throw new CsrfException();
        }
        return fields;
    }

    /** A form sent without the session's CSRF token. */
    static final class CsrfException extends RuntimeException {
        CsrfException() {
            super("missing or wrong CSRF token", null, false, false);
        }
    }

    /** A refusal shown on the page it came from: 409 for a conflict with the data, 400 for the rest. */
    static HttpStatus status(ProblemException refused) {
        return refused.kind() == ProblemKind.CONFLICT ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
    }

    /** The sentences a page shows for a refused request: each broken rule, or the problem's own words. */
    static List<String> errors(ProblemException problem) {
        List<String> errors = new ArrayList<>();
        for (Violation violation : problem.violations()) {
            errors.add(violation.field() + ": " + violation.message());
        }
        if (errors.isEmpty()) {
            errors.add(problem.title() + ": " + problem.getMessage());
        }
        return errors;
    }
}
