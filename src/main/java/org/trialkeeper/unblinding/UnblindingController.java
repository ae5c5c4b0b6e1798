package org.trialkeeper.unblinding;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.trialkeeper.access.Actor;
import org.trialkeeper.access.Permit;
import org.trialkeeper.access.Role;
import org.trialkeeper.randomisation.AllocationView;
import org.trialkeeper.problem.ProblemAnswers;
import org.trialkeeper.problem.ThrottledAnswers;
import org.trialkeeper.problem.WriteAnswers;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

@Controller("/api/trials/{trialId}")
@ProblemAnswers
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "session")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Randomisation")
record UnblindingController(EmergencyUnblinding unblinding) {

    @Post("/participants/{participantId}/unblinding")
    @ThrottledAnswers
    @WriteAnswers
    @Permit({Role.COORDINATOR, Role.INVESTIGATOR, Role.STATISTICIAN})
    @Operation(summary = "Emergency unblinding of one participant, by the roles the protocol names, with a reason and password")
    AllocationView unblind(@Parameter(hidden = true) Actor actor, @PathVariable long trialId,
                           @PathVariable long participantId, @Body @Nullable UnblindingRequest request) {
        UnblindingRequest body = request == null ? new UnblindingRequest(null, null) : request;
        return unblinding.unblind(actor, trialId, participantId, body.reason(), body.password());
    }
}
