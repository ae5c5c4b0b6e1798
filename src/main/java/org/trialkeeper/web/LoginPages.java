package org.trialkeeper.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Parameter;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.access.Actor;
import org.trialkeeper.security.PasswordChange;
import org.trialkeeper.access.Permit;
import org.trialkeeper.security.AccountAdministration;
import org.trialkeeper.security.SignIn;
import org.trialkeeper.security.UserService;

import java.util.Map;

/** Sign-in, sign-out, staying signed in and the first change of a one-time password, as pages. */
@Controller(Pages.ROOT)
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
@Hidden
record LoginPages(WebSession session, SignIn signIn, UserService users, AccountAdministration accounts) {

    static final String SESSION_SECONDS = "X-Session-Seconds";

    @Get("/login")
    @Permit(anonymous = true)
    HttpResponse<?> loginForm(HttpRequest<?> request) {
        String token = session.newLoginToken();
        Map<String, Object> model = Pages.model(request, session, null, "Sign in");
        model.put("csrf", token);
        return session.withLoginToken(request, Pages.page("login", model), token);
    }

    @Post("/login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Permit(anonymous = true)
    HttpResponse<?> login(HttpRequest<?> request, @Body @Nullable Map<String, String> form) {
        Map<String, String> fields = Pages.checkedForm(request, session, form);
        try {
            SignIn.Session signedIn = signIn.attempt(request, fields.get("username"), fields.get("password"));
            return session.withSession(request, Pages.redirect(signedIn.mustChangePassword() ? Pages.ROOT + "/password"
                    : Pages.ROOT), signedIn.token(), signedIn.expiresIn());
        } catch (ProblemException refused) {
            String token = session.newLoginToken();
            Map<String, Object> model = Pages.model(request, session, null, "Sign in");
            model.put("csrf", token);
            model.put("errors", java.util.List.of(refused.getMessage()));
            model.put("username", fields.get("username"));
            MutableHttpResponse<?> page = Pages.page(HttpStatus.valueOf(refused.kind().status()), "login", model);
            refused.retryAfterSeconds().ifPresent(seconds -> page.header(HttpHeaders.RETRY_AFTER, seconds));
            return session.withLoginToken(request, page, token);
        }
    }

    @Post("/logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Permit(signedIn = true, duringPasswordChange = true)
    HttpResponse<?> logout(HttpRequest<?> request, @Parameter(hidden = true) Actor actor,
                           @Body @Nullable Map<String, String> form) {
        Pages.checkedForm(request, session, form);
        accounts.signOut(actor);
        return session.withoutSession(request, Pages.redirect(Pages.ROOT + "/login"));
    }

    /** What a page's "Stay signed in" sends: a fresh session cookie, and how long it lasts in {@code X-Session-Seconds}. */
    @Post("/session")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Permit(signedIn = true, duringPasswordChange = true)
    HttpResponse<?> staySignedIn(HttpRequest<?> request, @Body @Nullable Map<String, String> form) {
        Pages.checkedForm(request, session, form);
        SignIn.Session renewed = signIn.renew(request.getUserPrincipal(Authentication.class).orElseThrow());
        return session.withSession(request, HttpResponse.noContent().header(SESSION_SECONDS,
                Integer.toString(renewed.expiresIn())), renewed.token(), renewed.expiresIn());
    }

    @Get("/password")
    @Permit(signedIn = true, duringPasswordChange = true)
    HttpResponse<?> passwordForm(HttpRequest<?> request, @Parameter(hidden = true) Actor actor) {
        return Pages.page("password", Pages.model(request, session, actor, "Choose your password"));
    }

    @Post("/password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Permit(signedIn = true, duringPasswordChange = true)
    HttpResponse<?> changePassword(HttpRequest<?> request, @Parameter(hidden = true) Actor actor,
                                   @Body @Nullable Map<String, String> form) {
        Map<String, String> fields = Pages.checkedForm(request, session, form);
        try {
            users.changeOwnPassword(actor, new PasswordChange(fields.get("currentPassword"), fields.get("newPassword")));
            SignIn.Session signedIn = signIn.attempt(request, actor.username(), fields.get("newPassword"));
            return session.withSession(request, Pages.redirect(Pages.ROOT), signedIn.token(), signedIn.expiresIn());
        } catch (ProblemException refused) {
            Map<String, Object> model = Pages.model(request, session, actor, "Choose your password");
            model.put("errors", Pages.errors(refused));
            return Pages.page(HttpStatus.BAD_REQUEST, "password", model);
        }
    }
}
