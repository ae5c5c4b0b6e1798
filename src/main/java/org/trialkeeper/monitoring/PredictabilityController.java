package org.trialkeeper.monitoring;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.trialkeeper.access.Actor;
import org.trialkeeper.access.Permit;
import org.trialkeeper.access.Role;
import org.trialkeeper.reads.ReadLimit;
import org.trialkeeper.problem.ProblemAnswers;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

@Controller("/api/trials/{trialId}")
@ProblemAnswers
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "session")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Randomisation")
record PredictabilityController(PredictabilityMonitor monitor, ReadLimit reads) {

    @Get("/randomisation/predictability")
    @Permit({Role.ADMIN, Role.COORDINATOR, Role.STATISTICIAN})
    @Operation(summary = "For the roles the protocol names for monitoring: the share of allocations a convergence guesser"
            + " got right so far, by site and overall, against the scheme's expected share, with warnings")
    Predictability predictability(@Parameter(hidden = true) Actor actor, @PathVariable long trialId) {
        return reads.inTurn(() -> monitor.figures(actor, trialId));
    }
}
