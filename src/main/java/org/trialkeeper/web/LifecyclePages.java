package org.trialkeeper.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
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
import org.trialkeeper.access.Actor;
import org.trialkeeper.access.Permit;
import org.trialkeeper.access.Role;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.trial.TrialService;
import org.trialkeeper.trial.TrialView;

import java.util.List;
import java.util.Map;

/**
 * A trial's step forwards in its life, behind a confirmation that says what the step freezes.
 * The form names the status it moves to, so a second sending of it is refused rather than taking
 * a further step.
 */
@Controller(Pages.ROOT + "/admin/trials/{trialId}/status")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
@Hidden
record LifecyclePages(WebSession session, TrialService trials) {

    @Get
    @Permit(Role.ADMIN)
    HttpResponse<?> confirmation(HttpRequest<?> request, @Parameter(hidden = true) Actor actor, @PathVariable long trialId) {
        return Pages.page("admin-status", model(request, actor, trialId, List.of()));
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Permit(Role.ADMIN)
    HttpResponse<?> move(HttpRequest<?> request, @Parameter(hidden = true) Actor actor, @PathVariable long trialId,
                         @Body @Nullable Map<String, String> form) {
        Map<String, String> fields = Pages.checkedForm(request, session, form);
        try {
            trials.changeStatus(actor, trialId, fields.get("status"));
            return Pages.redirect(Pages.ROOT + "/admin/trials/" + trialId + "?done=moved");
        } catch (ProblemException refused) {
            return Pages.page(Pages.status(refused), "admin-status", model(request, actor, trialId, Pages.errors(refused)));
        }
    }

    private Map<String, Object> model(HttpRequest<?> request, Actor actor, long trialId, List<String> errors) {
        TrialView trial = trials.find(trialId);
        Map<String, Object> model = Pages.model(request, session, actor, "Status of " + trial.shortName());
        model.put("trial", trial);
        // after a refusal the form is not offered again: the trial may have moved on, and its next step is another
        model.put("step", errors.isEmpty() ? StatusSteps.from(trial.status()).orElse(null) : null);
        model.put("errors", errors);
        return model;
    }
}
