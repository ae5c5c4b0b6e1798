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
import org.trialkeeper.participant.ParticipantService;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.trial.TrialService;
import org.trialkeeper.unblinding.EmergencyUnblinding;

import java.util.Map;

/**
 * Emergency unblinding of one participant: a form for the reason and the password, then the
 * arm on the answer to that form only, never in a URL or on a page that can be opened again.
 */
@Controller(Pages.ROOT + "/trials/{trialId}/participants/{participantId}/unblinding")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
@Hidden
record UnblindingPages(WebSession session, TrialService trials, ParticipantService participants,
                       EmergencyUnblinding unblinding) {

    @Get
    @Permit({Role.COORDINATOR, Role.INVESTIGATOR, Role.STATISTICIAN})
    HttpResponse<?> form(HttpRequest<?> request, @Parameter(hidden = true) Actor actor, @PathVariable long trialId,
                         @PathVariable long participantId) {
        Map<String, Object> model = formModel(request, actor, trialId, participantId);
        if (unblinding.permittingRole(actor, trialId).isPresent()) {
            return Pages.page("unblinding", model);
        }
        model.put("permitted", false);
        model.put("errors", Pages.errors(unblinding.notPermitted(trialId)));
        return Pages.page(HttpStatus.FORBIDDEN, "unblinding", model);
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Permit({Role.COORDINATOR, Role.INVESTIGATOR, Role.STATISTICIAN})
    HttpResponse<?> unblind(HttpRequest<?> request, @Parameter(hidden = true) Actor actor, @PathVariable long trialId,
                            @PathVariable long participantId, @Body @Nullable Map<String, String> form) {
        Map<String, String> fields = Pages.checkedForm(request, session, form);
        Map<String, Object> model = formModel(request, actor, trialId, participantId);
        try {
            model.put("allocation", unblinding.unblind(actor, trialId, participantId, fields.get("reason"),
                    fields.get("password")));
            // the arm is shown on this answer only: neither kept by the browser nor shown again
            return Pages.page("unblinded", model).header(HttpHeaders.CACHE_CONTROL, "no-store");
        } catch (ProblemException refused) {
            model.put("errors", Pages.errors(refused));
            model.put("reason", fields.get("reason"));
            MutableHttpResponse<?> page = Pages.page(HttpStatus.valueOf(refused.kind().status()), "unblinding", model);
            refused.retryAfterSeconds().ifPresent(seconds -> page.header(HttpHeaders.RETRY_AFTER, seconds));
            return page;
        }
    }

    private Map<String, Object> formModel(HttpRequest<?> request, Actor actor, long trialId, long participantId) {
        Map<String, Object> model = Pages.model(request, session, actor, "Emergency unblinding");
        model.put("trial", trials.find(trialId));
        model.put("participant", participants.candidate(trialId, participantId));
        model.put("permitted", true);
        return model;
    }
}
