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
import org.trialkeeper.participant.ParticipantService;
import org.trialkeeper.participant.ScreeningRequest;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.protocol.BaselineCharacteristic;
import org.trialkeeper.protocol.CharacteristicType;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.randomisation.AllocationView;
import org.trialkeeper.randomisation.RandomisationService;
import org.trialkeeper.access.Actor;
import org.trialkeeper.access.Permit;
import org.trialkeeper.access.Role;
import org.trialkeeper.trial.TrialService;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** The coordinator's pages: screening, and randomisation with confirmation. */
@Controller(Pages.ROOT + "/trials/{trialId}")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
@Hidden
record CoordinatorPages(WebSession session, TrialService trials, ParticipantService participants,
                        RandomisationService randomisation) {

    @Get("/screen")
    @Permit(Role.COORDINATOR)
    HttpResponse<?> screenForm(HttpRequest<?> request, @Parameter(hidden = true) Actor actor, @PathVariable long trialId) {
        return Pages.page("screen", screenModel(request, actor, trialId, Map.of()));
    }

    @Post("/screen")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Permit(Role.COORDINATOR)
    HttpResponse<?> screen(HttpRequest<?> request, @Parameter(hidden = true) Actor actor, @PathVariable long trialId,
                           @Body @Nullable Map<String, String> form) {
        Map<String, String> fields = Pages.checkedForm(request, session, form);
        Protocol protocol = trials.protocol(trialId);
        Map<String, Object> baseline = new LinkedHashMap<>();
        for (BaselineCharacteristic characteristic : protocol.baseline()) {
            String value = fields.get("baseline." + characteristic.id());
            if (value != null && !value.isBlank()) {
                baseline.put(characteristic.id(), characteristic.type() == CharacteristicType.NUMBER ? number(value) : value);
            }
        }
        Map<String, Object> eligibility = new LinkedHashMap<>();
        protocol.eligibility().inclusion().forEach(c -> answer(fields, c.id(), eligibility));
        protocol.eligibility().exclusion().forEach(c -> answer(fields, c.id(), eligibility));
        try {
            var screened = participants.screen(actor, trialId, new ScreeningRequest(fields.get("code"), fields.get("site"),
                    baseline, eligibility, fields.get("consent")));
            return Pages.redirect(Pages.ROOT + "/trials/" + trialId + "?screened=" + screened.code() + "&status="
                    + screened.status());
        } catch (ProblemException refused) {
            Map<String, Object> model = screenModel(request, actor, trialId, fields);
            model.put("errors", Pages.errors(refused));
            return Pages.page(HttpStatus.BAD_REQUEST, "screen", model);
        }
    }

    private Map<String, Object> screenModel(HttpRequest<?> request, Actor actor, long trialId, Map<String, String> values) {
        Map<String, Object> model = Pages.model(request, session, actor, "Screen a person");
        model.put("trial", trials.find(trialId));
        model.put("protocol", trials.protocol(trialId));
        model.put("values", values);
        return model;
    }

    @Get("/participants/{participantId}/randomise")
    @Permit(Role.COORDINATOR)
    HttpResponse<?> confirm(HttpRequest<?> request, @Parameter(hidden = true) Actor actor, @PathVariable long trialId,
                            @PathVariable long participantId) {
        Map<String, Object> model = Pages.model(request, session, actor, "Randomise");
        model.put("trial", trials.find(trialId));
        model.put("participant", participants.candidate(trialId, participantId));
        // one key for this confirmation: a second click or a resent form answers the same allocation
        model.put("key", "page-" + UUID.randomUUID());
        return Pages.page("randomise", model);
    }

    @Post("/participants/{participantId}/randomise")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Permit(Role.COORDINATOR)
    HttpResponse<?> randomise(HttpRequest<?> request, @Parameter(hidden = true) Actor actor, @PathVariable long trialId,
                              @PathVariable long participantId, @Body @Nullable Map<String, String> form) {
        Map<String, String> fields = Pages.checkedForm(request, session, form);
        Map<String, Object> model = Pages.model(request, session, actor, "Allocation");
        model.put("trial", trials.find(trialId));
        try {
            AllocationView allocation = randomisation.randomise(actor, trialId, participantId, fields.get("key"));
            model.put("allocation", allocation);
            return Pages.page("allocation", model);
        } catch (ProblemException refused) {
            model.put("errors", Pages.errors(refused));
            return Pages.page(HttpStatus.CONFLICT, "allocation", model);
        }
    }

    private static void answer(Map<String, String> fields, String id, Map<String, Object> eligibility) {
        String value = fields.get("eligibility." + id);
        if ("yes".equals(value) || "no".equals(value)) {
            eligibility.put(id, "yes".equals(value));
        }
    }

    private static Object number(String value) {
        try {
            return value.contains(".") ? Double.valueOf(value) : Long.valueOf(value);
        } catch (NumberFormatException e) {
            return value;
        }
    }
}
