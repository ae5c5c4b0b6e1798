package org.trialkeeper.report;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.access.Actor;
import org.trialkeeper.access.Permit;
import org.trialkeeper.access.Role;
import org.trialkeeper.reads.ReadLimit;

import java.util.Optional;
import java.util.function.Supplier;
import org.trialkeeper.problem.ProblemAnswers;
import org.trialkeeper.problem.StateAnswers;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

@Controller("/api/trials/{trialId}")
@ProblemAnswers
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "session")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Reports")
record ReportController(ReportService reports, ReadLimit reads, MeterRegistry meters) {

    private static final MediaType CSV = MediaType.of("text/csv");

    @Get("/reports/consort.pdf{?wording,tests}")
    @StateAnswers
    @Produces(MediaType.APPLICATION_PDF)
    @Permit({Role.ADMIN, Role.INVESTIGATOR, Role.STATISTICIAN})
    @Operation(summary = "The CONSORT report as PDF: blinded interim before LOCKED, unblinded after")
    HttpResponse<byte[]> pdf(@PathVariable long trialId, @QueryValue @Nullable String wording,
                             @QueryValue @Nullable Boolean tests) {
        Wording chosen = wording(wording);
        byte[] pdf = timed("consort.pdf", () -> {
            ReportService.Paper paper = reads.inTurn(() -> reports.paper(trialId, chosen, Boolean.TRUE.equals(tests)));
            return ConsortPdf.render(paper.document(), paper.checklist());
        });
        return HttpResponse.ok(pdf).contentType(MediaType.APPLICATION_PDF_TYPE)
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"consort-" + trialId + ".pdf\"");
    }

    @Get("/reports/consort.json{?wording,tests}")
    @StateAnswers
    @Permit({Role.ADMIN, Role.INVESTIGATOR, Role.STATISTICIAN})
    @Operation(summary = "Every number of the CONSORT report, with the data snapshot's SHA-256")
    ReportService.Document json(@PathVariable long trialId, @QueryValue @Nullable String wording,
                                @QueryValue @Nullable Boolean tests) {
        Wording chosen = wording(wording);
        return timed("consort.json", () -> reads.inTurn(() -> reports.report(trialId, chosen, Boolean.TRUE.equals(tests))));
    }

    @Get("/reports/consort-checklist.json")
    @Permit({Role.ADMIN, Role.INVESTIGATOR, Role.STATISTICIAN})
    @Operation(summary = "The CONSORT 2025 checklist, each item with where the report or the protocol answers it")
    ConsortChecklist checklist(@PathVariable long trialId) {
        return timed("consort-checklist.json", () -> reads.inTurn(() -> reports.paper(trialId, Wording.CONSORT_2025, false).checklist()));
    }

    @Get("/exports/participants.csv")
    @StateAnswers
    @Produces("text/csv")
    @Permit({Role.ADMIN, Role.INVESTIGATOR, Role.STATISTICIAN})
    @Operation(summary = "After LOCKED: one row per participant screened, with arm, status and baseline characteristics")
    HttpResponse<String> participants(@Parameter(hidden = true) Actor actor, @PathVariable long trialId) {
        return csv(timed("participants.csv", () -> reads.inTurn(() -> reports.participantsCsv(actor, trialId))),
                "participants-" + trialId + ".csv");
    }

    @Get("/exports/assessments.csv")
    @StateAnswers
    @Produces("text/csv")
    @Permit({Role.ADMIN, Role.INVESTIGATOR, Role.STATISTICIAN})
    @Operation(summary = "After LOCKED: one row per item response (participant, arm, timepoint, instrument, item, value)")
    HttpResponse<String> assessments(@Parameter(hidden = true) Actor actor, @PathVariable long trialId) {
        return csv(timed("assessments.csv", () -> reads.inTurn(() -> reports.assessmentsCsv(actor, trialId))),
                "assessments-" + trialId + ".csv");
    }

    /** Waiting for a turn among the large reads included: what the caller waits for. */
    private <T> T timed(String report, Supplier<T> build) {
        return Timer.builder("trialkeeper.reports").description("Time to answer a report or export, waiting for a turn included")
                .tag("report", report).register(meters).record(build);
    }

    private static HttpResponse<String> csv(String rows, String filename) {
        return HttpResponse.ok(rows).contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"");
    }

    private static Wording wording(String year) {
        Optional<Wording> wording = year == null ? Optional.of(Wording.CONSORT_2010) : Wording.ofYear(year);
        if (wording.isPresent()) {
            return wording.get();
        }
        throw ProblemException.invalidRequest("wording", "one-of", "must be 2010 (the default) or 2025");
    }
}
