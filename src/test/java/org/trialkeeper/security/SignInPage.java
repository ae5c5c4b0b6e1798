package org.trialkeeper.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.cookie.Cookie;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The web sign-in form, filled in and sent as a browser would, from a source named in X-Forwarded-For. */
final class SignInPage {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private SignInPage() {
    }

    /** The answer to the form: a redirect when signed in, the form again with its status when refused. */
    static HttpResponse<?> submit(HttpClient http, String from, String username, String password) {
        HttpResponse<String> form = http.toBlocking().exchange(HttpRequest.GET("/app/login")
                .header(LoginSource.FORWARDED_FOR, from), String.class);
        Matcher csrf = CSRF.matcher(form.body());
        if (!csrf.find()) {
            throw new AssertionError("the sign-in form has no CSRF field");
        }
        Cookie loginCookie = form.getCookie("TRIALKEEPER_LOGIN").orElseThrow();
        HttpRequest<?> filled = HttpRequest.POST("/app/login",
                        Map.of("_csrf", csrf.group(1), "username", username, "password", password))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                .cookie(Cookie.of(loginCookie.getName(), loginCookie.getValue()))
                .header(LoginSource.FORWARDED_FOR, from);
        try {
            return http.toBlocking().exchange(filled, String.class);
        } catch (HttpClientResponseException refused) {
            return refused.getResponse();
        }
    }
}
