package org.trialkeeper.problem;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import org.trialkeeper.database.ConnectionPool;

/**
 * While the database is known to be unreachable, every request but the health check is answered
 * 503 with Retry-After at once, instead of waiting for a connection that cannot be had.
 */
@ServerFilter("/**")
class DatabaseOutage implements Ordered {

    private final ConnectionPool pool;

    DatabaseOutage(ConnectionPool pool) {
        this.pool = pool;
    }

    /** Before the access checks, which read the database for a trial's routes. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.before();
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> refuseWhileUnreachable(HttpRequest<?> request) {
        if (!pool.unreachable() || request.getPath().equals("/health")) {
            return null;
        }
        return DatabaseFailures.refusal(request);
    }
}
