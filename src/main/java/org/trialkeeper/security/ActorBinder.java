package org.trialkeeper.security;

import org.trialkeeper.access.Role;
import org.trialkeeper.access.Actor;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;

import java.util.Optional;

/** Lets a controller method take the {@link Actor} the access rule let through. */
@Singleton
final class ActorBinder implements TypedRequestArgumentBinder<Actor> {

    @Override
    public Argument<Actor> argumentType() {
        return Argument.of(Actor.class);
    }

    @Override
    public BindingResult<Actor> bind(ArgumentConversionContext<Actor> context, HttpRequest<?> source) {
        Optional<Authentication> authentication = source.getUserPrincipal(Authentication.class);
        if (authentication.isEmpty()) {
            return BindingResult.unsatisfied();
        }
        Role role = source.getAttribute(AccessRule.ROLE_ATTRIBUTE, Role.class).orElse(null);
        Actor actor = new Actor(AccessRule.userId(authentication.get()), authentication.get().getName(), role);
        return () -> Optional.of(actor);
    }
}
