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
import org.trialkeeper.followup.EventKind;
import org.trialkeeper.followup.FollowUpService;
import org.trialkeeper.followup.Requests;
import org.trialkeeper.participant.Candidate;
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
import org.trialkeeper.unblinding.EmergencyUnblinding;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

/** The coordinator's pages: screening, randomisation with confirmation, attendance and follow-up events. */
@Controller(Pages.ROOT + "/trials/{trialId}")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
@Hidden
record CoordinatorPages(WebSession session, TrialService trials, ParticipantService participants,
                        RandomisationService randomisation, FollowUpService followUp, EmergencyUnblinding unblinding,
                        Clock clock) {

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

    @Get("/participants/{participantId}/follow-up")
    @Permit(Role.COORDINATOR)
    HttpResponse<?> followUpPage(HttpRequest<?> request, @Parameter(hidden = true) Actor actor, @PathVariable long trialId,
                                 @PathVariable long participantId) {
        return Pages.page("followup", followUpModel(request, actor, trialId, participantId));
    }

    @Post("/participants/{participantId}/attendance")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Permit(Role.COORDINATOR)
    HttpResponse<?> attend(HttpRequest<?> request, @Parameter(hidden = true) Actor actor, @PathVariable long trialId,
                           @PathVariable long participantId, @Body @Nullable Map<String, String> form) {
        Map<String, String> fields = Pages.checkedForm(request, session, form);
        return followUpChange(request, actor, trialId, participantId, () -> {
            int sessionNumber = sessionNumber(fields);
            String present = fields.get("present");
            followUp.attend(actor, trialId, participantId, sessionNumber, new Requests.AttendanceRequest(
                    present == null ? null : Boolean.valueOf(present), blankToNull(fields.get("reason"))));
        });
    }

    @Post("/participants/{participantId}/events")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Permit(Role.COORDINATOR)
    HttpResponse<?> event(HttpRequest<?> request, @Parameter(hidden = true) Actor actor, @PathVariable long trialId,
                          @PathVariable long participantId, @Body @Nullable Map<String, String> form) {
        Map<String, String> fields = Pages.checkedForm(request, session, form);
        return followUpChange(request, actor, trialId, participantId, () -> {
            String kind = fields.get("kind");
            boolean withdrawal = EventKind.WITHDREW_CONSENT.code().equals(kind);
            followUp.record(actor, trialId, participantId, new Requests.EventRequest(kind, fields.get("date"),
                    blankToNull(fields.get("reason")), blankToNull(fields.get("timepoint")),
                    withdrawal ? Boolean.valueOf("yes".equals(fields.get("keepData"))) : null));
        });
    }

    /** Makes the change and goes back to the follow-up page, or shows the page again with why it was refused. */
    private HttpResponse<?> followUpChange(HttpRequest<?> request, Actor actor, long trialId, long participantId,
                                           Runnable change) {
        try {
            change.run();
            return Pages.redirect(Pages.ROOT + "/trials/" + trialId + "/participants/" + participantId + "/follow-up");
        } catch (ProblemException refused) {
            Map<String, Object> model = followUpModel(request, actor, trialId, participantId);
            model.put("errors", Pages.errors(refused));
            return Pages.page(Pages.status(refused), "followup", model);
        }
    }

    private Map<String, Object> followUpModel(HttpRequest<?> request, Actor actor, long trialId, long participantId) {
        Candidate participant = participants.candidate(trialId, participantId);
        Protocol protocol = trials.protocol(trialId);
        Map<String, Object> model = Pages.model(request, session, actor, "Follow-up of " + participant.code());
        model.put("trial", trials.find(trialId));
        model.put("participant", participant);
        model.put("protocol", protocol);
        model.put("attendance", followUp.attendance(trialId, participantId));
        model.put("sessions", IntStream.rangeClosed(1, protocol.intervention().sessions()).boxed().toList());
        model.put("events", followUp.events(trialId, participantId));
        model.put("kinds", Arrays.stream(EventKind.values()).map(EventKind::code).toList());
        model.put("today", LocalDate.now(clock.withZone(ZoneOffset.UTC)).toString());
        model.put("unblinding", unblinding.permittingRole(actor, trialId).isPresent());
        return model;
    }

    private static void answer(Map<String, String> fields, String id, Map<String, Object> eligibility) {
        String value = fields.get("eligibility." + id);
        if ("yes".equals(value) || "no".equals(value)) {
            eligibility.put(id, "yes".equals(value));
        }
    }

    private static int sessionNumber(Map<String, String> fields) {
        try {
            return Integer.parseInt(fields.getOrDefault("session", "0"));
        } catch (NumberFormatException e) {
            throw ProblemException.invalidRequest("session", "type", "must be a session number");
        }
    }

    private static Object number(String value) {
        try {
            return value.contains(".") ? Double.valueOf(value) : Long.valueOf(value);
        } catch (NumberFormatException e) {
            return value;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
