package org.trialkeeper.problem;

import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.slf4j.MDC;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Every request has an id: the caller's {@code X-Request-Id} when it is short and plain, else a
 * new one. It is in the MDC of every log line the request writes, on whichever thread, in the
 * answer's {@code X-Request-Id} header and in every problem answer's {@code requestId}.
 */
@ServerFilter("/**")
public final class RequestIds implements Ordered {

    public static final String HEADER = "X-Request-Id";
    /** The MDC key, and the request attribute that holds the id. */
    public static final String KEY = "requestId";
    /** A caller's id goes into logs and headers as it is: nothing that could forge a log line or a header. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    /** Before every other filter, so that what they log and answer carries the id. */
    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }

    @RequestFilter
    void assign(HttpRequest<?> request, MutablePropagatedContext context) {
        String sent = request.getHeaders().get(HEADER);
        String id = sent != null && SAFE.matcher(sent).matches() ? sent : UUID.randomUUID().toString();
        request.setAttribute(KEY, id);
        Map<String, String> mdc = new HashMap<>();
        Map<String, String> current = MDC.getCopyOfContextMap();
        if (current != null) {
            mdc.putAll(current);
        }
        mdc.put(KEY, id);
        context.add(new MdcPropagationContext(mdc));
    }

    @ResponseFilter
    @SuppressWarnings("unchecked")
    void answer(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(KEY, String.class).ifPresent(id -> {
            response.getHeaders().set(HEADER, id);
            response.getBody(Problem.class).ifPresent(problem ->
                    ((MutableHttpResponse<Object>) response).body(problem.withRequestId(id)));
        });
    }
}
