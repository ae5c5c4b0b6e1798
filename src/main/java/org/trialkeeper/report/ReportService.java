package org.trialkeeper.report;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import org.trialkeeper.analysis.ConsortReport;
import org.trialkeeper.analysis.HarmsTable;
import org.trialkeeper.analysis.SelectionBias;
import org.trialkeeper.analysis.TrialData;
import org.trialkeeper.assessment.AssessmentService;
import org.trialkeeper.audit.AuditAnchor;
import org.trialkeeper.audit.AuditEvent;
import org.trialkeeper.audit.AuditTrail;
import org.trialkeeper.problem.ProblemCode;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.access.Actor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads one consistent snapshot of a trial (one read-only transaction) and computes its CONSORT
 * report. Until the trial is LOCKED only the blinded interim report exists.
 */
@Singleton
public class ReportService {

    private final SnapshotReader snapshots;
    private final AuditTrail audit;
    private final JsonMapper json;
    private final Clock clock;

    ReportService(SnapshotReader snapshots, AuditTrail audit, JsonMapper json, Clock clock) {
        this.snapshots = snapshots;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    /** The report and what identifies its data: a SHA-256 of its numbers, and when it was made. */
    @io.micronaut.serde.annotation.Serdeable
    public record Document(ConsortReport report, Wording wording, String trialStatus, String sha256, Instant generatedAt,
                           AuditAnchor auditAnchor) {

        /** The flow diagram's boxes in this report's wording: what the PDF and the web page draw. */
        public ConsortBoxes boxes() {
            return ConsortBoxes.of(report.flow(), wording);
        }
    }

    /** In one repeatable-read transaction, so that every number comes from the same moment. */
    @io.micronaut.transaction.annotation.Transactional(readOnly = true,
            isolation = io.micronaut.transaction.TransactionDefinition.Isolation.REPEATABLE_READ)
    public Document report(long trialId, Wording wording, boolean baselineTests) {
        return compute(snapshots.read(trialId), wording, baselineTests);
    }

    /** The report with its filled CONSORT 2025 checklist: what the PDF shows. */
    public record Paper(Document document, ConsortChecklist checklist) {
    }

    /** As {@link #report}, with the checklist filled from the protocol and the report, in the same transaction. */
    @io.micronaut.transaction.annotation.Transactional(readOnly = true,
            isolation = io.micronaut.transaction.TransactionDefinition.Isolation.REPEATABLE_READ)
    public Paper paper(long trialId, Wording wording, boolean baselineTests) {
        Document document = compute(snapshots.read(trialId), wording, baselineTests);
        return new Paper(document, ConsortChecklist.of(snapshots.protocol(trialId), document.report()));
    }

    Document compute(TrialSnapshot snapshot, Wording wording, boolean baselineTests) {
        ConsortReport report = ConsortReport.compute(snapshot.data(), snapshot.plan(), snapshot.labels(), snapshot.locked(),
                baselineTests).withHarms(HarmsTable.of(snapshot.data(), snapshot.harms(), snapshot.labels(), snapshot.locked()))
                .withSelectionBias(snapshot.locked() ? SelectionBias.of(snapshot.data(), snapshot.data().arms().stream()
                        .map(TrialData.ArmInfo::code).toList(), snapshot.labels(), snapshot.interventionGuess()) : null);
        return new Document(report, wording, snapshot.status().name(), sha256(write(report)), clock.instant(),
                audit.anchor(snapshot.trialId()));
    }

    /** The participants of a LOCKED trial, one row each; the export is audited. */
    @Transactional
    public String participantsCsv(Actor actor, long trialId) {
        TrialSnapshot snapshot = locked(snapshots.read(trialId));
        TrialData data = snapshot.data();
        audit.record(AuditEvent.of(actor, trialId, "export.participants", "trial", trialId)
                .after(AuditEvent.fields("rows", data.people().size())));
        return Exports.participants(snapshot, snapshots.allocationNumbers(trialId));
    }

    /** Every item response of a LOCKED trial, in long format; the export is audited. */
    @Transactional
    public String assessmentsCsv(Actor actor, long trialId) {
        TrialSnapshot snapshot = locked(snapshots.read(trialId));
        List<AssessmentService.Entered> entered = snapshots.itemResponses(trialId);
        audit.record(AuditEvent.of(actor, trialId, "export.assessments", "trial", trialId)
                .after(AuditEvent.fields("assessments", entered.size())));
        return Exports.assessments(snapshot, entered);
    }

    /** The snapshot, if its trial is LOCKED: item-level data and exports exist only then. */
    static TrialSnapshot locked(TrialSnapshot snapshot) {
        if (!snapshot.locked()) {
            throw new ProblemException(ProblemCode.NOT_LOCKED,
                    "Participant- and item-level data are exported once the trial's database is LOCKED");
        }
        return snapshot;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
