package org.trialkeeper.web;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.security.authentication.Authentication;
import org.trialkeeper.security.SignIn;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A page session is kept alive while the person works: a page asked for with a session signed
 * more than {@code renew-after} ago gets a fresh cookie, with the same sign-in id (so forms
 * already on screen keep their CSRF token) and the session version just checked.
 */
@ServerFilter(Pages.ROOT + "/**")
class SessionRenewal implements Ordered {

    private final WebSession session;
    private final SignIn signIn;
    private final Clock clock;
    private final Duration renewAfter;

    SessionRenewal(WebSession session, SignIn signIn, Clock clock,
                   @Value("${trialkeeper.session.renew-after:5m}") Duration renewAfter) {
        this.session = session;
        this.signIn = signIn;
        this.clock = clock;
        this.renewAfter = renewAfter;
    }

    /** After the sign-in check, which has read the account's row. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }

    @RequestFilter
    void renewAnAgeingSession(HttpRequest<?> request) {
        Optional<Authentication> signedIn = request.getUserPrincipal(Authentication.class);
        if (signedIn.isEmpty() || session.token(request).isEmpty()
                || request.getHeaders().contains(HttpHeaders.AUTHORIZATION)) {
            return;
        }
        Optional<Instant> issued = session.issuedAt(signedIn.get());
        if (issued.isPresent() && issued.get().plus(renewAfter).isBefore(clock.instant())) {
            request.setAttribute(WebSession.RENEWED, signIn.renew(signedIn.get()));
        }
    }

    /** Unless the page itself set or cleared the session (sign-in, sign-out, a new password). */
    @ResponseFilter
    void setRenewedCookie(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(WebSession.RENEWED, SignIn.Session.class)
                .filter(renewed -> response.getCookie(WebSession.COOKIE).isEmpty())
                .ifPresent(renewed -> session.withSession(request, response, renewed.token(), renewed.expiresIn()));
    }
}
