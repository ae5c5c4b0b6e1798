package org.trialkeeper.report;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import org.trialkeeper.access.Actor;
import org.trialkeeper.analysis.Cohort;
import org.trialkeeper.assessment.AssessmentService;
import org.trialkeeper.audit.AuditEvent;
import org.trialkeeper.audit.AuditTrail;
import org.trialkeeper.problem.ProblemCode;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.trial.TrialService;
import org.trialkeeper.trial.TrialStatus;

/**
 * The statistician's and data manager's exports of a LOCKED trial: scores long and wide, the
 * codebook of every export, and the R script and SPSS syntax that read them. Each is audited;
 * none exists before LOCKED, since each names arms.
 */
@Singleton
class ExportService {

    private final TrialService trials;
    private final SnapshotReader snapshots;
    private final AssessmentService assessments;
    private final AuditTrail audit;

    ExportService(TrialService trials, SnapshotReader snapshots, AssessmentService assessments, AuditTrail audit) {
        this.trials = trials;
        this.snapshots = snapshots;
        this.assessments = assessments;
        this.audit = audit;
    }

    /** Every assessment's total and subscales, one row each; the audit record follows the last row. */
    @Transactional
    SpooledCsv.Spooled longScores(Actor actor, long trialId) {
        Cohort people = lockedPeople(trialId);
        long[] rows = new long[1];
        SpooledCsv.Spooled csv = SpooledCsv.write(LongScores.HEADER, printer -> {
            LongScores scores = new LongScores(people, printer);
            assessments.scorecards(trialId, scores);
            rows[0] = scores.rows();
        });
        audited(actor, trialId, "export.scores-long", rows[0]);
        return csv;
    }

    /** One row per randomised participant with every score of the protocol. */
    @Transactional
    SpooledCsv.Spooled wideScores(Actor actor, long trialId) {
        Cohort people = lockedPeople(trialId);
        ScoreColumns columns = ScoreColumns.of(trials.protocol(trialId));
        long[] rows = new long[1];
        SpooledCsv.Spooled csv = SpooledCsv.write(WideScores.header(columns), printer -> {
            WideScores scores = new WideScores(people, columns, printer);
            assessments.scorecards(trialId, scores);
            scores.finish();
            rows[0] = scores.rows();
        });
        audited(actor, trialId, "export.scores-wide", rows[0]);
        return csv;
    }

    @Transactional
    Codebook codebook(Actor actor, long trialId, String format) {
        Codebook codebook = Codebook.of(trialId, lockedProtocol(trialId));
        audit.record(AuditEvent.of(actor, trialId, "export.codebook", "trial", trialId)
                .after(AuditEvent.fields("format", format, "variables", codebook.variables().size())));
        return codebook;
    }

    @Transactional
    String rScript(Actor actor, long trialId) {
        String script = RScript.of(Codebook.of(trialId, lockedProtocol(trialId)));
        audited(actor, trialId, "export.r-script", script.lines().count());
        return script;
    }

    @Transactional
    String spssSyntax(Actor actor, long trialId) {
        String syntax = SpssSyntax.of(Codebook.of(trialId, lockedProtocol(trialId)));
        audited(actor, trialId, "export.spss-syntax", syntax.lines().count());
        return syntax;
    }

    private Cohort lockedPeople(long trialId) {
        lockedProtocol(trialId);
        return snapshots.people(trialId);
    }

    private Protocol lockedProtocol(long trialId) {
        if (trials.find(trialId).status() != TrialStatus.LOCKED) {
            throw new ProblemException(ProblemCode.NOT_LOCKED,
                    "Scores, codebooks and scripts are exported once the trial's database is LOCKED");
        }
        return trials.protocol(trialId);
    }

    private void audited(Actor actor, long trialId, String action, long rows) {
        audit.record(AuditEvent.of(actor, trialId, action, "trial", trialId).after(AuditEvent.fields("rows", rows)));
    }
}
