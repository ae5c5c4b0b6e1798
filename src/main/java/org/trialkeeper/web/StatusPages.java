package org.trialkeeper.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Parameter;
import org.trialkeeper.access.Actor;
import org.trialkeeper.access.Permit;
import org.trialkeeper.access.Role;
import org.trialkeeper.assessment.AssessmentService;
import org.trialkeeper.assessment.WorklistEntry;
import org.trialkeeper.followup.ProgressService;
import org.trialkeeper.protocol.Instrument;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.protocol.Timepoint;
import org.trialkeeper.reads.Page;
import org.trialkeeper.trial.TrialService;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The coordinator's status grid: each participant still followed by each timepoint and
 * instrument, done, due, overdue or not yet due, from the assessor's work list, so that it says
 * nothing about arms.
 */
@Controller(Pages.ROOT + "/trials/{trialId}/status")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
@Hidden
record StatusPages(WebSession session, TrialService trials, AssessmentService assessments, Clock clock) {

    /** A column of the grid. */
    public record Column(String timepoint, String instrument, String name) {
    }

    /** A participant's line: a cell a column, each a word and the class that colours it. */
    public record Line(String code, String site, List<Cell> cells) {
    }

    public record Cell(String text, String state) {
    }

    @Get("{?after}")
    @Permit({Role.ADMIN, Role.COORDINATOR})
    HttpResponse<?> grid(HttpRequest<?> request, @Parameter(hidden = true) Actor actor, @PathVariable long trialId,
                         @QueryValue @Nullable String after) {
        Protocol protocol = trials.protocol(trialId);
        List<Column> columns = new ArrayList<>();
        for (Timepoint timepoint : protocol.timepoints()) {
            for (String instrument : timepoint.instruments()) {
                columns.add(new Column(timepoint.id(), instrument,
                        protocol.instrument(instrument).map(Instrument::name).orElse(instrument)));
            }
        }
        Page<WorklistEntry> page = assessments.worklist(trialId, after == null ? "" : after, Page.DEFAULT_LIMIT);
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        List<Line> lines = page.items().stream().map(entry -> new Line(entry.code(), entry.site(),
                columns.stream().map(column -> cell(entry, column, today)).toList())).toList();
        Map<String, Object> model = Pages.model(request, session, actor, "Assessment status");
        model.put("trial", trials.find(trialId));
        model.put("columns", columns);
        model.put("lines", lines);
        model.put("nextAfter", page.after());
        return Pages.page("status", model);
    }

    private static Cell cell(WorklistEntry entry, Column column, LocalDate today) {
        WorklistEntry.Due due = entry.timepoints().stream().filter(d -> d.timepoint().equals(column.timepoint()))
                .findFirst().orElse(null);
        if (due == null) {
            return new Cell("-", "none");
        }
        if (due.done().contains(column.instrument())) {
            return new Cell("done", "done");
        }
        if (today.isAfter(due.dueOn().plusDays(ProgressService.OVERDUE_AFTER_DAYS))) {
            return new Cell("overdue since " + due.dueOn().plusDays(ProgressService.OVERDUE_AFTER_DAYS), "overdue");
        }
        return today.isBefore(due.dueOn()) ? new Cell("due " + due.dueOn(), "later") : new Cell("due", "due");
    }
}
