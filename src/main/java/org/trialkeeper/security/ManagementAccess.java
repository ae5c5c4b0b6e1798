package org.trialkeeper.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.management.endpoint.annotation.Endpoint;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import io.micronaut.web.router.MethodBasedRouteMatch;
import io.micronaut.web.router.RouteAttributes;
import org.reactivestreams.Publisher;
import org.trialkeeper.access.Role;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Micronaut's management endpoints that are switched on, metrics among them, are the
 * administrator's alone; the health check stays open to everybody (intercept-url-map).
 * Micronaut's own rule would let any signed-in user read a sensitive endpoint.
 */
@Singleton
final class ManagementAccess implements SecurityRule<HttpRequest<?>> {

    private static final String OPEN = "health";

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }

    @Override
    public Publisher<SecurityRuleResult> check(@Nullable HttpRequest<?> request, @Nullable Authentication authentication) {
        Optional<String> endpoint = request == null ? Optional.empty() : RouteAttributes.getRouteMatch(request)
                .filter(MethodBasedRouteMatch.class::isInstance)
                .flatMap(route -> ((MethodBasedRouteMatch<?, ?>) route).getAnnotationMetadata().stringValue(Endpoint.class, "id")
                        .or(() -> ((MethodBasedRouteMatch<?, ?>) route).getAnnotationMetadata().stringValue(Endpoint.class)));
        if (endpoint.isEmpty() || endpoint.get().equals(OPEN)) {
            return Publishers.just(SecurityRuleResult.UNKNOWN);
        }
        boolean admin = authentication != null
                && !Boolean.TRUE.equals(authentication.getAttributes().get(LoginController.PASSWORD_CHANGE))
                && authentication.getRoles().contains(Role.ADMIN.name());
        return Publishers.just(admin ? SecurityRuleResult.ALLOWED : SecurityRuleResult.REJECTED);
    }
}
