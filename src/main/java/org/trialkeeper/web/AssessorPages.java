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
import org.trialkeeper.assessment.AssessmentRequest;
import org.trialkeeper.assessment.CorrectionRequest;
import org.trialkeeper.assessment.AssessmentService;
import org.trialkeeper.assessment.AssessmentView;
import org.trialkeeper.participant.ParticipantService;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.protocol.Instrument;
import org.trialkeeper.protocol.Timepoint;
import org.trialkeeper.access.Actor;
import org.trialkeeper.access.Permit;
import org.trialkeeper.access.Role;
import org.trialkeeper.trial.TrialService;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** The assessor's entry form, one input per item of the instrument, and nothing that depends on the arm. */
@Controller(Pages.ROOT + "/trials/{trialId}/participants/{participantId}/assess")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
@Hidden
record AssessorPages(WebSession session, TrialService trials, ParticipantService participants,
                     AssessmentService assessments) {

    @Get("{?instrument,timepoint}")
    @Permit(Role.ASSESSOR)
    HttpResponse<?> form(HttpRequest<?> request, @Parameter(hidden = true) Actor actor, @PathVariable long trialId,
                         @PathVariable long participantId, @QueryValue @Nullable String instrument,
                         @QueryValue @Nullable String timepoint) {
        return Pages.page("assess", model(request, actor, trialId, participantId, instrument, timepoint, Map.of()));
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Permit(Role.ASSESSOR)
    HttpResponse<?> enter(HttpRequest<?> request, @Parameter(hidden = true) Actor actor, @PathVariable long trialId,
                          @PathVariable long participantId, @Body @Nullable Map<String, String> form) {
        Map<String, String> fields = Pages.checkedForm(request, session, form);
        String instrumentId = fields.get("instrument");
        String timepoint = fields.get("timepoint");
        Instrument instrument = trials.protocol(trialId).instrument(instrumentId == null ? "" : instrumentId).orElse(null);
        List<Object> responses = null;
        if (instrument != null) {
            responses = new ArrayList<>();
            for (int item = 1; item <= instrument.items(); item++) {
                String value = fields.get("item." + item);
                responses.add(value == null || value.isBlank() ? null : whole(value));
            }
        }
        String guess = fields.get("guess");
        String correcting = fields.get("assessmentId");
        try {
            AssessmentView entered = correcting == null
                    ? assessments.enter(actor, trialId, participantId, new AssessmentRequest(instrumentId,
                            timepoint, responses, guess == null || guess.isBlank() ? null : guess))
                    : assessments.correct(actor, trialId, participantId, assessmentId(correcting), new CorrectionRequest(
                            responses, guess == null || guess.isBlank() ? null : guess, fields.get("reason")));
            Map<String, Object> model = Pages.model(request, session, actor, "Assessment entered");
            model.put("trial", trials.find(trialId));
            model.put("assessment", entered);
            return Pages.page("assessed", model);
        } catch (ProblemException refused) {
            Map<String, Object> model = model(request, actor, trialId, participantId, instrumentId, timepoint, fields);
            model.put("errors", Pages.errors(refused));
            return Pages.page(Pages.status(refused), "assess", model);
        }
    }

    private Map<String, Object> model(HttpRequest<?> request, Actor actor, long trialId, long participantId,
                                      String instrumentId, String timepoint, Map<String, String> values) {
        Instrument instrument = trials.protocol(trialId).instrument(instrumentId == null ? "" : instrumentId)
                .orElseThrow(() -> ProblemException.invalidRequest("instrument", "one-of",
                        "must be one of the protocol's instruments"));
        // an instrument already entered opens as entered, to be corrected with a reason
        AssessmentView entered = assessments.list(trialId, participantId).stream()
                .filter(a -> a.instrument().equals(instrument.id()) && a.timepoint().equals(timepoint)).findFirst().orElse(null);
        Map<String, String> shown = new HashMap<>();
        if (entered != null) {
            for (int item = 1; item <= entered.responses().size(); item++) {
                Integer answer = entered.responses().get(item - 1);
                shown.put("item." + item, answer == null ? "" : answer.toString());
            }
            shown.put("guess", entered.guess() == null ? "" : entered.guess());
        }
        shown.putAll(values);
        Map<String, Object> model = Pages.model(request, session, actor, (entered == null ? "" : "Correct ")
                + instrument.name() + " at " + timepoint);
        model.put("trial", trials.find(trialId));
        model.put("participant", participants.candidate(trialId, participantId));
        model.put("instrument", instrument);
        model.put("timepoint", timepoint);
        model.put("items", IntStream.rangeClosed(1, instrument.items()).boxed().toList());
        model.put("values", shown);
        model.put("entered", entered);
        model.put("askGuess", trials.protocol(trialId).timepoint(timepoint == null ? "" : timepoint)
                .map(Timepoint::askGuess).orElse(false));
        return model;
    }

    private static long assessmentId(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ProblemException.invalidRequest("assessmentId", "type", "must be the id of the assessment corrected");
        }
    }

    private static Object whole(String value) {
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return value;
        }
    }
}
