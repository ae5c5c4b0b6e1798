package org.trialkeeper.security;

import org.trialkeeper.access.Permit;
import org.trialkeeper.access.Role;
import org.trialkeeper.problem.ProblemCode;
import org.trialkeeper.problem.Refusal;
import io.micronaut.core.annotation.AnnotationValue;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import io.micronaut.web.router.MethodBasedRouteMatch;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteMatch;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Applies each route's {@link Permit}. Deny by default: a route of the service without a rule
 * is refused to everyone. Roles are read from the database on every request (administration by
 * {@link SessionCheck}, trial roles with them or, failing that, here), so a revoked role stops
 * working at once, not when a token expires.
 */
@Singleton
final class AccessRule implements SecurityRule<HttpRequest<?>> {

    static final String ROLE_ATTRIBUTE = "trialkeeper.acting-role";
    static final String TRIAL_VARIABLE = "trialId";
    static final String TRIAL_ROLES_ATTRIBUTE = "trialkeeper.trial-roles";
    private static final String OWN_PACKAGE = "org.trialkeeper.";
    private static final Refusal PASSWORD_CHANGE_REQUIRED = new Refusal(ProblemCode.PASSWORD_CHANGE_REQUIRED,
            "This account still has a one-time password: replace it with POST /api/users/me/password"
                    + " {\"currentPassword\": ..., \"newPassword\": ...} (12 to 72 bytes), or on the page /app/password,"
                    + " then sign in again with the new one");

    private final UserService users;
    private final ExecutorService blocking;

    AccessRule(UserService users, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.users = users;
        this.blocking = blocking;
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }

    @Override
    public Publisher<SecurityRuleResult> check(@Nullable HttpRequest<?> request, @Nullable Authentication authentication) {
        Optional<RouteMatch<?>> route = request == null ? Optional.empty() : RouteAttributes.getRouteMatch(request);
        if (route.isEmpty() || !(route.get() instanceof MethodBasedRouteMatch<?, ?> method)
                || !method.getDeclaringType().getName().startsWith(OWN_PACKAGE)) {
            return Publishers.just(SecurityRuleResult.UNKNOWN);
        }
        AnnotationValue<Permit> permit = method.getAnnotationMetadata().getAnnotation(Permit.class);
        Optional<SecurityRuleResult> settled = withoutTrialRoles(request, authentication, permit);
        if (settled.isPresent()) {
            return Publishers.just(settled.get());
        }
        Long trialId = trialOf(request);
        Long userId = userId(authentication);
        if (trialId == null || userId == null) {
            return Publishers.just(SecurityRuleResult.REJECTED);
        }
        Optional<TrialRoles> read = request.getAttribute(TRIAL_ROLES_ATTRIBUTE, TrialRoles.class)
                .filter(roles -> roles.userId() == userId && roles.trialId() == trialId);
        if (read.isPresent()) {
            return Publishers.just(withTrialRoles(request, permit, read.get().roles()));
        }
        return Publishers.fromCompletableFuture(() -> CompletableFuture.supplyAsync(
                () -> withTrialRoles(request, permit, users.rolesIn(userId, trialId)), blocking));
    }

    /** What the permit decides before any trial's roles are read: empty when they must be. */
    private static Optional<SecurityRuleResult> withoutTrialRoles(HttpRequest<?> request,
                                                                  @Nullable Authentication authentication,
                                                                  @Nullable AnnotationValue<Permit> permit) {
        if (permit == null) {
            return Optional.of(SecurityRuleResult.REJECTED);
        }
        if (permit.booleanValue("anonymous").orElse(false)) {
            return Optional.of(SecurityRuleResult.ALLOWED);
        }
        if (authentication == null) {
            return Optional.of(SecurityRuleResult.REJECTED);
        }
        if (Boolean.TRUE.equals(authentication.getAttributes().get(LoginController.PASSWORD_CHANGE))
                && !permit.booleanValue("duringPasswordChange").orElse(false)) {
            request.setAttribute(Refusal.ATTRIBUTE, PASSWORD_CHANGE_REQUIRED);
            return Optional.of(SecurityRuleResult.REJECTED);
        }
        boolean admin = authentication.getRoles().contains(Role.ADMIN.name());
        if (permit.booleanValue("signedIn").orElse(false)) {
            if (admin) {
                request.setAttribute(ROLE_ATTRIBUTE, Role.ADMIN);
            }
            return Optional.of(SecurityRuleResult.ALLOWED);
        }
        Set<Role> permitted = EnumSet.noneOf(Role.class);
        permitted.addAll(Arrays.asList(permit.enumValues("value", Role.class)));
        if (admin && permitted.contains(Role.ADMIN)) {
            request.setAttribute(ROLE_ATTRIBUTE, Role.ADMIN);
            return Optional.of(SecurityRuleResult.ALLOWED);
        }
        return Optional.empty();
    }

    /** Allowed in the first of the permitted roles the user holds in the trial, which the request then acts in. */
    private static SecurityRuleResult withTrialRoles(HttpRequest<?> request, AnnotationValue<Permit> permit,
                                                     Set<Role> held) {
        Optional<Role> acting = Arrays.stream(permit.enumValues("value", Role.class)).filter(held::contains).findFirst();
        acting.ifPresent(role -> request.setAttribute(ROLE_ATTRIBUTE, role));
        return acting.isPresent() ? SecurityRuleResult.ALLOWED : SecurityRuleResult.REJECTED;
    }

    /** The trial the request's route names, if any. */
    static Long trialOf(HttpRequest<?> request) {
        Object trialVariable = RouteAttributes.getRouteMatch(request)
                .map(route -> route.getVariableValues().get(TRIAL_VARIABLE)).orElse(null);
        return trialVariable == null ? null : parse(trialVariable.toString());
    }

    static Long userId(Authentication authentication) {
        return authentication.getAttributes().get(LoginController.USER_ID) instanceof Number number
                ? number.longValue() : null;
    }

    private static Long parse(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
