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
import org.trialkeeper.followup.EventKind;
import org.trialkeeper.followup.FollowUpService;
import org.trialkeeper.followup.Requests;
import org.trialkeeper.followup.Views;
import org.trialkeeper.participant.Candidate;
import org.trialkeeper.participant.ParticipantService;
import org.trialkeeper.participant.ParticipantStatus;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.protocol.Arm;
import org.trialkeeper.protocol.ArmRole;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.randomisation.AllocationView;
import org.trialkeeper.randomisation.RandomisationService;
import org.trialkeeper.trial.TrialService;
import org.trialkeeper.trial.TrialView;
import org.trialkeeper.unblinding.EmergencyUnblinding;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A randomised participant's page for the coordinator: the arm, every session's attendance in
 * one form, and the events after randomisation by their names. Nothing is offered that the
 * service would refuse: no attendance for an arm without sessions, no forms once data collection ends.
 */
@Controller(Pages.ROOT + "/trials/{trialId}/participants/{participantId}")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
@Hidden
record FollowUpPages(WebSession session, TrialService trials, ParticipantService participants,
                     RandomisationService randomisation, FollowUpService followUp, EmergencyUnblinding unblinding,
                     Clock clock) {

    /** One session on the form: what is recorded, and what the form shows chosen. */
    public record SessionRow(int number, @Nullable String recorded, @Nullable String chosen) {
    }

    /** A recorded event as the page shows it. */
    public record EventRow(String date, String kind, @Nullable String reason, @Nullable String timepoint) {
    }

    /** An event kind offered on the form. */
    public record Kind(String code, String label) {
    }

    @Get("/follow-up")
    @Permit(Role.COORDINATOR)
    HttpResponse<?> followUpPage(HttpRequest<?> request, @Parameter(hidden = true) Actor actor, @PathVariable long trialId,
                                 @PathVariable long participantId) {
        return Pages.page("followup", model(request, actor, trialId, participantId, Map.of()));
    }

    @Post("/attendance")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Permit(Role.COORDINATOR)
    HttpResponse<?> attend(HttpRequest<?> request, @Parameter(hidden = true) Actor actor, @PathVariable long trialId,
                           @PathVariable long participantId, @Body @Nullable Map<String, String> form) {
        Map<String, String> fields = Pages.checkedForm(request, session, form);
        return change(request, actor, trialId, participantId, fields, () -> {
            Map<Integer, Boolean> present = new LinkedHashMap<>();
            fields.forEach((name, value) -> {
                if (name.startsWith("session.") && !value.isBlank()) {
                    present.put(sessionNumber(name.substring("session.".length())), "present".equals(value));
                }
            });
            followUp.attend(actor, trialId, participantId, present, blankToNull(fields.get("reason")));
        });
    }

    @Post("/events")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Permit(Role.COORDINATOR)
    HttpResponse<?> event(HttpRequest<?> request, @Parameter(hidden = true) Actor actor, @PathVariable long trialId,
                          @PathVariable long participantId, @Body @Nullable Map<String, String> form) {
        Map<String, String> fields = Pages.checkedForm(request, session, form);
        return change(request, actor, trialId, participantId, fields, () -> {
            String kind = fields.get("kind");
            boolean withdrawal = EventKind.WITHDREW_CONSENT.code().equals(kind);
            followUp.record(actor, trialId, participantId, new Requests.EventRequest(blankToNull(kind), fields.get("date"),
                    blankToNull(fields.get("reason")), blankToNull(fields.get("timepoint")),
                    withdrawal ? Boolean.valueOf("yes".equals(fields.get("keepData"))) : null));
        });
    }

    /** Makes the change and goes back to the page, or shows the page again with what was typed and why it was refused. */
    private HttpResponse<?> change(HttpRequest<?> request, Actor actor, long trialId, long participantId,
                                   Map<String, String> typed, Runnable change) {
        try {
            change.run();
            return Pages.redirect(Pages.ROOT + "/trials/" + trialId + "/participants/" + participantId + "/follow-up");
        } catch (ProblemException refused) {
            Map<String, Object> model = model(request, actor, trialId, participantId, typed);
            model.put("errors", Pages.errors(refused));
            return Pages.page(Pages.status(refused), "followup", model);
        }
    }

    private Map<String, Object> model(HttpRequest<?> request, Actor actor, long trialId, long participantId,
                                      Map<String, String> typed) {
        Candidate participant = participants.candidate(trialId, participantId);
        if (!participant.status().randomised()) {
            throw ProblemException.notFound("Randomised participant", participantId);
        }
        TrialView trial = trials.find(trialId);
        Protocol protocol = trials.protocol(trialId);
        AllocationView allocation = randomisation.allocation(actor, trialId, participantId);
        Arm arm = protocol.arms().stream().filter(a -> a.code().equals(allocation.arm())).findFirst().orElseThrow();
        boolean collecting = trial.status().collectsData();
        boolean withSessions = arm.role() == ArmRole.INTERVENTION && !arm.waitlist();
        Views.AttendanceView attendance = followUp.attendance(trialId, participantId);

        Map<String, Object> model = Pages.model(request, session, actor, "Follow-up of " + participant.code());
        model.put("trial", trial);
        model.put("participant", participant);
        model.put("protocol", protocol);
        model.put("allocation", allocation);
        model.put("collecting", collecting);
        model.put("withSessions", withSessions);
        model.put("attendanceForm", collecting && withSessions && participant.status() != ParticipantStatus.WITHDRAWN);
        model.put("attendance", attendance);
        model.put("sessions", sessionRows(attendance, typed));
        model.put("events", followUp.events(trialId, participantId).stream()
                .map(e -> new EventRow(e.date().toString(), label(e.kind()), e.reason(), e.timepoint())).toList());
        model.put("kinds", Arrays.stream(EventKind.values()).filter(k -> arm.waitlist() || !k.waitlistOnly())
                .map(k -> new Kind(k.code(), k.label())).toList());
        String today = LocalDate.now(clock.withZone(ZoneOffset.UTC)).toString();
        model.put("today", today);
        model.put("values", typed);
        model.put("date", typed.getOrDefault("date", today));
        model.put("unblinding", unblinding.permittingRole(actor, trialId).isPresent());
        return model;
    }

    private static List<SessionRow> sessionRows(Views.AttendanceView attendance, Map<String, String> typed) {
        List<SessionRow> rows = new ArrayList<>();
        for (int number = 1; number <= attendance.sessions(); number++) {
            int n = number;
            String recorded = attendance.recorded().stream().filter(r -> r.session() == n).findFirst()
                    .map(r -> r.present() ? "present" : "absent").orElse(null);
            rows.add(new SessionRow(number, recorded, typed.getOrDefault("session." + number, recorded)));
        }
        return rows;
    }

    private static String label(String code) {
        return EventKind.of(code).map(EventKind::label).orElse(code);
    }

    private static int sessionNumber(String number) {
        try {
            return Integer.parseInt(number);
        } catch (NumberFormatException e) {
            throw ProblemException.invalidRequest("session", "type", "must be a session number");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
