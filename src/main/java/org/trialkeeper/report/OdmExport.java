package org.trialkeeper.report;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import org.trialkeeper.access.Actor;
import org.trialkeeper.assessment.AssessmentService;
import org.trialkeeper.audit.AuditEvent;
import org.trialkeeper.audit.AuditTrail;
import org.trialkeeper.trial.TrialService;

import java.time.Clock;
import java.util.List;

/** A LOCKED trial's metadata and data as one CDISC ODM file; each export is audited. */
@Singleton
class OdmExport {

    private final SnapshotReader snapshots;
    private final TrialService trials;
    private final AuditTrail audit;
    private final Clock clock;

    OdmExport(SnapshotReader snapshots, TrialService trials, AuditTrail audit, Clock clock) {
        this.snapshots = snapshots;
        this.trials = trials;
        this.audit = audit;
        this.clock = clock;
    }

    /** Everything the file holds, read in one transaction; the file is written from it as it is sent. */
    @Transactional
    OdmFile odm(Actor actor, long trialId) {
        TrialSnapshot snapshot = ReportService.locked(snapshots.read(trialId));
        List<AssessmentService.Entered> entered = snapshots.itemResponses(trialId);
        OdmFile file = new OdmFile(trialId, trials.find(trialId).protocolVersion(), trials.protocol(trialId),
                snapshot.data(), entered, clock.instant());
        audit.record(AuditEvent.of(actor, trialId, "export.odm", "trial", trialId).after(AuditEvent.fields(
                "fileOid", file.fileOid(), "subjects", snapshot.data().people().size(), "assessments", entered.size())));
        return file;
    }
}
