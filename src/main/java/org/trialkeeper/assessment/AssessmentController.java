package org.trialkeeper.assessment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Status;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.trialkeeper.access.Actor;
import org.trialkeeper.access.Permit;
import org.trialkeeper.access.Role;
import org.trialkeeper.reads.Page;

import java.net.URI;
import java.util.List;
import org.trialkeeper.problem.ProblemAnswers;
import org.trialkeeper.problem.WriteAnswers;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

@Controller("/api/trials/{trialId}")
@ProblemAnswers
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "session")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Assessments")
record AssessmentController(AssessmentService assessments, ImportEntry imports) {

    @Post("/participants/{participantId}/assessments")
    @WriteAnswers
    @Permit(Role.ASSESSOR)
    @Operation(summary = "Enter one instrument at one timepoint; answers the computed total and subscales")
    @Status(HttpStatus.CREATED)
    HttpResponse<AssessmentView> enter(@Parameter(hidden = true) Actor actor, @PathVariable long trialId,
                                       @PathVariable long participantId, @Body @Nullable AssessmentRequest request) {
        AssessmentView entered = assessments.enter(actor, trialId, participantId,
                request == null ? new AssessmentRequest(null, null, null, null) : request);
        return HttpResponse.created(entered, URI.create("/api/trials/" + trialId + "/participants/" + participantId
                + "/assessments/" + entered.id()));
    }

    @Get("/participants/{participantId}/assessments")
    @Permit({Role.ASSESSOR, Role.ADMIN})
    @Operation(summary = "A participant's assessments with their scores; never the arm")
    List<AssessmentView> list(@PathVariable long trialId, @PathVariable long participantId) {
        return assessments.list(trialId, participantId);
    }

    @Put("/participants/{participantId}/assessments/{assessmentId}")
    @WriteAnswers
    @Permit(Role.ASSESSOR)
    @Operation(summary = "Correct an assessment, with a reason; the earlier values stay in the audit trail")
    AssessmentView correct(@Parameter(hidden = true) Actor actor, @PathVariable long trialId,
                           @PathVariable long participantId, @PathVariable long assessmentId,
                           @Body @Nullable CorrectionRequest request) {
        return assessments.correct(actor, trialId, participantId, assessmentId,
                request == null ? new CorrectionRequest(null, null, null) : request);
    }

    @Get("/worklist{?after,limit}")
    @Permit({Role.ASSESSOR, Role.ADMIN})
    @Operation(summary = "Participants who may be assessed, by code, with due dates and instruments done and to do,"
            + " a page at a time (limit, default 100, at most 1000); a Link header with rel=\"next\" gives the next page")
    HttpResponse<List<WorklistEntry>> worklist(@PathVariable long trialId,
                                               @Parameter(description = "the code of the last participant of the page before")
                                               @QueryValue @Nullable String after,
                                               @QueryValue @Nullable Integer limit) {
        int size = Page.limit(limit);
        return assessments.worklist(trialId, after == null ? "" : after, size)
                .response("/api/trials/" + trialId + "/worklist", size);
    }

    @Post("/assessments/import")
    @WriteAnswers
    @Consumes({"text/csv", "text/plain"})
    @Permit(Role.ASSESSOR)
    @Operation(summary = "Import assessments from CSV in long format (participant, timepoint, instrument, item, value,"
            + " optionally guess): all rows or none")
    @Status(HttpStatus.CREATED)
    @RequestBody(required = true, description = "A header row, then one item response a row; an empty value for an unanswered item",
            content = {
                @Content(mediaType = "text/csv", schema = @Schema(type = "string"),
                        examples = @ExampleObject(name = "two items", value = "participant,timepoint,instrument,item,value,guess\n"
                                + "N-001,post,CDRISC,1,3,dont-know\nN-001,post,CDRISC,2,\n")),
                @Content(mediaType = "text/plain", schema = @Schema(type = "string"))
            })
    HttpResponse<AssessmentService.Imported> importCsv(@Parameter(hidden = true) Actor actor, @PathVariable long trialId,
                                                       @Parameter(hidden = true) @Body @Nullable String csv) {
        return HttpResponse.created(imports.importCsv(actor, trialId, csv));
    }
}
