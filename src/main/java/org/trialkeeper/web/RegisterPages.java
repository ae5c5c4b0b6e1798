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
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Parameter;
import org.trialkeeper.access.Actor;
import org.trialkeeper.access.Permit;
import org.trialkeeper.access.Role;
import org.trialkeeper.followup.FollowUpService;
import org.trialkeeper.followup.Requests;
import org.trialkeeper.followup.Views;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.reads.Page;
import org.trialkeeper.trial.TrialService;
import org.trialkeeper.trial.TrialView;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** The session register: one session recorded for the whole intervention arm at once. */
@Controller(Pages.ROOT + "/trials/{trialId}/sessions")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
@Hidden
record RegisterPages(WebSession session, TrialService trials, FollowUpService followUp) {

    /** A participant's line on the register: what is recorded, and what the form shows chosen. */
    public record Line(long id, String code, String site, String recorded, String chosen, boolean withdrawn) {
    }

    @Get("/{session}{?after}")
    @Permit(Role.COORDINATOR)
    HttpResponse<?> register(HttpRequest<?> request, @Parameter(hidden = true) Actor actor, @PathVariable long trialId,
                             @PathVariable("session") int number, @QueryValue @Nullable Integer after) {
        Map<String, Object> model = model(request, actor, trialId, number, after == null ? 0 : after, Map.of());
        if (request.getParameters().contains("saved")) {
            model.put("saved", true);
        }
        return Pages.page("register", model);
    }

    @Post("/{session}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Permit(Role.COORDINATOR)
    HttpResponse<?> record(HttpRequest<?> request, @Parameter(hidden = true) Actor actor, @PathVariable long trialId,
                           @PathVariable("session") int number, @Body @Nullable Map<String, String> form) {
        Map<String, String> fields = Pages.checkedForm(request, session, form);
        int after = fields.containsKey("after") ? (int) parse(fields.get("after")) : 0;
        boolean restPresent = "yes".equals(fields.get("restPresent"));
        List<Requests.Mark> marks = new ArrayList<>();
        fields.forEach((name, value) -> {
            if (name.startsWith("listed.")) {
                String choice = fields.getOrDefault("present." + value, "");
                if (!choice.isBlank() || restPresent) {
                    marks.add(new Requests.Mark(parse(value), choice.isBlank() || "present".equals(choice)));
                }
            }
        });
        try {
            followUp.recordSession(actor, trialId, number, new Requests.SessionAttendanceRequest(marks,
                    fields.get("reason") == null || fields.get("reason").isBlank() ? null : fields.get("reason")));
            return Pages.redirect(Pages.ROOT + "/trials/" + trialId + "/sessions/" + number + "?after=" + after + "&saved");
        } catch (ProblemException refused) {
            Map<String, Object> model = model(request, actor, trialId, number, after, fields);
            model.put("errors", Pages.errors(refused));
            return Pages.page(Pages.status(refused), "register", model);
        }
    }

    private Map<String, Object> model(HttpRequest<?> request, Actor actor, long trialId, int number, int after,
                                      Map<String, String> typed) {
        TrialView trial = trials.find(trialId);
        Views.RegisterView register = followUp.register(trialId, number, after, Page.DEFAULT_LIMIT);
        Map<String, Object> model = Pages.model(request, session, actor, "Session " + number + " register");
        model.put("trial", trial);
        model.put("register", register);
        model.put("lines", register.participants().stream().map(p -> {
            String recorded = p.present() == null ? "" : p.present() ? "present" : "absent";
            return new Line(p.participantId(), p.code(), p.site(), recorded.isEmpty() ? "not recorded" : recorded,
                    typed.getOrDefault("present." + p.participantId(), recorded), "WITHDRAWN".equals(p.status()));
        }).toList());
        model.put("number", number);
        model.put("after", after);
        model.put("numbers", IntStream.rangeClosed(1, register.sessions()).boxed().toList());
        model.put("collecting", trial.status().collectsData());
        model.put("values", typed);
        return model;
    }

    private static long parse(String number) {
        try {
            return Long.parseLong(number);
        } catch (NumberFormatException e) {
            throw ProblemException.invalidRequest("participant", "type", "must be a number");
        }
    }
}
