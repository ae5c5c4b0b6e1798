package org.trialkeeper.report;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.trialkeeper.access.Actor;
import org.trialkeeper.access.Permit;
import org.trialkeeper.access.Role;
import org.trialkeeper.reads.ReadLimit;
import org.trialkeeper.problem.ProblemAnswers;
import org.trialkeeper.problem.StateAnswers;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

@Controller("/api/trials/{trialId}/exports")
@ProblemAnswers
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "session")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Reports")
record OdmController(OdmExport exports, ReadLimit reads) {

    private static final MediaType XML = MediaType.of("application/xml;charset=UTF-8");

    @Get("/odm.xml")
    @StateAnswers
    @Produces(MediaType.APPLICATION_XML)
    @Permit({Role.ADMIN, Role.INVESTIGATOR, Role.STATISTICIAN})
    @Operation(summary = "After LOCKED: the study's metadata and everyone's data as a CDISC ODM 1.3.2 snapshot")
    @ApiResponse(responseCode = "200", description = "the ODM file",
            content = @Content(mediaType = MediaType.APPLICATION_XML, schema = @Schema(type = "string")))
    HttpResponse<OdmFile> odm(@Parameter(hidden = true) Actor actor, @PathVariable long trialId) {
        OdmFile file = reads.inTurn(() -> exports.odm(actor, trialId));
        return HttpResponse.ok(file).contentType(XML)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"odm-" + trialId + ".xml\"");
    }
}
