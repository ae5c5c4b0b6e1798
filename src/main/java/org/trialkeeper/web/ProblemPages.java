package org.trialkeeper.web;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.views.ModelAndView;
import io.micronaut.views.ModelAndViewRenderer;
import org.trialkeeper.problem.Problem;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A page refused or failing answers a browser with an HTML page, not the problem document the
 * API gives: 403, 404, 409, 503 during an outage, and the rest. The status, the problem's title
 * and detail (already free of internal names) and Retry-After stay as they were; a client that
 * does not ask for HTML keeps application/problem+json.
 */
@ServerFilter(Pages.ROOT + "/**")
final class ProblemPages implements Ordered {

    private final ModelAndViewRenderer<Map<String, Object>, HttpRequest<?>> renderer;

    ProblemPages(ModelAndViewRenderer<Map<String, Object>, HttpRequest<?>> renderer) {
        this.renderer = renderer;
    }

    /** Outside the outage check and the access checks, so that their refusals pass through here too. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.after();
    }

    @ResponseFilter
    void asPage(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (!(response.getBody().orElse(null) instanceof Problem problem) || !wantsHtml(request)) {
            return;
        }
        Map<String, Object> model = new HashMap<>();
        model.put("title", problem.title());
        model.put("detail", problem.detail());
        model.put("violations", problem.violations() == null ? java.util.List.of() : problem.violations());
        model.put("retryAfter", response.getHeaders().get(HttpHeaders.RETRY_AFTER));
        StringWriter page = new StringWriter();
        try {
            renderer.render(new ModelAndView<>("problem", model), request, MediaType.TEXT_HTML).orElseThrow().writeTo(page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ((MutableHttpResponse<Object>) response).body(page.toString()).contentType(MediaType.TEXT_HTML_TYPE);
    }

    /** A browser's navigation asks for text/html; fetches and API clients do not. */
    private static boolean wantsHtml(HttpRequest<?> request) {
        return request.accept().stream().anyMatch(type -> type.getName().equals(MediaType.TEXT_HTML));
    }
}
