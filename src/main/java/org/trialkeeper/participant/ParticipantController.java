package org.trialkeeper.participant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Status;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.trialkeeper.access.Actor;
import org.trialkeeper.access.Permit;
import org.trialkeeper.access.Role;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.reads.Page;

import java.net.URI;
import java.util.List;
import org.trialkeeper.problem.ProblemAnswers;
import org.trialkeeper.problem.WriteAnswers;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

@Controller("/api/trials/{trialId}/participants")
@ProblemAnswers
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "session")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Participants")
record ParticipantController(ParticipantService participants) {

    @Post
    @WriteAnswers
    @Permit(Role.COORDINATOR)
    @Operation(summary = "Record a screened person: enrolled, ineligible (with the criteria that failed) or declined")
    @Status(HttpStatus.CREATED)
    HttpResponse<ParticipantView> screen(@Parameter(hidden = true) Actor actor, @PathVariable long trialId,
                                         @Body @Nullable ScreeningRequest request) {
        ParticipantView screened = participants.screen(actor, trialId,
                request == null ? new ScreeningRequest(null, null, null, null, null) : request);
        return HttpResponse.created(screened, URI.create("/api/trials/" + trialId + "/participants/" + screened.id()));
    }

    @Get("{?after,limit}")
    @Permit({Role.ADMIN, Role.COORDINATOR, Role.INVESTIGATOR})
    @Operation(summary = "Everyone screened for the trial, with their status, in the order screened, a page at a time"
            + " (limit, default 100, at most 1000); a Link header with rel=\"next\" gives the next page; never their arm")
    HttpResponse<List<ParticipantView>> list(@PathVariable long trialId,
                                             @Parameter(description = "the id of the last participant of the page before")
                                             @QueryValue @Nullable Long after,
                                             @QueryValue @Nullable Integer limit) {
        int size = Page.limit(limit);
        if (after != null && after < 0) {
            throw ProblemException.invalidRequest("after", "range", "must be a participant's id, 0 or more");
        }
        return participants.list(trialId, after == null ? 0 : after, size)
                .response("/api/trials/" + trialId + "/participants", size);
    }

    @Get("/{participantId}")
    @Permit({Role.ADMIN, Role.COORDINATOR, Role.INVESTIGATOR})
    @Operation(summary = "One participant; never their arm")
    ParticipantView find(@PathVariable long trialId, @PathVariable long participantId) {
        return participants.find(trialId, participantId);
    }
}
