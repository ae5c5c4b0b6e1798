package org.trialkeeper.web;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import io.micronaut.security.authentication.WwwAuthenticateChallengeProvider;
import io.micronaut.security.config.RedirectConfiguration;
import io.micronaut.security.config.RedirectService;
import io.micronaut.security.errors.PriorToLoginPersistence;
import jakarta.inject.Singleton;

import java.util.List;

/** A page asked for without a session goes to the login page; the API keeps answering 401 problem+json. */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
class PageAuthorizationHandler extends DefaultAuthorizationExceptionHandler {

    PageAuthorizationHandler(ErrorResponseProcessor<?> errors, RedirectConfiguration redirects, RedirectService redirectService,
                             List<WwwAuthenticateChallengeProvider<HttpRequest<?>>> challenges,
                             @Nullable PriorToLoginPersistence priorToLogin) {
        super(errors, redirects, redirectService, challenges, priorToLogin);
    }

    @Override
    protected boolean shouldRedirect(HttpRequest<?> request, AuthorizationException exception) {
        return !exception.isForbidden() && request.getPath().startsWith(Pages.ROOT);
    }

    @Override
    protected String getRedirectUri(HttpRequest<?> request, AuthorizationException exception) {
        return Pages.ROOT + "/login";
    }
}
