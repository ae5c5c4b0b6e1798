package org.trialkeeper.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.reader.TokenReader;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * The pages' token comes in their session cookie; the API's in the Authorization header, which
 * is read first. The same signed token either way, checked the same way.
 */
@Singleton
class SessionCookieReader implements TokenReader<HttpRequest<?>> {

    private final WebSession session;

    SessionCookieReader(WebSession session) {
        this.session = session;
    }

    @Override
    public Optional<String> findToken(HttpRequest<?> request) {
        return session.token(request);
    }

    @Override
    public int getOrder() {
        return LOWEST_PRECEDENCE;
    }
}
