package org.trialkeeper.harms;

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
import org.trialkeeper.problem.ProblemException;

import java.util.List;
import org.trialkeeper.problem.ProblemAnswers;
import org.trialkeeper.problem.WriteAnswers;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

@Controller("/api/trials/{trialId}")
@ProblemAnswers
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "session")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Harms")
record HarmsController(HarmsService harms, SeriousEvents serious) {

    @Post("/participants/{participantId}/adverse-events")
    @WriteAnswers
    @Permit(Role.COORDINATOR)
    @Operation(summary = "Record an adverse event of a randomised participant; a serious one is notified at once")
    @Status(HttpStatus.CREATED)
    HttpResponse<AdverseEventView> record(@Parameter(hidden = true) Actor actor, @PathVariable long trialId,
                                          @PathVariable long participantId,
                                          @Body @Nullable AdverseEventRequest request) {
        return HttpResponse.created(harms.record(actor, trialId, participantId,
                request == null ? AdverseEventRequest.empty() : request));
    }

    @Get("/participants/{participantId}/adverse-events")
    @Permit({Role.ADMIN, Role.COORDINATOR})
    @Operation(summary = "A participant's adverse events as last corrected, oldest first")
    List<AdverseEventView> list(@PathVariable long trialId, @PathVariable long participantId) {
        return harms.list(trialId, participantId);
    }

    @Put("/participants/{participantId}/adverse-events/{adverseEventId}")
    @WriteAnswers
    @Permit(Role.COORDINATOR)
    @Operation(summary = "Correct an adverse event, with a reason; the audit trail keeps the values replaced")
    AdverseEventView correct(@Parameter(hidden = true) Actor actor, @PathVariable long trialId,
                             @PathVariable long participantId, @PathVariable long adverseEventId,
                             @Body @Nullable AdverseEventRequest request) {
        return harms.correct(actor, trialId, participantId, adverseEventId,
                request == null ? AdverseEventRequest.empty() : request);
    }

    @Get("/serious-adverse-events{?all}")
    @Permit({Role.ADMIN, Role.COORDINATOR, Role.INVESTIGATOR, Role.STATISTICIAN})
    @Operation(summary = "Serious adverse events not yet acknowledged by you (all=true: every one), without arm "
            + "or relatedness; for the roles the protocol's harms.notify names")
    List<SeriousEventNotice> notices(@Parameter(hidden = true) Actor actor, @PathVariable long trialId,
                                     @QueryValue @Nullable String all) {
        return serious.notices(actor, trialId, all(all));
    }

    /** Read here, since a query value that is not a boolean would otherwise be taken quietly as absent. */
    private static boolean all(String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw ProblemException.invalidRequest("all", "type", "must be true or false");
    }

    @Post("/serious-adverse-events/{adverseEventId}/acknowledgement")
    @WriteAnswers
    @Permit({Role.COORDINATOR, Role.INVESTIGATOR, Role.STATISTICIAN})
    @Operation(summary = "Acknowledge the latest revision of a serious adverse event")
    SeriousEventNotice acknowledge(@Parameter(hidden = true) Actor actor, @PathVariable long trialId,
                                   @PathVariable long adverseEventId) {
        return serious.acknowledge(actor, trialId, adverseEventId);
    }
}
