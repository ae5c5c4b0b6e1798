package org.trialkeeper.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Parameter;
import org.trialkeeper.access.Actor;
import org.trialkeeper.access.Permit;
import org.trialkeeper.access.Role;
import org.trialkeeper.analysis.BaselineTable;
import org.trialkeeper.analysis.ConsortReport;
import org.trialkeeper.analysis.OutcomeTable;
import org.trialkeeper.randomisation.DiagnosticsRuns;
import org.trialkeeper.randomisation.SequenceAudit;
import org.trialkeeper.randomisation.scheme.Diagnostics;
import org.trialkeeper.reads.ReadLimit;
import org.trialkeeper.report.ReportService;
import org.trialkeeper.report.Wording;
import org.trialkeeper.trial.TrialService;
import org.trialkeeper.trial.TrialStatus;
import org.trialkeeper.trial.TrialView;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The results on a page for investigators, statisticians and administrators: the sample-size
 * calculation, the outcomes table (pooled over the arms until the trial is LOCKED), and for the
 * statistician after lock the sequence's verification and the scheme's diagnostics.
 */
@Controller(Pages.ROOT + "/trials/{trialId}/results")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
@Hidden
record ResultsPages(WebSession session, TrialService trials, ReportService reports, SequenceAudit sequences,
                    DiagnosticsRuns diagnostics, ReadLimit reads) {

    /** One line of the outcomes table, written out: the outcome and its ANCOVA on the first line of each. */
    public record Line(String outcome, String group, String baseline, String after, String difference, String test) {
    }

    /** One line of the baseline table: a characteristic, or one level of it, with a cell per group. */
    public record BaselineLine(String label, boolean level, List<String> cells) {
    }

    /** Simulations behind the page's diagnostics: a fraction of a second for the seed trial, enough for two decimals. */
    private static final int SIMULATIONS = 1000;

    @Get
    @Permit({Role.ADMIN, Role.INVESTIGATOR, Role.STATISTICIAN})
    HttpResponse<?> results(HttpRequest<?> request, @Parameter(hidden = true) Actor actor, @PathVariable long trialId) {
        TrialView trial = trials.withPlan(trialId);
        boolean locked = trial.status() == TrialStatus.LOCKED;
        Map<String, Object> model = Pages.model(request, session, actor, "Results of " + trial.shortName());
        model.put("trial", trial);
        model.put("locked", locked);
        model.put("sampleSize", trial.sampleSize());
        if (trial.status() != TrialStatus.DRAFT) {
            ConsortReport report = reads.inTurn(() -> reports.report(trialId, Wording.CONSORT_2025, false)).report();
            model.put("outcomes", lines(report));
            model.put("baselineColumns", report.baseline().columns().stream()
                    .map(c -> c.group() + " (n = " + c.n() + ")").toList());
            model.put("baseline", baselineLines(report.baseline()));
        }
        if (locked && actor.role() == Role.STATISTICIAN) {
            model.put("verification", reads.inTurn(() -> sequences.verify(trialId)));
            model.put("diagnostics", diagnosed(trialId));
        }
        return Pages.page("results", model);
    }

    private static List<Line> lines(ConsortReport report) {
        List<Line> lines = new ArrayList<>();
        for (OutcomeTable.Row row : report.outcomes()) {
            boolean first = true;
            for (OutcomeTable.ArmSummary arm : row.arms()) {
                OutcomeTable.AncovaResult ancova = first ? row.ancova() : null;
                String missing = row.ancovaMissingBecause() == null ? "" : row.ancovaMissingBecause();
                lines.add(new Line(first ? row.label() + " (" + row.timepoint() + ")" : "", arm.group(),
                        summary(arm.baseline()), summary(arm.post()),
                        ancova == null ? "" : String.format(Locale.ROOT, "%.2f (%.2f to %.2f)", ancova.adjustedDifference(),
                                ancova.differenceLower(), ancova.differenceUpper()),
                        ancova == null ? (first ? missing : "") : String.format(Locale.ROOT, "F(%d, %d) = %.2f, p = %.4f, %.3f",
                                ancova.df1(), ancova.df2(), ancova.f(), ancova.p(), ancova.partialEtaSquared())));
                first = false;
            }
        }
        return lines;
    }

    private static List<BaselineLine> baselineLines(BaselineTable.Table table) {
        List<BaselineLine> lines = new ArrayList<>();
        for (BaselineTable.Row row : table.rows()) {
            if (row.levels() == null || row.levels().isEmpty()) {
                lines.add(new BaselineLine(row.label() + ", mean (SD)", false, row.cells().stream()
                        .map(c -> c.mean() == null ? "-" : String.format(Locale.ROOT, "%.2f (%s)", c.mean(),
                                c.sd() == null ? "-" : String.format(Locale.ROOT, "%.2f", c.sd()))).toList()));
            } else {
                lines.add(new BaselineLine(row.label() + ", n (%)", false, List.of()));
                for (BaselineTable.Level level : row.levels()) {
                    lines.add(new BaselineLine(level.label(), true, level.cells().stream()
                            .map(c -> c.count() == null ? "-" : String.format(Locale.ROOT, "%d (%.1f)", c.count(),
                                    c.percent() == null ? 0.0 : c.percent())).toList()));
                }
            }
        }
        return lines;
    }

    private static String summary(OutcomeTable.Summary summary) {
        if (summary.mean() == null) {
            return "n = " + summary.n();
        }
        return String.format(Locale.ROOT, "%.2f (%s), n = %d", summary.mean(),
                summary.sd() == null ? "-" : String.format(Locale.ROOT, "%.2f", summary.sd()), summary.n());
    }

    /** The scheme's diagnostics, or null when they take longer than a page should wait. */
    private Diagnostics.Result diagnosed(long trialId) {
        var run = diagnostics.start(trialId, trials.protocol(trialId), SIMULATIONS);
        try {
            return run.get(20, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException slow) {
            run.cancel(true);
            return null;
        } catch (InterruptedException interrupted) {
            run.cancel(true);
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
