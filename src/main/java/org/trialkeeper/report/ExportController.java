package org.trialkeeper.report;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.trialkeeper.access.Actor;
import org.trialkeeper.access.Permit;
import org.trialkeeper.access.Role;
import org.trialkeeper.reads.ReadLimit;

import java.util.List;
import org.trialkeeper.problem.ProblemAnswers;
import org.trialkeeper.problem.StateAnswers;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

/** The exports a statistician analyses and a data manager files, after LOCKED. */
@Controller("/api/trials/{trialId}/exports")
@ProblemAnswers
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "session")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Exports")
record ExportController(ExportService exports, ReadLimit reads) {

    private static final MediaType CSV = MediaType.of("text/csv");

    @Get("/scores-long.csv")
    @StateAnswers
    @Produces("text/csv")
    @Permit({Role.ADMIN, Role.INVESTIGATOR, Role.STATISTICIAN})
    @Operation(summary = "After LOCKED: one row per score (participant, arm, timepoint, instrument, score, value, prorated)")
    HttpResponse<StreamedFile> longScores(@Parameter(hidden = true) Actor actor, @PathVariable long trialId) {
        return file(reads.inTurn(() -> exports.longScores(actor, trialId)), ExportFile.SCORES_LONG.fileName(trialId));
    }

    @Get("/scores-wide.csv")
    @StateAnswers
    @Produces("text/csv")
    @Permit({Role.ADMIN, Role.INVESTIGATOR, Role.STATISTICIAN})
    @Operation(summary = "After LOCKED: one row per randomised participant, a column per timepoint, instrument and score")
    HttpResponse<StreamedFile> wideScores(@Parameter(hidden = true) Actor actor, @PathVariable long trialId) {
        return file(reads.inTurn(() -> exports.wideScores(actor, trialId)), ExportFile.SCORES_WIDE.fileName(trialId));
    }

    @Get("/codebook.json")
    @StateAnswers
    @Permit({Role.ADMIN, Role.INVESTIGATOR, Role.STATISTICIAN})
    @Operation(summary = "After LOCKED: every column of every export with its label, type, levels, units and missing codes")
    Codebook codebook(@Parameter(hidden = true) Actor actor, @PathVariable long trialId) {
        return exports.codebook(actor, trialId, "json");
    }

    @Get("/codebook.csv")
    @StateAnswers
    @Produces("text/csv")
    @Permit({Role.ADMIN, Role.INVESTIGATOR, Role.STATISTICIAN})
    @Operation(summary = "After LOCKED: the codebook as CSV, one row per column of each export")
    HttpResponse<String> codebookCsv(@Parameter(hidden = true) Actor actor, @PathVariable long trialId) {
        return attachment(CodebookCsv.of(exports.codebook(actor, trialId, "csv")), CSV, "codebook-" + trialId + ".csv");
    }

    @Get("/trial.R")
    @StateAnswers
    @Produces(MediaType.TEXT_PLAIN)
    @Permit({Role.ADMIN, Role.INVESTIGATOR, Role.STATISTICIAN})
    @Operation(summary = "After LOCKED: an R script that reads the CSV exports with labels and factor levels")
    HttpResponse<String> rScript(@Parameter(hidden = true) Actor actor, @PathVariable long trialId) {
        return attachment(exports.rScript(actor, trialId), MediaType.TEXT_PLAIN_TYPE, "trial-" + trialId + ".R");
    }

    @Get("/trial.sps")
    @StateAnswers
    @Produces(MediaType.TEXT_PLAIN)
    @Permit({Role.ADMIN, Role.INVESTIGATOR, Role.STATISTICIAN})
    @Operation(summary = "After LOCKED: SPSS syntax that reads the CSV exports with variable and value labels")
    HttpResponse<String> spssSyntax(@Parameter(hidden = true) Actor actor, @PathVariable long trialId) {
        return attachment(exports.spssSyntax(actor, trialId), MediaType.TEXT_PLAIN_TYPE, "trial-" + trialId + ".sps");
    }

    private static HttpResponse<StreamedFile> file(SpooledCsv.Spooled csv, String filename) {
        return HttpResponse.ok(new StreamedFile(csv.content(), CSV, System.currentTimeMillis(), csv.length())
                .attach(filename));
    }

    private static HttpResponse<String> attachment(String body, MediaType type, String filename) {
        return HttpResponse.ok(body).contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"");
    }
}
