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

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Checks every presented token, bearer or cookie: its signature and expiry, then the account's
 * row as it is now. A token of a disabled account, or of an older session version (the user
 * signed out, changed or was given a password, or lost administration), counts as no sign-in at
 * all: 401 for the API, the sign-in page for the pages. Whether the user is an administrator
 * and must change a one-time password are taken from the row, never from the token.
 */
@Singleton
final class SessionCheck implements TokenValidator<HttpRequest<?>> {

    private final JsonWebTokenValidator<JWT, HttpRequest<?>> signatures;
    private final JwtAuthenticationFactory authentications;
    private final UserRepository users;
    private final ExecutorService blocking;

    SessionCheck(JsonWebTokenValidator<JWT, HttpRequest<?>> signatures, JwtAuthenticationFactory authentications,
                 UserRepository users, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
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
                () -> current(signed.get(), userId.longValue(), version.intValue()).orElse(null), blocking));
    }

    private Optional<Authentication> current(Authentication signed, long userId, int version) {
        return users.findById(userId).filter(account -> account.active() && account.sessionVersion() == version)
                .map(account -> {
                    Map<String, Object> attributes = new HashMap<>(signed.getAttributes());
                    attributes.put(LoginController.PASSWORD_CHANGE, account.mustChangePassword());
                    return Authentication.build(signed.getName(),
                            account.admin() ? List.of(Role.ADMIN.name()) : List.of(), attributes);
                });
    }
}
