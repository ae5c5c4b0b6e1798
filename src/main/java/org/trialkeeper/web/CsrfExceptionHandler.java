package org.trialkeeper.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

@Singleton
class CsrfExceptionHandler implements ExceptionHandler<Pages.CsrfException, HttpResponse<?>> {

    @Override
    public HttpResponse<?> handle(HttpRequest request, Pages.CsrfException exception) {
        return Pages.csrfRefused(request);
    }
}
