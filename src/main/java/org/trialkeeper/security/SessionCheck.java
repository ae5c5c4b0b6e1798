package org.trialkeeper.security;

import com.nimbusds.jwt.JWT;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.validator.JsonWebTokenValidator;
import io.micronaut.security.token.jwt.validator.JwtAuthenticationFactory;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import org.trialkeeper.access.Role;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Checks every presented token, bearer or cookie: its signature and expiry, then the account's
 * row as it is now. A token of a disabled account, or of an older session version (the user
 * signed out, changed or was given a password, or lost administration), counts as no sign-in at
 * all: 401 for the API, the sign-in page for the pages. Whether the user is an administrator
 * and must change a one-time password are taken from the row, never from the token. The same
 * statement reads the user's roles in the trial the request names, which {@link AccessRule} then
 * decides from.
 */
@Singleton
final class SessionCheck implements TokenValidator<HttpRequest<?>> {

    private final JsonWebTokenValidator<JWT, HttpRequest<?>> signatures;
    private final JwtAuthenticationFactory authentications;
    private final SessionRows users;
    private final ExecutorService blocking;

    SessionCheck(JsonWebTokenValidator<JWT, HttpRequest<?>> signatures, JwtAuthenticationFactory authentications,
                 SessionRows users, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.signatures = signatures;
        this.authentications = authentications;
        this.users = users;
        this.blocking = blocking;
    }

    @Override
    public Publisher<Authentication> validateToken(String token, @Nullable HttpRequest<?> request) {
        Optional<Authentication> signed = signatures.validate(token, request).flatMap(authentications::createAuthentication);
        if (signed.isEmpty()
                || !(signed.get().getAttributes().get(LoginController.USER_ID) instanceof Number userId)
                || !(signed.get().getAttributes().get(SignIn.SESSION_VERSION) instanceof Number version)) {
            return Publishers.empty();
        }
        // the event loop never waits for the database
        return Publishers.fromCompletableFuture(() -> CompletableFuture.supplyAsync(
                () -> current(signed.get(), userId.longValue(), version.intValue(), request), blocking));
    }

    private Authentication current(Authentication signed, long userId, int version, @Nullable HttpRequest<?> request) {
        Long trialId = request == null ? null : AccessRule.trialOf(request);
        List<SessionRow> rows = users.find(userId, trialId);
        if (rows.isEmpty() || !rows.get(0).active() || rows.get(0).sessionVersion() != version) {
            return null;
        }
        SessionRow account = rows.get(0);
        if (trialId != null) {
            Set<Role> roles = EnumSet.noneOf(Role.class);
            rows.stream().map(SessionRow::role).filter(Objects::nonNull).forEach(roles::add);
            request.setAttribute(AccessRule.TRIAL_ROLES_ATTRIBUTE, new TrialRoles(userId, trialId, roles));
        }
        Map<String, Object> attributes = new HashMap<>(signed.getAttributes());
        attributes.put(LoginController.PASSWORD_CHANGE, account.mustChangePassword());
        return Authentication.build(signed.getName(), account.admin() ? List.of(Role.ADMIN.name()) : List.of(),
                attributes);
    }
}
