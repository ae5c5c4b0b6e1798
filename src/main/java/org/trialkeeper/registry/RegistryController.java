package org.trialkeeper.registry;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.trialkeeper.access.Permit;
import org.trialkeeper.access.Role;

import java.util.List;
import org.trialkeeper.problem.ProblemAnswers;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

@Controller("/api/trials/{trialId}")
@ProblemAnswers
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "session")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Registry")
record RegistryController(RegistryService registry) {

    @Get("/registry-record")
    @Permit({Role.ADMIN, Role.INVESTIGATOR, Role.STATISTICIAN})
    @Operation(summary = "The trial's WHO Trial Registration Data Set record from its protocol, at any time; missing items listed")
    RegistryRecord record(@PathVariable long trialId) {
        return registry.record(trialId);
    }

    @Get("/registry-record.txt")
    @Produces(MediaType.TEXT_PLAIN)
    @Permit({Role.ADMIN, Role.INVESTIGATOR, Role.STATISTICIAN})
    @Operation(summary = "The same record as plain text, item by item")
    HttpResponse<String> text(@PathVariable long trialId) {
        return HttpResponse.ok(registry.record(trialId).text()).contentType(MediaType.TEXT_PLAIN_TYPE);
    }

    @Get("/protocol/registry-check")
    @Permit({Role.ADMIN, Role.INVESTIGATOR, Role.STATISTICIAN})
    @Operation(summary = "What a trial registry would still ask for that the protocol does not say")
    List<RegistryItem> check(@PathVariable long trialId) {
        return registry.record(trialId).stillAsked();
    }
}
