package org.trialkeeper.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Parameter;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.problem.ProblemKind;
import org.trialkeeper.access.Actor;
import org.trialkeeper.security.AccountAdministration;
import org.trialkeeper.security.AccountChange;
import org.trialkeeper.security.NewUser;
import org.trialkeeper.access.Permit;
import org.trialkeeper.access.Role;
import org.trialkeeper.security.RoleAssignment;
import org.trialkeeper.security.UserService;
import org.trialkeeper.trial.TrialService;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The administrator's pages: users, memberships and roles, disabling and re-enabling accounts,
 * one-time passwords and administration.
 */
@Controller(Pages.ROOT + "/admin")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
@Hidden
record AdminPages(WebSession session, UserService users, AccountAdministration accounts, TrialService trials) {

    @Get("/users")
    @Permit(Role.ADMIN)
    HttpResponse<?> usersPage(HttpRequest<?> request, @Parameter(hidden = true) Actor actor) {
        return done(request, actor, null);
    }

    @Post("/users")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Permit(Role.ADMIN)
    HttpResponse<?> create(HttpRequest<?> request, @Parameter(hidden = true) Actor actor, @Body @Nullable Map<String, String> form) {
        Map<String, String> fields = Pages.checkedForm(request, session, form);
        try {
            var created = users.create(actor, new NewUser(fields.get("username"), fields.get("password"), false));
            return done(request, actor, "Created user " + created.username() + " (id " + created.id()
                    + ") with a one-time password");
        } catch (ProblemException refused) {
            FormErrors errors = FormErrors.of(refused, field -> field.equals("username") || field.equals("password") ? field : null);
            Map<String, Object> model = model(request, actor, errors.general(), null);
            model.put("newUsername", fields.getOrDefault("username", ""));
            model.put("formErrors", errors);
            return Pages.page(Pages.status(refused), "users", model);
        }
    }

    @Post("/members")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Permit(Role.ADMIN)
    HttpResponse<?> assign(HttpRequest<?> request, @Parameter(hidden = true) Actor actor, @Body @Nullable Map<String, String> form) {
        Map<String, String> fields = Pages.checkedForm(request, session, form);
        try {
            long trialId = Long.parseLong(fields.getOrDefault("trialId", ""));
            long userId = Long.parseLong(fields.getOrDefault("userId", ""));
            List<String> roles = new ArrayList<>();
            for (Role role : Role.values()) {
                if (role.heldPerTrial() && "on".equals(fields.get("role." + role.name()))) {
                    roles.add(role.name());
                }
            }
            var member = users.assignRoles(actor, trialId, userId, new RoleAssignment(roles));
            return done(request, actor, member.username() + " now holds "
                    + (member.roles().isEmpty() ? "no role" : member.roles()) + " in trial " + trialId);
        } catch (ProblemException refused) {
            return refused(request, actor, refused.kind() == ProblemKind.NOT_FOUND ? HttpStatus.NOT_FOUND
                    : HttpStatus.BAD_REQUEST, Pages.errors(refused));
        } catch (NumberFormatException e) {
            return refused(request, actor, HttpStatus.BAD_REQUEST, List.of("trial and user: choose both"));
        }
    }

    @Post("/users/{userId}/active")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Permit(Role.ADMIN)
    HttpResponse<?> active(HttpRequest<?> request, @Parameter(hidden = true) Actor actor, @PathVariable long userId,
                           @Body @Nullable Map<String, String> form) {
        Map<String, String> fields = Pages.checkedForm(request, session, form);
        return change(request, actor, () -> {
            var user = accounts.setActive(actor, userId, new AccountChange.Active(flag(fields.get("active"))));
            return user.username() + (user.active() ? " is enabled" : " is disabled and signed out");
        });
    }

    @Post("/users/{userId}/admin")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Permit(Role.ADMIN)
    HttpResponse<?> admin(HttpRequest<?> request, @Parameter(hidden = true) Actor actor, @PathVariable long userId,
                          @Body @Nullable Map<String, String> form) {
        Map<String, String> fields = Pages.checkedForm(request, session, form);
        return change(request, actor, () -> {
            var user = accounts.setAdmin(actor, userId, new AccountChange.Admin(flag(fields.get("admin"))));
            return user.username() + (user.admin() ? " is an administrator" : " is no longer an administrator");
        });
    }

    @Post("/users/{userId}/password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Permit(Role.ADMIN)
    HttpResponse<?> password(HttpRequest<?> request, @Parameter(hidden = true) Actor actor, @PathVariable long userId,
                             @Body @Nullable Map<String, String> form) {
        Map<String, String> fields = Pages.checkedForm(request, session, form);
        return change(request, actor, () -> {
            accounts.resetPassword(actor, userId, new AccountChange.OneTimePassword(fields.get("password")));
            return "User " + userId + " has a one-time password, to be replaced at the next sign-in, and is signed out";
        });
    }

    /** A form's true or false; anything else is left for the service to name. */
    private static Object flag(String value) {
        return "true".equals(value) ? Boolean.TRUE : "false".equals(value) ? Boolean.FALSE : value;
    }

    /** Makes a change and shows the users page saying what was done, or why it was refused. */
    private HttpResponse<?> change(HttpRequest<?> request, Actor actor, java.util.function.Supplier<String> change) {
        try {
            return done(request, actor, change.get());
        } catch (ProblemException refused) {
            return refused(request, actor, refused.kind() == ProblemKind.NOT_FOUND ? HttpStatus.NOT_FOUND
                    : Pages.status(refused), Pages.errors(refused));
        }
    }

    /** The users page, saying what was just done, if anything. */
    private HttpResponse<?> done(HttpRequest<?> request, Actor actor, String done) {
        return Pages.page("users", model(request, actor, List.of(), done));
    }

    private HttpResponse<?> refused(HttpRequest<?> request, Actor actor, HttpStatus status, List<String> errors) {
        return Pages.page(status, "users", model(request, actor, errors, null));
    }

    private Map<String, Object> model(HttpRequest<?> request, Actor actor, List<String> errors, String done) {
        Map<String, Object> model = Pages.model(request, session, actor, "Users and roles");
        model.put("users", users.list());
        model.put("trials", trials.list());
        model.put("roles", List.of(Role.COORDINATOR, Role.ASSESSOR, Role.INVESTIGATOR, Role.STATISTICIAN));
        model.put("errors", errors);
        model.put("done", done);
        model.put("newUsername", "");
        model.put("formErrors", FormErrors.NONE);
        return model;
    }
}
