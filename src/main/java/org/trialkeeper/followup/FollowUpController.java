package org.trialkeeper.followup;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Status;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.trialkeeper.access.Actor;
import org.trialkeeper.access.Permit;
import org.trialkeeper.access.Role;
import org.trialkeeper.reads.Page;

import java.util.List;
import org.trialkeeper.problem.ProblemAnswers;
import org.trialkeeper.problem.StateAnswers;
import org.trialkeeper.problem.WriteAnswers;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.MediaType;
import org.trialkeeper.problem.Problem;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

@Controller("/api/trials/{trialId}")
@ProblemAnswers
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "session")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Follow-up")
record FollowUpController(FollowUpService followUp, ProgressService progress) {

    @Put("/participants/{participantId}/attendance/{session}")
    @WriteAnswers
    @Permit(Role.COORDINATOR)
    @Operation(summary = "Record presence or absence at one session; a change needs a reason")
    Views.AttendanceView attend(@Parameter(hidden = true) Actor actor, @PathVariable long trialId,
                                @PathVariable long participantId, @PathVariable int session,
                                @Body @Nullable Requests.AttendanceRequest request) {
        return followUp.attend(actor, trialId, participantId, session,
                request == null ? new Requests.AttendanceRequest(null, null) : request);
    }

    @Get("/participants/{participantId}/attendance")
    @Permit({Role.ADMIN, Role.COORDINATOR})
    @Operation(summary = "A participant's attendance and per-protocol status")
    Views.AttendanceView attendance(@PathVariable long trialId, @PathVariable long participantId) {
        return followUp.attendance(trialId, participantId);
    }

    @Put("/participants/{participantId}/per-protocol")
    @WriteAnswers
    @Permit(Role.COORDINATOR)
    @Operation(summary = "Decide the per-protocol exclusion, with a reason, overriding the attendance rule")
    Views.AttendanceView perProtocol(@Parameter(hidden = true) Actor actor, @PathVariable long trialId,
                                     @PathVariable long participantId,
                                     @Body @Nullable Requests.PerProtocolRequest request) {
        return followUp.decidePerProtocol(actor, trialId, participantId,
                request == null ? new Requests.PerProtocolRequest(null, null) : request);
    }

    @Post("/participants/{participantId}/events")
    @WriteAnswers
    @Permit(Role.COORDINATOR)
    @Operation(summary = "Record an event after randomisation: did not receive, discontinued, lost to follow-up, "
            + "withdrew consent, excluded from analysis, or the waitlist's delayed intervention offered or started")
    @Status(HttpStatus.CREATED)
    HttpResponse<Views.EventView> record(@Parameter(hidden = true) Actor actor, @PathVariable long trialId,
                                         @PathVariable long participantId,
                                         @Body @Nullable Requests.EventRequest request) {
        return HttpResponse.created(followUp.record(actor, trialId, participantId,
                request == null ? new Requests.EventRequest(null, null, null, null, null) : request));
    }

    @Get("/participants/{participantId}/events")
    @Permit({Role.ADMIN, Role.COORDINATOR})
    @Operation(summary = "A participant's events after randomisation, oldest first")
    List<Views.EventView> events(@PathVariable long trialId, @PathVariable long participantId) {
        return followUp.events(trialId, participantId);
    }

    @Get("/sessions/{session}/attendance{?after,limit}")
    @Permit({Role.ADMIN, Role.COORDINATOR})
    @Operation(summary = "A session's register: the intervention arm's participants, a page at a time, with what is recorded")
    Views.RegisterView register(@PathVariable long trialId, @PathVariable int session, @QueryValue @Nullable Integer after,
                                @QueryValue @Nullable Integer limit) {
        return followUp.register(trialId, session, after == null ? 0 : after, Page.limit(limit));
    }

    @Put("/sessions/{session}/attendance")
    @WriteAnswers
    @Permit(Role.COORDINATOR)
    @Operation(summary = "Record one session for many participants of the intervention arm at once: all or none")
    @Status(HttpStatus.NO_CONTENT)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    void recordSession(@Parameter(hidden = true) Actor actor, @PathVariable long trialId, @PathVariable int session,
                                  @Body @Nullable Requests.SessionAttendanceRequest request) {
        followUp.recordSession(actor, trialId, session,
                request == null ? new Requests.SessionAttendanceRequest(null, null) : request);
    }

    @Get("/progress")
    @StateAnswers
    @Permit({Role.ADMIN, Role.COORDINATOR, Role.INVESTIGATOR})
    @Operation(summary = "Recruitment, assessments due and overdue, attendance and dropouts; by arm only for those who may see arms")
    Progress progress(@Parameter(hidden = true) Actor actor, @PathVariable long trialId) {
        return progress.progress(actor, trialId);
    }
}
